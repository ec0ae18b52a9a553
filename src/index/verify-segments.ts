import { statSync } from 'node:fs';
import { AppError } from '../config/errors';
import type { SegmentEntry } from './manifest';
import { snapshotPaths } from './snapshot-paths';
import { sha256File, sqliteQuickCheck } from './verify-snapshot';

function corrupt(snapshotId: string, problems: readonly string[]): AppError {
  return new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId} has damaged segments: ${problems.join('; ')}. It is refused; roll back ("troly index --rollback") or run "troly index --full" to rebuild it.`);
}

/** The cheap check, for every open: each segment file and its postings file exist with the sizes they were written with. */
export function checkSegmentFiles({ dataDir, snapshotId, entries }: { dataDir: string; snapshotId: string; entries: readonly SegmentEntry[] }): void {
  const paths = snapshotPaths({ dataDir });
  const problems: string[] = [];
  const sizeOf = (path: string): number | undefined => {
    try {
      return statSync(path).size;
    } catch {
      return undefined;
    }
  };
  for (const e of entries) {
    const size = sizeOf(paths.segment(e.id));
    if (size === undefined) problems.push(`segment ${e.id} is missing`);
    else if (size !== e.bytes) problems.push(`segment ${e.id} has ${size} bytes, ${e.bytes} were written`);
    const postings = sizeOf(paths.segmentPostings(e.id));
    if (postings === undefined) problems.push(`the postings of segment ${e.id} are missing`);
    else if (postings !== e.postings.bytes) problems.push(`the postings of segment ${e.id} have ${postings} bytes, ${e.postings.bytes} were written`);
  }
  if (problems.length > 0) throw corrupt(snapshotId, problems);
}

/**
 * The full check of segments, reading every byte: sha256 of both files against the manifest and SQLite's
 * quick_check. An update runs it on the segments it wrote (seconds only for a full build); a
 * check of a whole snapshot before serving runs it on all of them.
 */
export function verifySegments({ dataDir, snapshotId, entries }: { dataDir: string; snapshotId: string; entries: readonly SegmentEntry[] }): void {
  checkSegmentFiles({ dataDir, snapshotId, entries });
  const paths = snapshotPaths({ dataDir });
  const problems: string[] = [];
  for (const e of entries) {
    const path = paths.segment(e.id);
    if (sha256File(path) !== e.sha256) problems.push(`segment ${e.id} does not have the content written (sha256 differs)`);
    if (sha256File(paths.segmentPostings(e.id)) !== e.postings.sha256) problems.push(`the postings of segment ${e.id} do not have the content written (sha256 differs)`);
    const check = sqliteQuickCheck(path);
    if (check !== 'ok') problems.push(`segment ${e.id} fails SQLite's quick_check (${check})`);
  }
  if (problems.length > 0) throw corrupt(snapshotId, problems);
}
