import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import type { LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { EMBEDDING_CACHE_FILE } from '../../src/index/embedding-cache';
import { createEmbeddingVectorPart } from '../../src/index/embedding-vector-part';
import { openSnapshot, type Snapshot } from '../../src/index/open-snapshot';
import { lexicalConfidence } from '../../src/retrieve/confidence';
import { fuse } from '../../src/retrieve/fusion';
import { createHybridRetriever, denseCandidates } from '../../src/retrieve/hybrid-retriever';
import { createLexicalRetriever } from '../../src/retrieve/lexical-retriever';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { createSnapshotRetriever } from '../../src/retrieve/snapshot-retriever';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { loadTinyEmbedder } from '../helpers/tiny-embedder';

const tunables: Tunables = { ...DEFAULT_TUNABLES };
let root: string;
let tiny: LoadedEmbedder;
let other: LoadedEmbedder;
let snapshot: Snapshot;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'troly-hybrid-'));
  tiny = await loadTinyEmbedder({ modelsDir: join(root, 'models'), modelId: 'test/tiny-e5-small', dimensions: 32 });
  other = await loadTinyEmbedder({ modelsDir: join(root, 'models'), modelId: 'test/tiny-other', dimensions: 32 });
  writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
  const dataDir = join(root, 'data');
  await buildSnapshot({ knowledgeDir: join(root, 'knowledge'), dataDir, tunables, vectors: createEmbeddingVectorPart({ embedder: tiny, cachePath: join(dataDir, EMBEDDING_CACHE_FILE), tunables }) });
  snapshot = openSnapshot({ dataDir, tunables, embedding: { modelId: tiny.modelId, dimensions: tiny.dimensions } });
});
afterAll(async () => {
  snapshot?.close();
  await tiny?.dispose();
  await other?.dispose();
  await rm(root, { recursive: true, force: true });
});

function hybrid(overrides: Partial<Tunables> = {}) {
  const vectors = snapshot.vectors;
  if (vectors === undefined) throw new Error('snapshot opened without vectors');
  return createHybridRetriever({ store: snapshot.store, lexical: snapshot.lexical, vectors, embedder: tiny, tunables: { ...tunables, ...overrides } });
}

/** The two candidate lists the retriever fuses, computed independently. */
async function lists(question: string, pool: number) {
  const analysis = analyzeQuery({ query: question });
  const lexical = snapshot.lexical.search({ query: analysis, k: pool }).map((h) => ({ id: h.chunkId, score: h.score }));
  const [vector] = await tiny.embed([analysis.text], { kind: 'query' });
  const vectors = snapshot.vectors;
  if (vectors === undefined || vector === undefined) throw new Error('no vectors');
  return { lexical, dense: denseCandidates({ vectors, vector, k: pool }) };
}

const QUESTION = 'Điều kiện kết hôn của nam và nữ là gì?';

describe('createHybridRetriever (tiny real model)', () => {
  it('fuses the lexical and dense lists: passages best first, each with its fused score and the raw scores of the lists that found it', async () => {
    const result = await hybrid().retrieve({ query: QUESTION, k: 8 });
    expect(result.mode).toBe('hybrid');
    expect(result.passages).toHaveLength(8);
    expect(result.passages[0]?.chunk.locator).toMatch(/^Điều 8\b/);
    const scores = result.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const p of result.passages) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(p.scores.lexical !== undefined || p.scores.dense !== undefined).toBe(true);
      if (p.scores.dense !== undefined) expect(Math.abs(p.scores.dense)).toBeLessThanOrEqual(1 + 1e-6);
    }
    expect(result.passages.filter((p) => p.scores.lexical !== undefined && p.scores.dense !== undefined).length).toBeGreaterThan(0);
  });

  it('follows the fusion tunables: lexical weight 1 keeps the lexical order, 0 the dense order, rrf fuses by rank', async () => {
    const pool = tunables.fusionCandidates;
    const { lexical, dense } = await lists(QUESTION, pool);
    const ids = async (overrides: Partial<Tunables>) => (await hybrid(overrides).retrieve({ query: QUESTION, k: 5 })).passages.map((p) => p.chunk.id);
    expect(await ids({ lexicalWeight: 1 })).toEqual(lexical.slice(0, 5).map((h) => h.id));
    expect(await ids({ lexicalWeight: 0 })).toEqual(dense.slice(0, 5).map((h) => h.id));
    const rrf = fuse({ lexical, dense, method: 'rrf', lexicalWeight: 0.5, rrfK: 60 }).slice(0, 5).map((f) => f.id);
    expect(await ids({ fusionMethod: 'rrf' })).toEqual(rrf);
  });

  it('works for a question typed without diacritics', async () => {
    const result = await hybrid().retrieve({ query: 'dieu kien ket hon cua nam va nu', k: 3 });
    expect(result.passages[0]?.chunk.locator).toMatch(/^Điều 8\b/);
    expect(result.passages[0]?.scores.dense).toBeDefined();
  });

  it('gives the larger of the top passage’s lexical coverage and its calibrated cosine as confidence', async () => {
    // A floor no cosine reaches: the dense half adds nothing, the confidence is the lexical coverage of the top passage.
    const unreachable = await hybrid({ denseConfidenceFloor: 2, denseConfidenceCeiling: 3 }).retrieve({ query: QUESTION, k: 3 });
    const top = unreachable.passages[0];
    const coverage = lexicalConfidence({ terms: snapshot.lexical.explain({ query: analyzeQuery({ query: QUESTION }), chunkId: top?.chunk.id ?? '' }) });
    expect(unreachable.confidence).toBeCloseTo(coverage, 10);
    expect(coverage).toBeLessThan(1);
    // A band every cosine clears: full dense confidence.
    const cleared = await hybrid({ denseConfidenceFloor: -1, denseConfidenceCeiling: -0.5 }).retrieve({ query: QUESTION, k: 3 });
    expect(cleared.confidence).toBe(1);
  });

  it('stops before searching when the caller has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    await expect(hybrid().retrieve({ query: QUESTION, abortSignal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('createSnapshotRetriever', () => {
  it('is hybrid when the snapshot has vectors of the configured embedder, lexical otherwise', async () => {
    expect(createSnapshotRetriever({ snapshot, embedder: tiny, tunables }).mode).toBe('hybrid');
    expect(createSnapshotRetriever({ snapshot, embedder: undefined, tunables }).mode).toBe('lexical');
    expect(createSnapshotRetriever({ snapshot, embedder: other, tunables }).mode).toBe('lexical');
    const withoutVectors = openSnapshot({ dataDir: join(root, 'data'), tunables });
    try {
      const { retriever, mode } = createSnapshotRetriever({ snapshot: withoutVectors, embedder: tiny, tunables });
      expect(mode).toBe('lexical');
      const result = await retriever.retrieve({ query: QUESTION, k: 3 });
      expect(result.mode).toBe('lexical');
      expect(result.passages.every((p) => p.scores.dense === undefined)).toBe(true);
      const lexicalOnly = await createLexicalRetriever({ store: withoutVectors.store, lexical: withoutVectors.lexical }).retrieve({ query: QUESTION, k: 3 });
      expect(result.passages.map((p) => p.chunk.id)).toEqual(lexicalOnly.passages.map((p) => p.chunk.id));
    } finally {
      withoutVectors.close();
    }
  });
});
