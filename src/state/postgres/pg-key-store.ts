import type pg from 'pg';
import type { KeyStore } from '../key-store';

/** Shared keys in PostgreSQL: the first replica's value wins, every replica reads the same one. */
export function createPgKeyStore({ pool }: { pool: pg.Pool }): KeyStore {
  return {
    async getOrCreate(name, create) {
      await pool.query('INSERT INTO state_keys (name, value, created_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO NOTHING', [name, create()]);
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM state_keys WHERE name = $1', [name]);
      const value = rows[0]?.value;
      if (value === undefined) throw new Error(`state key "${name}" vanished right after it was written`);
      return value;
    },
  };
}
