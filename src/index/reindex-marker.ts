import { rmSync, writeFileSync } from 'node:fs';
import { snapshotPaths } from './snapshot-paths';
import { holderOf, isAlive } from './write-lock';

/**
 * Says, in the data folder, that this process has a reindex running or queued
 * (`data/reindex.pending`, holding our pid), or no longer has. The build itself takes the write
 * lock only once its child process has started; the marker covers the time before (a queued job,
 * a child still loading), so that `troly index --rollback` beside the server refuses too. Throws
 * when the file cannot be written; callers treat it as best-effort.
 */
export function markReindexPending({ dataDir, pending }: { dataDir: string; pending: boolean }): void {
  const { pendingFile } = snapshotPaths({ dataDir });
  if (pending) writeFileSync(pendingFile, `${process.pid}\n`);
  else if (holderOf(pendingFile) === process.pid) rmSync(pendingFile, { force: true });
}

/** The pid of a live process that has a reindex running or queued in this data folder, if any. */
export function pendingReindexHolder({ dataDir }: { dataDir: string }): number | undefined {
  const pid = holderOf(snapshotPaths({ dataDir }).pendingFile);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}
