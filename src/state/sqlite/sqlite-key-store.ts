import type { Database } from 'better-sqlite3';
import type { KeyStore } from '../key-store';

/** Shared keys in the state file (they survive a restart with it). */
export function createSqliteKeyStore({ db }: { db: Database }): KeyStore {
  const insert = db.prepare('INSERT INTO state_keys (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const select = db.prepare<[string], { value: string }>('SELECT value FROM state_keys WHERE name = ?');
  return {
    async getOrCreate(name, create) {
      const existing = select.get(name);
      if (existing !== undefined) return existing.value;
      insert.run(name, create(), new Date().toISOString());
      const stored = select.get(name);
      if (stored === undefined) throw new Error(`state key "${name}" vanished right after it was written`);
      return stored.value;
    },
  };
}
