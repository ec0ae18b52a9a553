import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { readManifest } from './manifest';

/**
 * Deletes the segment files (and their postings files) no snapshot names any more (and unfinished `.partial` ones a crashed
 * build left). Call it holding the write lock, after `pruneSnapshots`. When a snapshot's manifest
 * cannot be read, nothing is deleted: its segments are unknown, and keeping a file costs only disk.
 * A server still reading a deleted segment keeps reading it (the open file outlives its name).
 */
export function pruneSegments({ dataDir }: { dataDir: string }): string[] {
  const paths = snapshotPaths({ dataDir });
  const referenced = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(paths.segmentsDir);
  } catch {
    return [];
  }
  try {
    for (const e of readdirSync(paths.snapshotsDir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.endsWith('.partial')) continue;
      for (const s of readManifest({ path: join(paths.dir(e.name), SNAPSHOT_FILES.manifest) }).lexical.segments) referenced.add(s.id);
    }
  } catch {
    return [];
  }
  const unreferenced = (n: string, ext: string) => n.endsWith(ext) && !referenced.has(n.slice(0, -ext.length));
  // An unfinished file, and the journal SQLite may have left beside one when its writer was killed.
  const unfinished = (n: string) => n.endsWith('.partial') || /\.partial-(journal|wal|shm)$/.test(n);
  const removed = names.filter((n) => unfinished(n) || unreferenced(n, '.sqlite') || unreferenced(n, '.postings'));
  for (const name of removed) rmSync(join(paths.segmentsDir, name), { force: true });
  return removed;
}
