import { readdirSync } from 'node:fs';
import { AppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { readCurrentSnapshotId, switchCurrentSnapshot } from './current-pointer';
import { openSnapshot } from './open-snapshot';
import { pendingReindexHolder } from './reindex-marker';
import { verifySegments } from './verify-segments';
import { verifySnapshot } from './verify-snapshot';
import { snapshotPaths } from './snapshot-paths';
import { acquireWriteLock } from './write-lock';

export interface RollbackResult {
  /** The snapshot that was current. */
  from: string;
  /** The snapshot that is current now. */
  to: string;
}

/** Complete snapshot ids in the data folder (unfinished `.partial` folders left out), oldest first. */
function completeSnapshotIds(dataDir: string): string[] {
  try {
    return readdirSync(snapshotPaths({ dataDir }).snapshotsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.endsWith('.partial'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Points CURRENT back at the snapshot built before the current one: the newest older snapshot
 * (ids sort by creation time) that opens cleanly with this configuration and passes the full check
 * of its files (`verifySnapshot`: every byte is read, seconds for gigabytes), checked before the
 * switch. Holds the write lock meanwhile, so it cannot interleave with a build, and refuses while a
 * server has a reindex job running or queued (`reindex.pending`): INDEX_LOCKED either way.
 * Throws SNAPSHOT_MISSING when there is no current snapshot or no usable older one. A running
 * server picks the change up through its admin API (`POST /admin/rollback`) or CURRENT watch.
 */
export function rollbackSnapshot({ dataDir, tunables }: { dataDir: string; tunables: Readonly<Tunables> }): RollbackResult {
  // A reindex that has not taken the lock yet would switch to its own snapshot after ours.
  const server = pendingReindexHolder({ dataDir });
  if (server !== undefined) {
    throw new AppError('INDEX_LOCKED', `A reindex is running or waiting in the server (pid ${server}) for ${dataDir}; it would undo the rollback. Roll back once it has finished (GET /admin/jobs).`);
  }
  const lock = acquireWriteLock({ dataDir });
  try {
    const current = readCurrentSnapshotId({ dataDir });
    if (current === undefined) {
      throw new AppError('SNAPSHOT_MISSING', `No current snapshot in ${dataDir}, so there is nothing to roll back from. Run "troly index" to build one.`);
    }
    const older = completeSnapshotIds(dataDir).filter((id) => id < current).reverse();
    const problems: string[] = [];
    for (const id of older) {
      try {
        const snapshot = openSnapshot({ dataDir, tunables, id });
        try {
          verifySnapshot({ id, dir: snapshot.dir, files: snapshot.manifest.files });
          verifySegments({ dataDir, snapshotId: id, entries: snapshot.manifest.lexical.segments });
        } finally {
          snapshot.close();
        }
      } catch (error) {
        problems.push(`${id}: ${(error as Error).message}`);
        continue;
      }
      switchCurrentSnapshot({ dataDir, id });
      return { from: current, to: id };
    }
    const tried = problems.length === 0 ? 'none is kept' : `none opens (${problems.join('; ')})`;
    throw new AppError('SNAPSHOT_MISSING', `No snapshot older than ${current} to roll back to in ${dataDir}: ${tried}. Fix the knowledge folder and run "troly index" instead.`);
  } finally {
    lock.release();
  }
}
