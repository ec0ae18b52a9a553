import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { openSnapshot } from '../../src/index/open-snapshot';
import { rollbackSnapshot } from '../../src/index/rollback-snapshot';
import { snapshotPaths } from '../../src/index/snapshot-paths';
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
  } finally {
    snapshot.close();
  }
};

describe('snapshot verification', () => {
  it('records the size and sha256 of every file in the manifest at build time', async () => {
    const { dataDir, ids, dir } = await builtSnapshots(1);
    const [id = ''] = ids;
    const { files } = openSnapshotManifest(dataDir);
    for (const name of ['store.sqlite', 'lexical.bin']) {
      const bytes = readFileSync(join(dir(id), name));
      expect(files?.[name]).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    expect(() => full(dataDir)).not.toThrow();
  });

  it('finds 8 KiB of random bytes written into the store, which opening alone does not', async () => {
    const { dataDir, ids, dir } = await builtSnapshots(1);
    damage(join(dir(ids[0] ?? ''), 'store.sqlite'), randomBytes(8192));
    openSnapshot({ dataDir, tunables }).close();
    expect(() => full(dataDir)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining('store.sqlite does not have the content written') }));
  });

  it('finds 4 KiB of zeros written into the lexical index', async () => {
    const { dataDir, ids, dir } = await builtSnapshots(1);
    damage(join(dir(ids[0] ?? ''), 'lexical.bin'), Buffer.alloc(4096));
    expect(() => full(dataDir)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining('lexical.bin does not have the content written') }));
  });

  it('refuses at open, cheaply, a file of the wrong size or a store without the SQLite header', async () => {
    const { dataDir, ids, dir } = await builtSnapshots(1);
    const store = join(dir(ids[0] ?? ''), 'store.sqlite');
    const size = statSync(store).size;
    truncateSync(store, size - 4096);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT', message: expect.stringContaining(`store.sqlite has ${size - 4096} bytes, ${size} were written`) }));
    truncateSync(store, size);
    const fd = openSync(store, 'r+');
    writeSync(fd, Buffer.alloc(16), 0, 16, 0);
    closeSync(fd);
    expect(() => openSnapshot({ dataDir, tunables })).toThrow(expect.objectContaining({ message: expect.stringContaining('store.sqlite does not start with the SQLite header') }));
  });

  it('rolls back past a damaged snapshot to the newest one that passes', async () => {
    const { dataDir, ids, dir } = await builtSnapshots(3);
    const [first, second, third] = ids;
    damage(join(dir(second ?? ''), 'lexical.bin'), Buffer.alloc(4096));
    expect(rollbackSnapshot({ dataDir, tunables })).toEqual({ from: third, to: first });
    expect(readCurrentSnapshotId({ dataDir })).toBe(first);
  });
});

function openSnapshotManifest(dataDir: string) {
  const snapshot = openSnapshot({ dataDir, tunables });
  snapshot.close();
  return snapshot.manifest;
}
