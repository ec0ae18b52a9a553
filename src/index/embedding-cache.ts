import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../config/errors';
import type { Embedder } from '../embed/embedder';

/** File name of the cache inside the data folder (`data/embedding-cache.sqlite`). */
export const EMBEDDING_CACHE_FILE = 'embedding-cache.sqlite';

/** Bumped when the table layout changes. The cache is disposable: another version is dropped, not refused. */
const CACHE_SCHEMA_VERSION = 2;

// A rowid table with a separate key index, not WITHOUT ROWID: rows carry 1.5 kB vectors, and a
// clustered b-tree of large rows spills into overflow pages (measured 4× slower inserts at 384 dims).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS embeddings (
  model TEXT NOT NULL,
  text_hash BLOB NOT NULL,
  dimensions INTEGER NOT NULL,
  vector BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS embeddings_key ON embeddings (model, text_hash);
`;

/**
 * Vectors already computed, kept across snapshots and restarts so that reindexing unchanged text
 * embeds nothing. Keyed by (model key, sha256 of the exact text the model saw, prefix included).
 * Writes are transactions: a crash or an abort leaves whole batches or nothing.
 */
export interface EmbeddingCache {
  /** The cached vectors among `hashes` (of `model`); absent keys are misses. */
  getMany(options: { model: string; hashes: readonly string[] }): Map<string, Float32Array>;
  /** Stores vectors in one transaction (replacing any with the same key). */
  putMany(options: { model: string; entries: readonly { hash: string; vector: Float32Array }[] }): void;
  /** Number of vectors cached, for one model key or all. */
  count(options?: { model?: string }): number;
  /** Deletes every vector of `model` whose hash is not in `keep`; returns how many went. */
  prune(options: { model: string; keep: ReadonlySet<string> }): number;
  close(): void;
}

/** sha256 (hex) of a text as the model sees it; the cache's key within a model. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The cache key of an embedder's model: its id, plus its weights variant when it has one (`Xenova/multilingual-e5-small#q8`). */
export function embedderCacheKey(embedder: Pick<Embedder, 'modelId' | 'variant'>): string {
  return embedder.variant === undefined ? embedder.modelId : `${embedder.modelId}#${embedder.variant}`;
}

interface Row {
  dimensions: number;
  vector: Buffer;
}

/** Hashes are stored as their 32 raw bytes: half the key size of hex. */
function keyOf(hash: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new AppError('INPUT_INVALID', `Embedding cache keys are sha256 hex digests (see textHash); got "${hash.slice(0, 80)}".`);
  return Buffer.from(hash, 'hex');
}

/** Opens (creating when absent) the cache at `path`, e.g. `join(config.dataDir, EMBEDDING_CACHE_FILE)`. */
export function openEmbeddingCache({ path }: { path: string }): EmbeddingCache {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (db.pragma('user_version', { simple: true }) !== CACHE_SCHEMA_VERSION) {
      db.exec('DROP TABLE IF EXISTS embeddings');
      db.pragma(`user_version = ${CACHE_SCHEMA_VERSION}`);
    }
    db.exec(SCHEMA);
  } catch (cause) {
    throw new AppError('INTERNAL', `Cannot open the embedding cache ${path}: ${(cause as Error).message}. Delete the file to start an empty cache.`, { cause });
  }
  const select = db.prepare<[string, Buffer], Row>('SELECT dimensions, vector FROM embeddings WHERE model = ? AND text_hash = ?');
  const insert = db.prepare('INSERT OR REPLACE INTO embeddings (model, text_hash, dimensions, vector) VALUES (?, ?, ?, ?)');
  const getMany = db.transaction((model: string, hashes: readonly string[]) => {
    const found = new Map<string, Float32Array>();
    for (const hash of hashes) {
      const row = select.get(model, keyOf(hash));
      // A row whose blob does not match its dimensions is damage: treat it as a miss and overwrite later.
      if (row !== undefined && row.vector.byteLength === row.dimensions * 4) found.set(hash, toVector(row.vector));
    }
    return found;
  });
  const putMany = db.transaction((model: string, entries: readonly { hash: string; vector: Float32Array }[]) => {
    for (const { hash, vector } of entries) insert.run(model, keyOf(hash), vector.length, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
  });
  const prune = db.transaction((model: string, keep: ReadonlySet<string>) => {
    const del = db.prepare('DELETE FROM embeddings WHERE rowid = ?');
    let removed = 0;
    for (const { id, text_hash } of db.prepare<[string], { id: number; text_hash: Buffer }>('SELECT rowid AS id, text_hash FROM embeddings WHERE model = ?').all(model)) {
      if (!keep.has(text_hash.toString('hex'))) removed += del.run(id).changes;
    }
    return removed;
  });
  return {
    getMany: ({ model, hashes }) => getMany(model, hashes),
    putMany: ({ model, entries }) => void putMany(model, entries),
    count: ({ model } = {}) =>
      model === undefined
        ? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM embeddings').get()?.n ?? 0)
        : (db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM embeddings WHERE model = ?').get(model)?.n ?? 0),
    prune: ({ model, keep }) => prune(model, keep),
    close: () => db.close(),
  };
}

/** Copies the blob into its own aligned buffer (a Buffer's offset need not be a multiple of 4). */
function toVector(blob: Buffer): Float32Array {
  const out = new Float32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
