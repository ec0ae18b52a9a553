import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { AppError } from '../config/errors';
import { snapshotPaths } from './snapshot-paths';

const ID = /^[A-Za-z0-9_-]+$/;

/** The id of the snapshot in service, or undefined when no snapshot was ever switched to. */
export function readCurrentSnapshotId({ dataDir }: { dataDir: string }): string | undefined {
  const { currentFile } = snapshotPaths({ dataDir });
  let text: string;
  try {
    text = readFileSync(currentFile, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('SNAPSHOT_CORRUPT', `Cannot read ${currentFile}. Check the permissions of the data folder.`, { cause });
  }
  const id = text.trim();
  if (!ID.test(id)) {
    throw new AppError('SNAPSHOT_CORRUPT', `${currentFile} should hold a snapshot id, got "${id.slice(0, 60)}". Run "troly index" to build a new snapshot.`);
  }
  return id;
}

/**
 * Points CURRENT at a snapshot atomically: the id is written to a temporary file which is then
 * renamed over CURRENT, so a reader sees either the old id or the new one, never a partial write.
 */
export function switchCurrentSnapshot({ dataDir, id }: { dataDir: string; id: string }): void {
  if (!ID.test(id)) throw new AppError('INTERNAL', `Snapshot id "${id}" has characters other than letters, digits, "-" and "_".`);
  const { currentFile } = snapshotPaths({ dataDir });
  const temp = `${currentFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${id}\n`, { flush: true });
    renameSync(temp, currentFile);
  } catch (error) {
    // A full disk fails the write after the file was created: leave nothing behind.
    rmSync(temp, { force: true });
    throw error;
  }
}
