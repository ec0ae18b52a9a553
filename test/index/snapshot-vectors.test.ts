import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import type { Embedder } from '../../src/embed/embedder';
import type { LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { buildSnapshot, type BuildProgress } from '../../src/index/build-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { EMBEDDING_CACHE_FILE, embedderCacheKey, openEmbeddingCache } from '../../src/index/embedding-cache';
import { createEmbeddingVectorPart, passageText } from '../../src/index/embedding-vector-part';
import { openSnapshot } from '../../src/index/open-snapshot';
import { VECTOR_CHUNKS_FILE } from '../../src/index/snapshot-vectors';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';
import { countingEmbedder, loadTinyEmbedder } from '../helpers/tiny-embedder';

const MODEL_ID = 'test/tiny-e5-small';
const OTHER_ID = 'test/tiny-other';
const tunables: Tunables = { ...DEFAULT_TUNABLES };
const tempDir = useTempDirs('snapshot-vectors');

let modelsDir: string;
let tiny: LoadedEmbedder;
let other: LoadedEmbedder;

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'troly-vector-models-'));
  tiny = await loadTinyEmbedder({ modelsDir, modelId: MODEL_ID, dimensions: 24, batchSize: 8 });
  other = await loadTinyEmbedder({ modelsDir, modelId: OTHER_ID, dimensions: 16 });
});
afterAll(async () => {
  await tiny?.dispose();
  await other?.dispose();
  await rm(modelsDir, { recursive: true, force: true });
});

function setUp() {
  const root = tempDir();
  const knowledgeDir = join(root, 'knowledge');
  writeLawKnowledge(knowledgeDir, { withBadFiles: false });
  const dataDir = join(root, 'data');
  const build = (embedder: Embedder, extra: { abortSignal?: AbortSignal; onProgress?: (p: BuildProgress) => void } = {}) =>
    buildSnapshot({ knowledgeDir, dataDir, tunables, vectors: createEmbeddingVectorPart({ embedder, cachePath: join(dataDir, EMBEDDING_CACHE_FILE), tunables }), ...extra });
  return { knowledgeDir, dataDir, build };
}

const configured = (e: Embedder) => ({ modelId: e.modelId, dimensions: e.dimensions });

