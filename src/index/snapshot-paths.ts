import { join } from 'node:path';

/** Where everything of the index lives inside the data folder. */
export interface SnapshotPaths {
  snapshotsDir: string;
  /** One line: the id of the snapshot in service. Replaced by rename, never rewritten in place. */
  currentFile: string;
  /** Held by the one process that is writing a snapshot; contains its pid. */
  lockFile: string;
  /** Exists while a server has a reindex job running or queued; contains the server's pid (rollback refuses meanwhile). */
  pendingFile: string;
  dir(id: string): string;
  /** Where a build writes before its folder is renamed to `dir(id)`. */
  partialDir(id: string): string;
}

/** File names inside a snapshot folder. */
export const SNAPSHOT_FILES = Object.freeze({ manifest: 'manifest.json', store: 'store.sqlite', lexical: 'lexical.bin' });

export function snapshotPaths({ dataDir }: { dataDir: string }): SnapshotPaths {
  const snapshotsDir = join(dataDir, 'snapshots');
  return {
    snapshotsDir,
    currentFile: join(dataDir, 'CURRENT'),
    lockFile: join(dataDir, 'index.lock'),
    pendingFile: join(dataDir, 'reindex.pending'),
    dir: (id) => join(snapshotsDir, id),
    partialDir: (id) => join(snapshotsDir, `${id}.partial`),
  };
}
