import { join } from 'node:path';

/** Where everything of the index lives inside the data folder. */
export interface SnapshotPaths {
  snapshotsDir: string;
  /** Segment files, shared by the snapshots that name them (`data/segments/<id>.sqlite`). */
  segmentsDir: string;
  segment(id: string): string;
  /** The binary postings file of a segment (`data/segments/<id>.postings`, see `postings-file.ts`). */
  segmentPostings(id: string): string;
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
export const SNAPSHOT_FILES = Object.freeze({ manifest: 'manifest.json' });

export function snapshotPaths({ dataDir }: { dataDir: string }): SnapshotPaths {
  const snapshotsDir = join(dataDir, 'snapshots');
  const segmentsDir = join(dataDir, 'segments');
  return {
    snapshotsDir,
    segmentsDir,
    segment: (id) => join(segmentsDir, `${id}.sqlite`),
    segmentPostings: (id) => postingsPathOf(join(segmentsDir, `${id}.sqlite`)),
    currentFile: join(dataDir, 'CURRENT'),
    lockFile: join(dataDir, 'index.lock'),
    pendingFile: join(dataDir, 'reindex.pending'),
    dir: (id) => join(snapshotsDir, id),
    partialDir: (id) => join(snapshotsDir, `${id}.partial`),
  };
}

/** The postings file beside a segment file (`<id>.sqlite` → `<id>.postings`). */
export function postingsPathOf(segmentPath: string): string {
  return `${segmentPath.replace(/\.sqlite$/, '')}.postings`;
}