describe('snapshot vectors (tiny real model through transformers.js)', () => {
  it('embeds every chunk as a passage, records the model in the manifest and opens the vectors for the same model', async () => {
    const { dataDir, build } = setUp();
    const embedder = countingEmbedder(tiny);
    const progress: BuildProgress[] = [];
    const { manifest, chunkCount } = await build(embedder, { onProgress: (p) => progress.push(p) });
    expect(manifest?.embedding).toMatchObject({ modelId: MODEL_ID, dimensions: 24, variant: 'q8', count: chunkCount, embedded: chunkCount, cached: 0 });
    expect(embedder.texts()).toBe(chunkCount);
    const vectorEvents = progress.filter((p) => p.phase === 'vectors');
    expect(vectorEvents.at(-1)).toMatchObject({ done: chunkCount, total: chunkCount, etaSeconds: 0 });
    expect(vectorEvents.some((p) => (p.chunksPerSecond ?? 0) > 0)).toBe(true);

    const snapshot = openSnapshot({ dataDir, tunables, embedding: configured(tiny) });
    try {
      expect(snapshot.vectors?.index.size).toBe(chunkCount);
      expect(snapshot.vectors?.chunkIds).toHaveLength(chunkCount);
      // Labels map back to the right chunks: a chunk's own passage vector finds that chunk first.
      const chunk = snapshot.store.getChunk('luat-hon-nhan-va-gia-dinh#dieu-8-0') ?? snapshot.store.chunksOfDocument('luat-hon-nhan-va-gia-dinh')[0];
      if (chunk === undefined) throw new Error('no chunk of Luật Hôn nhân');
      const [vector] = await tiny.embed([passageText({ chunk, title: 'Luật Hôn nhân và gia đình' })], { kind: 'passage' });
      const [top] = snapshot.vectors?.index.search({ vector: vector as Float32Array, k: 1 }) ?? [];
      expect(snapshot.vectors?.chunkIds[top?.label ?? -1]).toBe(chunk.id);
    } finally {
      snapshot.close();
    }
    const lexicalOnly = openSnapshot({ dataDir, tunables });
    expect(lexicalOnly.vectors).toBeUndefined();
    lexicalOnly.close();
  });

  it('embeds nothing when the same text is indexed again, and only the new chunks when a document is added', async () => {
    const { knowledgeDir, build } = setUp();
    const first = await build(countingEmbedder(tiny));
    const again = countingEmbedder(tiny);
    const second = await build(again);
    expect(again.texts()).toBe(0);
    expect(second.manifest?.embedding).toMatchObject({ embedded: 0, cached: first.chunkCount });
    expect(second.manifest?.id).not.toBe(first.manifest?.id);

    writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), '# Thư điện tử công vụ\n\n100% cán bộ, công chức, viên chức được cấp hộp thư điện tử công vụ.\n');
    const added = countingEmbedder(tiny);
    const third = await build(added);
    expect(third.chunkCount).toBeGreaterThan(first.chunkCount);
    expect(added.texts()).toBe(third.chunkCount - first.chunkCount);
    expect(added.batches.flat().every((text) => text.startsWith('Thư điện tử công vụ'))).toBe(true);
  });

  it('refuses a snapshot built with another model or vector length, naming both and the fix', async () => {
    const { dataDir, build } = setUp();
    await build(tiny);
    expect(() => openSnapshot({ dataDir, tunables, embedding: configured(other) })).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_INCOMPATIBLE', message: expect.stringContaining(`index built with ${MODEL_ID}/24, configured ${OTHER_ID}/16: run troly index`) }),
    );
    expect(() => openSnapshot({ dataDir, tunables, embedding: { modelId: MODEL_ID, dimensions: 1024 } })).toThrow(
      expect.objectContaining({ code: 'SNAPSHOT_INCOMPATIBLE', message: expect.stringContaining(`index built with ${MODEL_ID}/24, configured ${MODEL_ID}/1024`) }),
    );
  });

  it('refuses vectors whose chunk labels are missing or do not match', async () => {
    const { dataDir, build } = setUp();
    const { manifest } = await build(tiny);
    const dir = join(dataDir, 'snapshots', manifest?.id ?? '');
    writeFileSync(join(dir, VECTOR_CHUNKS_FILE), '["luat-cu-tru#dieu-1-0"]\n');
    expect(() => openSnapshot({ dataDir, tunables, embedding: configured(tiny) })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
    rmSync(join(dir, VECTOR_CHUNKS_FILE));
    expect(() => openSnapshot({ dataDir, tunables, embedding: configured(tiny) })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
  });

  it('stops between model batches when aborted: no half snapshot, the old one current, finished batches cached for the rerun', async () => {
    const { dataDir, knowledgeDir, build } = setUp();
    const before = await build(tiny);
    // 30 sections, one chunk each: four model batches of 8, so an abort after the second leaves work undone.
    const sections = Array.from({ length: 30 }, (_, i) => `## Phường ${i + 1}\n\nCán bộ phường ${i + 1} tiếp nhận hồ sơ đăng ký tạm trú trực tuyến.`);
    writeFileSync(join(knowledgeDir, 'ghi-chu-moi.md'), `# Ghi chú mới\n\n${sections.join('\n\n')}\n`);
    const controller = new AbortController();
    const aborting = countingEmbedder(tiny, { onBatch: (n) => n === 2 && controller.abort(new Error('Ctrl-C')) });
    await expect(build(aborting, { abortSignal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(aborting.batches).toHaveLength(2);
    expect(readCurrentSnapshotId({ dataDir })).toBe(before.manifest?.id);
    expect(readdirSync(join(dataDir, 'snapshots'))).toEqual([before.manifest?.id]);
    const cache = openEmbeddingCache({ path: join(dataDir, EMBEDDING_CACHE_FILE) });
    const cachedAfterAbort = cache.count({ model: embedderCacheKey(tiny) });
    cache.close();
    expect(cachedAfterAbort).toBe(before.chunkCount + aborting.texts());

    const rerun = countingEmbedder(tiny);
    const after = await build(rerun);
    expect(rerun.texts()).toBe((after.chunkCount ?? 0) - cachedAfterAbort);
    expect(existsSync(join(dataDir, 'snapshots', `${after.manifest?.id}.partial`))).toBe(false);
    const snapshot = openSnapshot({ dataDir, tunables, embedding: configured(tiny) });
    expect(snapshot.vectors?.index.size).toBe(after.chunkCount);
    snapshot.close();
  });
});
