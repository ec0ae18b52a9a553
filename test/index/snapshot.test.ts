import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import { readCurrentSnapshotId, switchCurrentSnapshot } from '../../src/index/current-pointer';
import { chunkerSettings } from '../../src/index/chunker-settings';
import { openSnapshot } from '../../src/index/open-snapshot';
import { snapshotPaths } from '../../src/index/snapshot-paths';
import { acquireWriteLock } from '../../src/index/write-lock';
import { SNAPSHOTS_KEPT, writeSnapshot } from '../../src/index/write-snapshot';
import type { SourceDocument } from '../../src/ingest/types';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('snapshot');
const tunables: Tunables = { ...DEFAULT_TUNABLES };

async function write(dataDir: string, documents: SourceDocument[], extra: Partial<Parameters<typeof writeSnapshot>[0]> = {}) {
  const lock = acquireWriteLock({ dataDir });
  try {
    return await writeSnapshot({
      dataDir,
      lock,
      documents,
      chunks: documents.flatMap((doc) => chunkDocument({ doc })),
      chunker: chunkerSettings(tunables),
      lexicalParams: tunables,
      ingest: { filesSeen: documents.length, problems: 0 },
      knowledgeFingerprint: 'test',
      ...extra,
    });
  } finally {
    lock.release();
  }
}

const code = (c: string) => expect.objectContaining({ code: c });

describe('writeSnapshot / openSnapshot', () => {
  it('writes a snapshot, points CURRENT at it and loads it back searchable', async () => {
    const dataDir = tempDir();
    const manifest = await write(dataDir, [LUAT_CU_TRU, LUAT_HON_NHAN]);
    expect(readCurrentSnapshotId({ dataDir })).toBe(manifest.id);
    const snapshot = openSnapshot({ dataDir, tunables });
    try {
      expect(snapshot.manifest).toEqual(manifest);
      expect(manifest.embedding).toBeNull();
      expect(manifest.counts.documents).toBe(2);
      expect(snapshot.lexical.size).toBe(manifest.counts.chunks);
      const [hit] = snapshot.lexical.search({ query: analyzeQuery({ query: 'điều kiện kết hôn của nam nữ' }), k: 1 });
      expect(snapshot.store.getChunk(hit?.chunkId ?? '')?.locator).toMatch(/^Điều 8\b/);
    } finally {
      snapshot.close();
    }
  });

  it('keeps the old snapshot current and loadable while a new one is written, and after it fails', async () => {
    const dataDir = tempDir();
    const old = await write(dataDir, [LUAT_CU_TRU]);
    let seenMidBuild: string | undefined;
    const failing = write(dataDir, [LUAT_CU_TRU, LUAT_HON_NHAN], {
      vectors: {
        async write() {
          const during = openSnapshot({ dataDir, tunables });
          seenMidBuild = during.id;
          during.close();
          throw new Error('embedding model crashed');
        },
      },
    });
    await expect(failing).rejects.toThrow('embedding model crashed');
    expect(seenMidBuild).toBe(old.id);
    expect(readCurrentSnapshotId({ dataDir })).toBe(old.id);
    expect(readdirSync(join(dataDir, 'snapshots'))).toEqual([old.id]);
    const snapshot = openSnapshot({ dataDir, tunables });
    expect(snapshot.manifest.counts.documents).toBe(1);
    snapshot.close();
  });

  it('stops on abort with ABORTED and leaves CURRENT untouched', async () => {
    const dataDir = tempDir();
    const old = await write(dataDir, [LUAT_CU_TRU]);
    const controller = new AbortController();
    const aborted = write(dataDir, [LUAT_HON_NHAN], { abortSignal: controller.signal, onStep: (step) => step === 'lexical' && controller.abort() });
    await expect(aborted).rejects.toThrowError(code('ABORTED'));
    expect(readCurrentSnapshotId({ dataDir })).toBe(old.id);
    expect(readdirSync(join(dataDir, 'snapshots'))).toEqual([old.id]);
    // The segment the aborted build wrote is gone; the old snapshot's is still there.
    expect(readdirSync(join(dataDir, 'segments')).sort()).toEqual(old.lexical.segments.flatMap((s) => [`${s.id}.postings`, `${s.id}.sqlite`]).sort());
  });

  it(`keeps the last ${SNAPSHOTS_KEPT} snapshots, the current one among them`, async () => {
    const dataDir = tempDir();
    const ids: string[] = [];
    for (let i = 0; i < SNAPSHOTS_KEPT + 2; i++) ids.push((await write(dataDir, [LUAT_HON_NHAN])).id);
    expect(readdirSync(join(dataDir, 'snapshots')).sort()).toEqual(ids.slice(-SNAPSHOTS_KEPT).sort());
    expect(readCurrentSnapshotId({ dataDir })).toBe(ids.at(-1));
  });

  it('refuses a snapshot built with other chunker settings, schema version or text analysis', async () => {
    const dataDir = tempDir();
    const manifest = await write(dataDir, [LUAT_HON_NHAN]);
    expect(() => openSnapshot({ dataDir, tunables: { ...tunables, articleMaxChars: 999 } })).toThrowError(code('SNAPSHOT_INCOMPATIBLE'));
    expect(() => openSnapshot({ dataDir, tunables: { ...tunables, articleMaxChars: 999 } })).toThrow(/run "troly index"/i);
    const path = join(dataDir, 'snapshots', manifest.id, 'manifest.json');
    const original = readFileSync(path, 'utf8');
    for (const change of [{ schemaVersion: manifest.schemaVersion + 1 }, { analyzer: 'khac' }]) {
      writeFileSync(path, JSON.stringify({ ...manifest, ...change }));
      expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_INCOMPATIBLE'));
    }
    writeFileSync(path, original);
    expect(() => openSnapshot({ dataDir, tunables }).close()).not.toThrow();
  });

  it('reports a missing or corrupt snapshot', async () => {
    const dataDir = tempDir();
    expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_MISSING'));
    const manifest = await write(dataDir, [LUAT_HON_NHAN]);
    const dir = join(dataDir, 'snapshots', manifest.id);
    const segmentPath = snapshotPaths({ dataDir }).segment(manifest.lexical.segments[0]?.id ?? '');
    writeFileSync(segmentPath, readFileSync(segmentPath).subarray(0, 200));
    expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_CORRUPT'));
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 1}');
    expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_CORRUPT'));
    switchCurrentSnapshot({ dataDir, id: 'khong-ton-tai' });
    expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_MISSING'));
    writeFileSync(join(dataDir, 'CURRENT'), '../../etc\n');
    expect(() => openSnapshot({ dataDir, tunables })).toThrowError(code('SNAPSHOT_CORRUPT'));
    expect(existsSync(join(dataDir, 'index.lock'))).toBe(false);
  });
});
