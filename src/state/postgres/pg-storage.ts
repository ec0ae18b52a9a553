import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type pg from 'pg';
import { AppError } from '../../config/errors';

/**
 * botbuilder's `Storage` on PostgreSQL, with the semantics of `SqliteStorage` (and `MemoryStorage`):
 * eTag `*` or none overwrites, another eTag must match the stored one, else the whole batch fails
 * with CONFLICT and nothing of it is applied. The rows of a batch are locked (`FOR UPDATE`) while
 * it is checked, so two replicas writing the same conversation cannot both win.
 */
export class PgStorage implements Storage {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new AppError('INPUT_INVALID', 'PgStorage.read: expected an array of keys.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; etag: string; value: string }>('SELECT key, etag, value FROM bot_state WHERE key = ANY($1::text[])', [keys]);
    for (const row of rows) items[row.key] = { ...(JSON.parse(row.value) as StoreItem), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new AppError('INPUT_INVALID', 'PgStorage.write: expected an object of changes.');
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ key: string; etag: string }>('SELECT key, etag FROM bot_state WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE', [entries.map(([key]) => key)]);
      const stored = new Map(rows.map((r) => [r.key, r.etag]));
      for (const [key, item] of entries) {
        const { eTag, ...value } = item as StoreItem & { eTag?: unknown };
        const current = stored.get(key);
        if (current !== undefined && typeof eTag === 'string' && eTag !== '*' && eTag !== current) {
          throw new AppError('CONFLICT', `Storage: error writing "${key}" due to eTag conflict (expected ${current}, got ${eTag}). Read the item again and retry.`);
        }
        await client.query(
          `INSERT INTO bot_state (key, etag, value, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
          [key, randomUUID(), JSON.stringify(value)],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
