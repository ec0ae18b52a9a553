import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnswerPool } from '../../src/app/answer-pool';
import { openLivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import type { LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { EMBEDDING_CACHE_FILE } from '../../src/index/embedding-cache';
import { createEmbeddingVectorPart } from '../../src/index/embedding-vector-part';
import { loadPrompts } from '../../src/prompts/catalog';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { countingEmbedder, loadTinyEmbedder } from '../helpers/tiny-embedder';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
let root: string;
let config: Config;
let tiny: LoadedEmbedder;
let other: LoadedEmbedder;

const buildWith = (embedder?: LoadedEmbedder) =>
  buildSnapshot({
    knowledgeDir: config.knowledgeDir,
    dataDir: config.dataDir,
    tunables: config.tunables,
    ...(embedder === undefined ? {} : { vectors: createEmbeddingVectorPart({ embedder, cachePath: join(config.dataDir, EMBEDDING_CACHE_FILE), tunables: config.tunables }) }),
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'troly-live-hybrid-'));
  writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
  config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: join(root, 'knowledge'), TROLY_LOG_LEVEL: 'silent' } });
  tiny = await loadTinyEmbedder({ modelsDir: join(root, 'models'), modelId: 'test/tiny-e5-small', dimensions: 32 });
  other = await loadTinyEmbedder({ modelsDir: join(root, 'models'), modelId: 'test/tiny-other', dimensions: 16 });
});
afterAll(async () => {
  await tiny?.dispose();
  await other?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('openLivePipeline with an embedding model (tiny real model)', () => {
  it('serves hybrid retrieval and answers with a citation from it', async () => {
    await buildWith(tiny);
    const pipeline = openLivePipeline({ config, prompts, embedder: tiny });
    try {
      expect(pipeline.info().mode).toBe('hybrid');
      const retrieval = await pipeline.retriever.retrieve({ query: 'Nam nữ muốn kết hôn cần những điều kiện gì?', k: 3 });
      expect(retrieval.mode).toBe('hybrid');
      expect(retrieval.passages.some((p) => p.scores.dense !== undefined)).toBe(true);
      const answer = await pipeline.assistant.ask({ question: 'Nam nữ muốn kết hôn cần những điều kiện gì?' });
      expect(answer.grounded).toBe(true);
      expect(answer.citations[0]?.docId).toBe('luat-hon-nhan-va-gia-dinh');
      expect(answer.text).toContain('Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên');
    } finally {
      pipeline.close();
    }
  });

  it('switches to lexical-only on reload when the new snapshot has no vectors, and still answers', async () => {
    await buildWith(tiny);
    const pipeline = openLivePipeline({ config, prompts, embedder: tiny });
    try {
      await buildWith(undefined);
      expect((await pipeline.reload()).mode).toBe('lexical');
      const answer = await pipeline.assistant.ask({ question: 'Nam nữ muốn kết hôn cần những điều kiện gì?' });
      expect(answer.grounded).toBe(true);
      expect(answer.citations[0]?.docId).toBe('luat-hon-nhan-va-gia-dinh');
    } finally {
      pipeline.close();
    }
  });

  it('finishes a question started before a reload on the old snapshot, whose store stays open until then', async () => {
    await buildWith(tiny);
    const pipeline = openLivePipeline({ config, prompts, embedder: tiny });
    try {
      await buildWith(tiny);
      // Hybrid retrieval awaits the question's embedding before it reads the store, so the reload
      // below retires the old snapshot while this question still needs it.
      const inFlight = pipeline.assistant.ask({ question: 'Nam nữ muốn kết hôn cần những điều kiện gì?' });
      const before = pipeline.info().snapshotId;
      expect((await pipeline.reload()).snapshotId).not.toBe(before);
      const answer = await inFlight;
      expect(answer.grounded).toBe(true);
      expect(answer.citations[0]?.docId).toBe('luat-hon-nhan-va-gia-dinh');
    } finally {
      pipeline.close();
    }
  });

  it('answers hybrid from a pool of two workers that borrow the main thread\'s one model, as the in-process pipeline does', async () => {
    // onnxruntime-node aborts the process when a second thread runs a session, so the workers
    // must not load the model: every question's embedding is computed here, by this embedder.
    await buildWith(tiny);
    const counting = countingEmbedder(tiny);
    const pool = await openAnswerPool({ config, size: 2, queueLimit: 20, embedding: { embedder: Object.assign(counting, { dispose: async () => undefined }) } });
    const local = openLivePipeline({ config, prompts, embedder: tiny });
    try {
      expect(pool.info().mode).toBe('hybrid');
      const questions = ['Nam nữ muốn kết hôn cần những điều kiện gì?', 'Tuổi kết hôn của nữ là bao nhiêu?', 'Ai có quyền yêu cầu ly hôn?', 'nam nu ket hon can dieu kien gi'];
      const pooled = await Promise.all(questions.map((question) => pool.assistant.ask({ question })));
      expect(counting.batches.flat()).toEqual(expect.arrayContaining(questions.map((q) => expect.stringContaining(q.slice(0, 12)))));
      expect(pooled).toEqual(await Promise.all(questions.map((question) => local.assistant.ask({ question }))));
      expect(pooled[0]?.citations[0]?.docId).toBe('luat-hon-nhan-va-gia-dinh');
    } finally {
      local.close();
      await pool.close();
    }
  });

  it('refuses to serve a snapshot whose vectors another model made', async () => {
    await buildWith(tiny);
    expect(() => openLivePipeline({ config, prompts, embedder: other })).toThrow(expect.objectContaining({ code: 'SNAPSHOT_INCOMPATIBLE' }));
  });
});
