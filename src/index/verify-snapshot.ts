import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../config/errors';

/** What the manifest records of one file of a snapshot, when it is written. */
export const snapshotFileSchema = z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** The files of a snapshot, by path relative to its folder (`/`-separated), as written by the build. */
export type SnapshotFiles = Record<string, z.infer<typeof snapshotFileSchema>>;

/** Bytes read at a time while hashing. */
const READ_BYTES = 1024 * 1024;
/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const isSqlite = (name: string): boolean => name.endsWith('.sqlite');

/** sha256 (hex) of a file, read a megabyte at a time. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Size and sha256 of every file in a snapshot folder being built, but `except` (the manifest). Read back from disk: what was really written. */
export function recordSnapshotFiles({ dir, except }: { dir: string; except: readonly string[] }): SnapshotFiles {
  const files: SnapshotFiles = {};
  for (const name of listFiles(dir).filter((n) => !except.includes(n))) {
    files[name] = { bytes: statSync(join(dir, name)).size, sha256: sha256File(join(dir, name)) };
  }
  return files;
}

function headerOf(path: string): Buffer {
  const buffer = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

function corrupt(id: string, problems: readonly string[]): AppError {
  return new AppError('SNAPSHOT_CORRUPT', `Snapshot ${id} is damaged: ${problems.join('; ')}. It is refused; roll back ("troly index --rollback") or run "troly index" to rebuild it.`);
}

/**
 * The cheap checks, for every open (milliseconds at any size): each file the manifest lists
 * exists with the size it had when written, and each SQLite file starts with SQLite's header.
 * Throws SNAPSHOT_CORRUPT naming every problem. A snapshot written before files were recorded
 * passes.
 */
export function checkSnapshotFiles({ id, dir, files }: { id: string; dir: string; files: SnapshotFiles | undefined }): void {
  if (files === undefined) return;
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(files)) {
    const path = join(dir, name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      problems.push(`${name} is missing`);
      continue;
    }
    if (size !== expected.bytes) problems.push(`${name} has ${size} bytes, ${expected.bytes} were written`);
    else if (isSqlite(name) && !headerOf(path).equals(SQLITE_HEADER)) problems.push(`${name} does not start with the SQLite header`);
  }
  if (problems.length > 0) throw corrupt(id, problems);
}

/**
 * The full check, which reads every byte (seconds for gigabytes): the cheap checks, then each
 * listed file's sha256 against the manifest, then SQLite's own `PRAGMA quick_check` on each SQLite
 * file. Run where blocking does no harm: in the indexer before a snapshot is adopted, and by
 * `serve` before it listens. Throws SNAPSHOT_CORRUPT naming every problem.
 */
export function verifySnapshot({ id, dir, files }: { id: string; dir: string; files: SnapshotFiles | undefined }): void {
  checkSnapshotFiles({ id, dir, files });
  const problems: string[] = [];
  const names = files === undefined ? listFiles(dir) : Object.keys(files);
  for (const name of names) {
    const expected = files?.[name];
    if (expected !== undefined && sha256File(join(dir, name)) !== expected.sha256) problems.push(`${name} does not have the content written (sha256 differs)`);
  }
  for (const name of names.filter(isSqlite)) {
    const result = sqliteQuickCheck(join(dir, name));
    if (result !== 'ok') problems.push(`${name} fails SQLite's quick_check (${result})`);
  }
  if (problems.length > 0) throw corrupt(id, problems);
}

/** SQLite's `PRAGMA quick_check` of a database file: "ok", or what is wrong. */
export function sqliteQuickCheck(path: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    return rows.map((r) => r.quick_check).join(', ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}
