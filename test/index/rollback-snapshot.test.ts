import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { rollbackSnapshot } from '../../src/index/rollback-snapshot';
import { snapshotPaths } from '../../src/index/snapshot-paths';
import { acquireWriteLock } from '../../src/index/write-lock';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('rollback');
const tunables = { ...DEFAULT_TUNABLES };

async function twoBuilds() {
  const root = tempDir();
  const knowledgeDir = join(root, 'knowledge');
  const dataDir = join(root, 'data');
  writeLawKnowledge(knowledgeDir, { withBadFiles: false });
  const first = await buildSnapshot({ knowledgeDir, dataDir, tunables });
  writeFileSync(join(knowledgeDir, 'thong-bao.md'), '# Thông báo lịch tiếp công dân\n\nỦy ban nhân dân quận tiếp công dân vào sáng thứ Năm hằng tuần.\n');
  const second = await buildSnapshot({ knowledgeDir, dataDir, tunables });
  return { dataDir, first: first.manifest?.id ?? '', second: second.manifest?.id ?? '' };
}

describe('rollbackSnapshot', () => {
  it('switches CURRENT back to the snapshot built before, and refuses to go past the oldest', async () => {
    const { dataDir, first, second } = await twoBuilds();
    expect(readCurrentSnapshotId({ dataDir })).toBe(second);
    expect(rollbackSnapshot({ dataDir, tunables })).toEqual({ from: second, to: first });
    expect(readCurrentSnapshotId({ dataDir })).toBe(first);
    expect(() => rollbackSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_MISSING' }));
    expect(readCurrentSnapshotId({ dataDir })).toBe(first);
  });

  it('skips an older snapshot that no longer opens, and unfinished folders', async () => {
    const { dataDir, first, second } = await twoBuilds();
    const paths = snapshotPaths({ dataDir });
    // A crashed build's folder sorts between the two, and the first snapshot lost its manifest.
    mkdirSync(paths.partialDir(`${first}-z`), { recursive: true });
    writeFileSync(join(paths.dir(first), 'manifest.json'), '{');
    expect(() => rollbackSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_MISSING', message: expect.stringContaining('none opens') }));
    expect(readCurrentSnapshotId({ dataDir })).toBe(second);
  });

  it('does not run beside a build (INDEX_LOCKED)', async () => {
    const { dataDir, second } = await twoBuilds();
    const lock = acquireWriteLock({ dataDir });
    try {
      expect(() => rollbackSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'INDEX_LOCKED' }));
    } finally {
      lock.release();
    }
    expect(readCurrentSnapshotId({ dataDir })).toBe(second);
  });
});
