import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import { buildVectorIndex, loadVectorIndex } from '../../src/index/vector-index-hnsw';
import { VECTOR_INDEX_FILES } from '../../src/index/vector-index-meta';
import { bruteForceTopK, randomUnitVectors } from '../helpers/random-vectors';

const MODEL = 'Xenova/multilingual-e5-small';

function recallAt10({ index, queries, truth, ef }: { index: ReturnType<typeof buildVectorIndex>; queries: Float32Array[]; truth: Set<number>[]; ef: number }): number {
  let found = 0;
  queries.forEach((query, q) => {
    found += index.search({ vector: query, k: 10, ef }).filter((h) => truth[q]?.has(h.label)).length;
  });
  return found / (10 * queries.length);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('buildVectorIndex (hnswlib, cosine)', () => {
  it('returns the exact neighbours and cosine scores of brute force on a small set', () => {
    const vectors = randomUnitVectors({ count: 60, dimensions: 8, seed: 7 });
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label, vector })), dimensions: 8, modelId: MODEL });
    // With ef ≥ the number of vectors the result set never fills, so the search visits every
    // vector reachable in the graph: on a set this small the answer must be exact.
    for (const query of randomUnitVectors({ count: 20, dimensions: 8, seed: 8 })) {
      const expected = bruteForceTopK({ vectors, query, k: 10 });
      const hits = index.search({ vector: query, k: 10, ef: 64 });
      expect(hits.map((h) => h.label)).toEqual(expected.map((h) => h.label));
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]?.score ?? NaN, 5));
    }
  });

  it('finds at least 95% of the true top 10 among 2,000 random 32-dimensional vectors at the default ef', () => {
    const vectors = randomUnitVectors({ count: 2000, dimensions: 32, seed: 1 });
    const queries = randomUnitVectors({ count: 100, dimensions: 32, seed: 2 });
    const truth = queries.map((query) => new Set(bruteForceTopK({ vectors, query, k: 10 }).map((h) => h.label)));
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label, vector })), dimensions: 32, modelId: MODEL, m: 16, efConstruction: 200, efSearch: 100 });
    // Uniform random vectors are HNSW's hardest case (no clusters, distances concentrate); with
    // M=16, efConstruction=200, ef=100 this seeded set measures 0.998. 0.95 leaves room for a
    // different hnswlib build while still failing on a wrong space, label mix-up or ignored ef.
    const recallDefault = recallAt10({ index, queries, truth, ef: 100 });
    expect(recallDefault).toBeGreaterThanOrEqual(0.95);
    // ef reaches the search: a beam of 10 misses neighbours that a beam of 200 finds.
    expect(recallAt10({ index, queries, truth, ef: 200 })).toBeGreaterThan(recallAt10({ index, queries, truth, ef: 10 }));
  });

  it('keeps the caller’s labels and honours k, a filter and an index smaller than k', () => {
    const vectors = randomUnitVectors({ count: 5, dimensions: 4, seed: 3 });
    const labels = [1001, 7, 42, 99, 5];
    const index = buildVectorIndex({ items: vectors.map((vector, i) => ({ label: labels[i] as number, vector })), dimensions: 4, modelId: MODEL });
    const query = vectors[2] as Float32Array;
    expect(index.search({ vector: query, k: 1 })).toEqual([{ label: 42, score: expect.closeTo(1, 5) }]);
    expect(index.search({ vector: query, k: 50 }).map((h) => h.label).sort((a, b) => a - b)).toEqual([...labels].sort((a, b) => a - b));
    expect(index.search({ vector: query, k: 5, filter: (label) => label < 50 }).every((h) => h.label < 50)).toBe(true);
    expect(index.search({ vector: query, k: 0 })).toEqual([]);
  });

  it('refuses duplicate labels and vectors of the wrong length', () => {
    const [a, b] = randomUnitVectors({ count: 2, dimensions: 4, seed: 4 }) as [Float32Array, Float32Array];
    expect(isAppError(thrown(() => buildVectorIndex({ items: [{ label: 1, vector: a }, { label: 1, vector: b }], dimensions: 4, modelId: MODEL })), 'INPUT_INVALID')).toBe(true);
    expect(isAppError(thrown(() => buildVectorIndex({ items: [{ label: 1, vector: a.slice(0, 3) }], dimensions: 4, modelId: MODEL })), 'INPUT_INVALID')).toBe(true);
    const index = buildVectorIndex({ items: [{ label: 1, vector: a }], dimensions: 4, modelId: MODEL });
    expect(isAppError(thrown(() => index.search({ vector: [1, 0], k: 1 })), 'INPUT_INVALID')).toBe(true);
  });
});

