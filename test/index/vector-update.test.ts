import { rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import type { LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { EMBEDDING_CACHE_FILE } from '../../src/index/embedding-cache';
import { createEmbeddingVectorPart, passageText } from '../../src/index/embedding-vector-part';
import { openSnapshot } from '../../src/index/open-snapshot';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';
import { countingEmbedder, loadTinyEmbedder } from '../helpers/tiny-embedder';

const MODEL_ID = 'test/tiny-e5-update';
const tempDir = useTempDirs('vector-update');
let modelsDir: string;
let tiny: LoadedEmbedder;

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'troly-vector-update-models-'));
  tiny = await loadTinyEmbedder({ modelsDir, modelId: MODEL_ID, dimensions: 24, batchSize: 8 });
});
afterAll(async () => {
  await tiny?.dispose();
  await rm(modelsDir, { recursive: true, force: true });
});

const QUESTIONS = ['đăng ký thường trú tại chỗ ở hợp pháp', 'điều kiện kết hôn', 'thư điện tử công vụ', 'nơi cư trú của người chưa thành niên', 'hồ sơ tạm trú trực tuyến'];

/** The neighbours of each question and of each live chunk's own passage, as (chunk id, score) lists, found with a beam over the whole graph (exact). */
async function neighbours({ dataDir, tunables }: { dataDir: string; tunables: Tunables }): Promise<{ size: number; deleted: number; lists: string[][] }> {
  const snapshot = openSnapshot({ dataDir, tunables, embedding: { modelId: tiny.modelId, dimensions: tiny.dimensions } });
  try {
    const vectors = snapshot.vectors;
    if (vectors === undefined) throw new Error('no vectors');
    const chunks = snapshot.store.listDocuments().flatMap((d) => snapshot.store.chunksOfDocument(d.id).map((chunk) => passageText({ chunk, title: d.title })));
    const queries = [...(await tiny.embed(QUESTIONS, { kind: 'query' })), ...(await tiny.embed(chunks, { kind: 'passage' }))];
    const ef = vectors.index.size + vectors.index.deleted;
    const lists = queries.map((vector) =>
      vectors.index
        .search({ vector, k: 4, ef })
        .map(({ label, score }) => `${vectors.chunkIds[label] ?? `deleted label ${label}`} ${score.toFixed(5)}`)
        .sort(),
    );
    return { size: vectors.index.size, deleted: vectors.index.deleted, lists };
  } finally {
    snapshot.close();
  }
}

function setUp(tunables: Tunables) {
  const root = tempDir();
  const knowledgeDir = join(root, 'knowledge');
  writeLawKnowledge(knowledgeDir, { withBadFiles: false });
  const build = (dataDir: string, embedder = countingEmbedder(tiny)) =>
    buildSnapshot({ knowledgeDir, dataDir, tunables, vectors: createEmbeddingVectorPart({ embedder, cachePath: join(dataDir, EMBEDDING_CACHE_FILE), tunables }) }).then((r) => ({ ...r, embedder }));
  /** A build of the knowledge folder as it is now into a fresh data folder: what the updated graph must equal. */
  const fresh = async () => {
    const dataDir = join(tempDir(), 'data');
    await build(dataDir);
    return neighbours({ dataDir, tunables });
  };
  return { knowledgeDir, dataDir: join(root, 'data'), build, fresh };
}

const NOTE = '# Thư điện tử công vụ\n\n100% cán bộ, công chức, viên chức được cấp hộp thư điện tử công vụ.\n\n## Tạm trú\n\nCán bộ phường tiếp nhận hồ sơ đăng ký tạm trú trực tuyến.\n';

describe('incremental vectors (tiny real model through transformers.js)', () => {
  it('after an add, a replace and a delete, the updated graph finds the neighbours a fresh build finds, never a deleted chunk, embedding only the new chunks', async () => {
    const tunables: Tunables = { ...DEFAULT_TUNABLES, hnswMaxDeletedShare: 1 };
    const { knowledgeDir, dataDir, build, fresh } = setUp(tunables);
    const first = await build(dataDir);
    expect(first.manifest?.embedding).toMatchObject({ graph: { built: first.chunkCount } });

    writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), NOTE);
    const added = await build(dataDir);
    const newChunks = added.chunkCount - first.chunkCount;
    expect(newChunks).toBeGreaterThan(0);
    expect(added.manifest?.embedding).toMatchObject({ embedded: newChunks, cached: first.chunkCount, graph: { updated: { added: newChunks, deleted: 0 } } });
    expect(added.embedder.batches.flat().every((text) => text.startsWith('Thư điện tử công vụ'))).toBe(true);
    expect(await neighbours({ dataDir, tunables })).toEqual(await fresh());

    writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), NOTE.replace('100%', '95%'));
    const replaced = await build(dataDir);
    expect(replaced.manifest?.embedding).toMatchObject({ graph: { updated: { added: newChunks, deleted: newChunks } } });
    expect(replaced.embedder.texts()).toBe(1); // only the changed passage; the unchanged text is in the cache
    const afterReplace = await neighbours({ dataDir, tunables });
    expect(afterReplace.deleted).toBe(newChunks);
    expect(afterReplace.lists.flat().some((hit) => hit.includes('deleted label'))).toBe(false);
    expect(afterReplace).toEqual({ ...(await fresh()), deleted: newChunks });

    rmSync(join(knowledgeDir, 'luat-cu-tru.md'));
    rmSync(join(knowledgeDir, 'luat-cu-tru.md.meta.json'));
    const deleted = await build(dataDir);
    expect(deleted.embedder.texts()).toBe(0);
    const afterDelete = await neighbours({ dataDir, tunables });
    expect(afterDelete.lists.flat().some((hit) => hit.includes('luat-cu-tru') || hit.includes('deleted label'))).toBe(false);
    expect(afterDelete).toEqual({ ...(await fresh()), deleted: afterDelete.deleted });
    expect(afterDelete.deleted).toBeGreaterThan(newChunks);
  }, 240_000);

  it('builds the graph afresh once more than hnswMaxDeletedShare of its labels would be deleted', async () => {
    const tunables: Tunables = { ...DEFAULT_TUNABLES, hnswMaxDeletedShare: 0.2 };
    const { knowledgeDir, dataDir, build } = setUp(tunables);
    await build(dataDir);
    writeFileSync(join(knowledgeDir, 'thu-dien-tu.md'), NOTE);
    const small = await build(dataDir);
    expect(small.manifest?.embedding).toMatchObject({ graph: { updated: { deleted: 0 } } });
    // Luật Cư trú is about half of the chunks: deleting it passes 0.2.
    rmSync(join(knowledgeDir, 'luat-cu-tru.md'));
    const big = await build(dataDir);
    expect(big.manifest?.embedding).toMatchObject({ graph: { built: big.chunkCount } });
    expect(big.embedder.texts()).toBe(0);
    expect((await neighbours({ dataDir, tunables })).deleted).toBe(0);
  }, 120_000);
});
