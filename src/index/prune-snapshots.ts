import { readdirSync, rmSync } from 'node:fs';
import { snapshotPaths } from './snapshot-paths';

/**
 * Deletes old snapshots, keeping the `keep` newest (ids sort by creation time) and always the
 * current one, and any unfinished `.partial` folder a crashed build left behind. Call it only while
 * holding the write lock, so no build is writing a partial folder. Returns the removed names.
 */
export function pruneSnapshots({ dataDir, keep, currentId }: { dataDir: string; keep: number; currentId: string | undefined }): string[] {
  const { snapshotsDir } = snapshotPaths({ dataDir });
  let names: string[];
  try {
    names = readdirSync(snapshotsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
  const complete = names.filter((n) => !n.endsWith('.partial')).sort().reverse();
  const kept = new Set(complete.slice(0, Math.max(1, keep)));
  if (currentId !== undefined) kept.add(currentId);
  const removed = names.filter((n) => !kept.has(n));
  for (const name of removed) rmSync(`${snapshotsDir}/${name}`, { recursive: true, force: true });
  return removed;
}
