import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FileResult, FileResultCache } from '../ingest/file-result-cache';
import { SIDECAR_SUFFIX } from '../ingest/sidecar';
import type { FoundFile } from '../ingest/walk';
import type { IngestLimits } from '../ingest/ingest-limits';

/** The cache file in the data folder. Safe to delete: the next build parses everything again. */
export const INGEST_CACHE_FILE = 'ingest-cache.sqlite';

let codeVersion: string | undefined;
/**
 * A hash of the ingestion and text-normalisation source files: a cached result is only valid for
 * the code that produced it, and this changes with any edit to that code, so an upgrade never
 * serves documents parsed by an older loader.
 */
function ingestCodeVersion(): string {
  if (codeVersion !== undefined) return codeVersion;
  const hash = createHash('sha256');
  const add = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      // Loaders live in subfolders too (ingest/ocr, ingest/office).
      if (entry.isDirectory()) add(join(dir, entry.name), `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}`).update(readFileSync(join(dir, entry.name)));
    }
  };
  for (const folder of ['../ingest/', '../text/']) add(fileURLToPath(new URL(folder, import.meta.url)), '');
  codeVersion = hash.digest('hex');
  return codeVersion;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

function tryOpen(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // A cache: a power cut may lose its last writes, never corrupt it (WAL), and a lost entry is a parse.
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, result TEXT NOT NULL, build TEXT NOT NULL)');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the cache; one that is damaged is thrown away and started afresh (it only saves time). */
function openDatabase(path: string): Database.Database {
  try {
    return tryOpen(path);
  } catch {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return tryOpen(path);
  }
}

/** The file-result cache of a build, plus the housekeeping `buildSnapshot` does around it. */
export interface IngestCache extends FileResultCache {
  /** Drops the entries no file of this build used (files removed or changed since). */
  sweep(): void;
  close(): void;
}

/**
 * What each file of the knowledge folder produced, in `data/ingest-cache.sqlite`, keyed by the
 * file's path, bytes, metadata sidecar, the per-file limits and the ingestion code: a build parses only
 * new or changed files. Used by the one process holding the index write lock. Never fails a
 * build: a cache that cannot be read is a miss.
 */
export function openIngestCache({ dataDir, limits }: { dataDir: string; limits: IngestLimits }): IngestCache {
  const { maxFileBytes } = limits;
  const limitsKey = JSON.stringify(limits);
  const db = openDatabase(join(dataDir, INGEST_CACHE_FILE));
  const build = `${Date.now()}-${process.pid}`;
  const select = db.prepare<[string], { result: string }>('SELECT result FROM files WHERE key = ?');
  const touch = db.prepare('UPDATE files SET build = ? WHERE key = ?');
  const upsert = db.prepare('INSERT INTO files (key, result, build) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET result = excluded.result, build = excluded.build');
  const keys = new Map<string, string>();
  // Entries served by this build: marked in one transaction by `sweep`, not one commit per file.
  const used: string[] = [];
  const version = ingestCodeVersion();

  return {
    async get(file: FoundFile) {
      try {
        if ((await stat(file.absolutePath)).size > maxFileBytes) return undefined;
        const bytes = await readFile(file.absolutePath);
        const sidecar = await readOptional(`${file.absolutePath}${SIDECAR_SUFFIX}`);
        const key = sha256([version, limitsKey, file.relativePath, sha256(bytes), sidecar === undefined ? '-' : sha256(sidecar)].join('\0'));
        keys.set(file.relativePath, key);
        const row = select.get(key);
        if (row === undefined) return undefined;
        const result = JSON.parse(row.result) as FileResult;
        if (!Array.isArray(result.documents) || !Array.isArray(result.problems)) return undefined;
        used.push(key);
        return result;
      } catch {
        return undefined;
      }
    },
    set(file, result) {
      const key = keys.get(file.relativePath);
      if (key !== undefined) upsert.run(key, JSON.stringify(result), build);
    },
    sweep() {
      db.transaction(() => {
        for (const key of used) touch.run(build, key);
        db.prepare('DELETE FROM files WHERE build != ?').run(build);
      })();
      used.length = 0;
    },
    close() {
      db.close();
    },
  };
}
