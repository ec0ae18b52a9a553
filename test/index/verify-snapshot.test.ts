import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { openSnapshot } from '../../src/index/open-snapshot';
import { rollbackSnapshot } from '../../src/index/rollback-snapshot';
import { snapshotPaths } from '../../src/index/snapshot-paths';
import { verifySegments } from '../../src/index/verify-segments';
import { verifySnapshot } from '../../src/index/verify-snapshot';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('verify-snapshot');
const tunables = { ...DEFAULT_TUNABLES };

async function builtSnapshots(count: 1 | 3) {
  const root = tempDir();
  const knowledgeDir = join(root, 'knowledge');
  const dataDir = join(root, 'data');
  writeLawKnowledge(knowledgeDir, { withBadFiles: false });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) writeFileSync(join(knowledgeDir, `thong-bao-${i}.md`), `# Thông báo số ${i}\n\nỦy ban nhân dân quận tiếp công dân vào sáng thứ Năm hằng tuần.\n`);
    ids.push((await buildSnapshot({ knowledgeDir, dataDir, tunables })).manifest?.id ?? '');
  }
  return { dataDir, ids, dir: (id: string) => snapshotPaths({ dataDir }).dir(id) };
}

/** Overwrites `bytes` in the middle of a file: its size stays the same. */
function damage(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, Math.floor(statSync(path).size / 2));
  } finally {
    closeSync(fd);
  }
}

const full = (dataDir: string) => {
  const snapshot = openSnapshot({ dataDir, tunables });
  try {
    verifySnapshot({ id: snapshot.id, dir: snapshot.dir, files: snapshot.manifest.files });
    verifySegments({ dataDir, snapshotId: snapshot.id, entries: snapshot.manifest.lexical.segments });
  } finally {
    snapshot.close();
  }
};

/** The file of the snapshot's `i`-th segment (the documents and the keyword index live there, shared by later snapshots). */
const segmentFile = (dataDir: string, i = 0) => snapshotPaths({ dataDir }).segment(openSnapshotManifest(dataDir).lexical.segments[i]?.id ?? '');

describe('snapshot verification', () => {
  it('records the size and sha256 of every segment in the manifest at build time', async () => {
    const { dataDir } = await builtSnapshots(1);
    const [segment] = openSnapshotManifest(dataDir).lexical.segments;
    const bytes = readFileSync(segmentFile(dataDir));
    expect(segment).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(() => full(dataDir)).not.toThrow();
  });

  it('finds 8 KiB of random bytes written into a segment, which opening alone does not', async () => {
    const { dataDir } = await builtSnapshots(1);
    damage(segmentFile(dataDir), randomBytes(8192));
    openSnapshot({ dataDir, tunables }).close();
    expect(() => full(dataDir)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringMatching(/segment \S+ does not have the content written/) }));
  });

  it('finds 4 KiB of zeros written into a segment', async () => {
    const { dataDir } = await builtSnapshots(1);
    damage(segmentFile(dataDir), Buffer.alloc(4096));
    expect(() => full(dataDir)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining('does not have the content written') }));
  });

  it('refuses at open, cheaply, a segment of the wrong size or one without the SQLite header', async () => {
    const { dataDir } = await builtSnapshots(1);
    const segment = segmentFile(dataDir);
    const size = statSync(segment).size;
    truncateSync(segment, size - 4096);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining(`has ${size - 4096} bytes, ${size} were written`) }));
    truncateSync(segment, size);
    const fd = openSync(segment, 'r+');
    writeSync(fd, Buffer.alloc(16), 0, 16, 0);
    closeSync(fd);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
  });

  it('finds damage in a segment\'s postings file, and refuses at open one of the wrong size or missing', async () => {
    const { dataDir } = await builtSnapshots(1);
    const [segment] = openSnapshotManifest(dataDir).lexical.segments;
    const postings = snapshotPaths({ dataDir }).segmentPostings(segment?.id ?? '');
    const bytes = readFileSync(postings);
    expect(segment?.postings).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    damage(postings, Buffer.alloc(64, 0xff));
    openSnapshot({ dataDir, tunables }).close();
    expect(() => full(dataDir)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringMatching(/the postings of segment \S+ do not have the content written/) }));
    truncateSync(postings, bytes.length - 1);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining(`have ${bytes.length - 1} bytes, ${bytes.length} were written`) }));
    rmSync(postings);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringMatching(/the postings of segment \S+ are missing/) }));
  });

  it('rolls back past a damaged snapshot to the newest one that passes', async () => {
    const { dataDir, ids } = await builtSnapshots(3);
    const [first, , third] = ids;
    // The second build's segment: the second and the third snapshot hold it, the first does not.
    damage(segmentFile(dataDir, 1), Buffer.alloc(4096));
    expect(rollbackSnapshot({ dataDir, tunables })).toEqual({ from: third, to: first });
    expect(readCurrentSnapshotId({ dataDir })).toBe(first);
  });
});

function openSnapshotManifest(dataDir: string) {
  const snapshot = openSnapshot({ dataDir, tunables });
  snapshot.close();
  return snapshot.manifest;
}
