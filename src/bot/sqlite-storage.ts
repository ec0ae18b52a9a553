import { randomUUID } from 'node:crypto';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { AppError } from '../config/errors';

/**
 * botbuilder's `Storage` over SQLite, so conversation state (follow-up history) survives a restart.
 * Semantics follow `MemoryStorage`: an item written with eTag `*` or none overwrites; an item
 * written with another eTag must match the stored one, else the whole write fails with CONFLICT and
 * nothing of it is applied. Every write gives the item a fresh eTag (a UUID, so that several
 * processes sharing the file never hand out the same one).
 */
export class SqliteStorage implements Storage {
  // Prepared once: every bot turn reads and writes its conversation's state.
  private readonly select: Statement<[string], { etag: string; value: string }>;
  private readonly writeAll: Transaction<(entries: Array<[string, StoreItem]>) => void>;
  private readonly removeAll: Transaction<(keys: string[]) => void>;

  /** `db` has the state schema (`bot_state`), see src/state/sqlite/sqlite-migrations.ts. */
  constructor({ db }: { db: Database }) {
    this.select = db.prepare<[string], { etag: string; value: string }>('SELECT etag, value FROM bot_state WHERE key = ?');
    const current = db.prepare<[string], { etag: string }>('SELECT etag FROM bot_state WHERE key = ?');
    const upsert = db.prepare(
      `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.writeAll = db.transaction((entries: Array<[string, StoreItem]>) => {
      for (const [key, item] of entries) {
        const { eTag, ...value } = item as StoreItem & { eTag?: unknown };
        const stored = current.get(key);
        if (stored !== undefined && typeof eTag === 'string' && eTag !== '*' && eTag !== stored.etag) {
          throw new AppError('CONFLICT', `Storage: error writing "${key}" due to eTag conflict (expected ${stored.etag}, got ${eTag}). Read the item again and retry.`);
        }
        upsert.run(key, randomUUID(), JSON.stringify(value), new Date().toISOString());
      }
    });
    const remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.removeAll = db.transaction((all: string[]) => {
      for (const key of all) remove.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new AppError('INPUT_INVALID', 'SqliteStorage.read: expected an array of keys.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row !== undefined) items[key] = { ...(JSON.parse(row.value) as StoreItem), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new AppError('INPUT_INVALID', 'SqliteStorage.write: expected an object of changes.');
    this.writeAll(Object.entries(changes));
  }

  async delete(keys: string[]): Promise<void> {
    this.removeAll(keys);
  }
}