describe('loadVectorIndex', () => {
  let dir: string;
  const vectors = randomUnitVectors({ count: 300, dimensions: 16, seed: 5 });
  const queries = randomUnitVectors({ count: 10, dimensions: 16, seed: 6 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'troly-vectors-'));
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label: label * 3, vector })), dimensions: 16, modelId: MODEL, variant: 'q8', m: 12, efConstruction: 100, efSearch: 40 });
    await index.save({ dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads what was saved: same answers, parameters recorded beside the graph', async () => {
    const built = buildVectorIndex({ items: vectors.map((vector, label) => ({ label: label * 3, vector })), dimensions: 16, modelId: MODEL, variant: 'q8', m: 12, efConstruction: 100, efSearch: 40 });
    const loaded = loadVectorIndex({ dir, modelId: MODEL, dimensions: 16 });
    expect(loaded).toMatchObject({ modelId: MODEL, dimensions: 16, size: 300 });
    for (const query of queries) expect(loaded.search({ vector: query, k: 10 })).toEqual(built.search({ vector: query, k: 10 }));
    const meta = JSON.parse(await readFile(join(dir, VECTOR_INDEX_FILES.meta), 'utf8'));
    expect(meta).toMatchObject({ modelId: MODEL, variant: 'q8', dimensions: 16, count: 300, space: 'cosine', params: { m: 12, efConstruction: 100, efSearch: 40 } });
  });

  it('refuses an index built with another model or dimensions, naming both and the fix', () => {
    const wrongDims = thrown(() => loadVectorIndex({ dir, modelId: MODEL, dimensions: 1024 }));
    expect(isAppError(wrongDims, 'SNAPSHOT_INCOMPATIBLE')).toBe(true);
    expect((wrongDims as Error).message).toContain(`index built with ${MODEL}/16, configured ${MODEL}/1024: run troly index`);
    const wrongModel = thrown(() => loadVectorIndex({ dir, modelId: 'Xenova/bge-m3', dimensions: 16 }));
    expect(isAppError(wrongModel, 'SNAPSHOT_INCOMPATIBLE')).toBe(true);
    expect((wrongModel as Error).message).toContain(`index built with ${MODEL}/16, configured Xenova/bge-m3/16: run troly index`);
  });

  it('reports a missing, truncated or undescribed graph as SNAPSHOT_CORRUPT without handing it to hnswlib', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'troly-vectors-broken-'));
    try {
      expect(isAppError(thrown(() => loadVectorIndex({ dir: broken, modelId: MODEL, dimensions: 16 })), 'SNAPSHOT_CORRUPT')).toBe(true);
      await writeFile(join(broken, VECTOR_INDEX_FILES.meta), await readFile(join(dir, VECTOR_INDEX_FILES.meta)));
      expect(isAppError(thrown(() => loadVectorIndex({ dir: broken, modelId: MODEL, dimensions: 16 })), 'SNAPSHOT_CORRUPT')).toBe(true);
      await writeFile(join(broken, VECTOR_INDEX_FILES.graph), await readFile(join(dir, VECTOR_INDEX_FILES.graph)));
      await truncate(join(broken, VECTOR_INDEX_FILES.graph), 100);
      expect(isAppError(thrown(() => loadVectorIndex({ dir: broken, modelId: MODEL, dimensions: 16 })), 'SNAPSHOT_CORRUPT')).toBe(true);
      await writeFile(join(broken, VECTOR_INDEX_FILES.meta), '{"format":"hnswlib"}');
      expect(isAppError(thrown(() => loadVectorIndex({ dir: broken, modelId: MODEL, dimensions: 16 })), 'SNAPSHOT_CORRUPT')).toBe(true);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('saves and loads an empty index, which finds nothing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'troly-vectors-empty-'));
    try {
      await buildVectorIndex({ items: [], dimensions: 16, modelId: MODEL }).save({ dir: empty });
      const loaded = loadVectorIndex({ dir: empty, modelId: MODEL, dimensions: 16 });
      expect(loaded.size).toBe(0);
      expect(loaded.search({ vector: queries[0] as Float32Array, k: 10 })).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
