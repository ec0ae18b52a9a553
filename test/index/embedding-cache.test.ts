import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import type { Embedder } from '../../src/embed/embedder';
import { loadEmbedder, type LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { embedWithCache, type EmbedProgress } from '../../src/index/embedding-cache-embed';
import { EMBEDDING_CACHE_FILE, embedderCacheKey, openEmbeddingCache, textHash } from '../../src/index/embedding-cache';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';

/** The real embedder, counting every text it is asked to embed. */
function counting(inner: Embedder): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    modelId: inner.modelId,
    variant: inner.variant,
    dimensions: inner.dimensions,
    maxBatchSize: inner.maxBatchSize,
    prepare: (text, kind) => inner.prepare(text, kind),
    embed: (texts, options) => {
      calls.push([...texts]);
      return inner.embed(texts, options);
    },
  };
}

const embeddedCount = (e: { calls: string[][] }) => e.calls.reduce((n, batch) => n + batch.length, 0);

const CHUNKS = [
  'Điều 20. Điều kiện đăng ký thường trú',
  'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.',
  'Vợ về ở với chồng; chồng về ở với vợ; con về ở với cha, mẹ; cha, mẹ về ở với con;',
  'Điều 8. Điều kiện kết hôn',
  'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên;',
  'Việc kết hôn do nam và nữ tự nguyện quyết định;',
  'Không bị mất năng lực hành vi dân sự;',
  'Điều 9. Đăng ký kết hôn',
  'Vợ chồng đã ly hôn muốn xác lập lại quan hệ vợ chồng thì phải đăng ký kết hôn.',
];

describe('embedWithCache', () => {
  let dir: string;
  let real: LoadedEmbedder;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'troly-cache-'));
    await makeTinyModel({ dir: join(dir, 'models'), modelId: 'test/tiny-e5-small' });
    const loaded = await loadEmbedder({ modelsDir: join(dir, 'models'), modelId: 'test/tiny-e5-small', batchSize: 2 });
    if (loaded.embedder === undefined) throw new Error(loaded.reason.message);
    real = loaded.embedder;
  });
  afterAll(async () => {
    await real?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('embeds every text once, then nothing when the same texts are indexed again, even after reopening', async () => {
    const path = join(dir, 'reindex', EMBEDDING_CACHE_FILE);
    const first = counting(real);
    let cache = openEmbeddingCache({ path });
    const a = await embedWithCache({ embedder: first, cache, texts: CHUNKS, kind: 'passage' });
    expect(embeddedCount(first)).toBe(CHUNKS.length);
    expect(a).toMatchObject({ cached: 0, embedded: CHUNKS.length });
    cache.close();

    cache = openEmbeddingCache({ path });
    const second = counting(real);
    const b = await embedWithCache({ embedder: second, cache, texts: CHUNKS, kind: 'passage' });
    expect(second.calls).toEqual([]);
    expect(b).toMatchObject({ cached: CHUNKS.length, embedded: 0 });
    expect(b.vectors.map((v) => Array.from(v))).toEqual(a.vectors.map((v) => Array.from(v)));

    const third = counting(real);
    const added = 'Lưu trú là việc công dân ở lại một địa điểm không phải nơi thường trú hoặc nơi tạm trú trong thời gian ít hơn 30 ngày.';
    const c = await embedWithCache({ embedder: third, cache, texts: [...CHUNKS, added], kind: 'passage' });
    expect(third.calls).toEqual([[added]]);
    const [direct] = await real.embed([added], { kind: 'passage' });
    expect(Array.from(c.vectors[CHUNKS.length] as Float32Array)).toEqual(Array.from(direct as Float32Array));
    cache.close();
  });

  it('embeds a repeated text once and returns its vector at every position', async () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    const e = counting(real);
    const texts = ['Điều 9. Đăng ký kết hôn', 'Điều 8. Điều kiện kết hôn', 'Điều 9. Đăng ký kết hôn'];
    const { vectors, embedded } = await embedWithCache({ embedder: e, cache, texts, kind: 'passage' });
    expect(embeddedCount(e)).toBe(2);
    expect(embedded).toBe(2);
    expect(Array.from(vectors[0] as Float32Array)).toEqual(Array.from(vectors[2] as Float32Array));
    expect(cache.count()).toBe(2);
    cache.close();
  });

  it('keys on the text the model sees: the same words as a query (with its prefix) are another entry', async () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    const e = counting(real);
    await embedWithCache({ embedder: e, cache, texts: ['đăng ký kết hôn'], kind: 'passage' });
    await embedWithCache({ embedder: e, cache, texts: ['đăng ký kết hôn'], kind: 'query' });
    expect(embeddedCount(e)).toBe(2);
    const model = embedderCacheKey(real);
    expect(model).toBe('test/tiny-e5-small#q8');
    expect(cache.getMany({ model, hashes: [textHash('query: đăng ký kết hôn'), textHash('passage: đăng ký kết hôn')] }).size).toBe(2);
    expect(cache.getMany({ model: 'test/tiny-e5-small#fp32', hashes: [textHash('query: đăng ký kết hôn')] }).size).toBe(0);
    cache.close();
  });

  it('keeps finished batches when aborted mid-run, and a rerun embeds only the rest', async () => {
    const cache = openEmbeddingCache({ path: join(dir, 'abort', EMBEDDING_CACHE_FILE) });
    const controller = new AbortController();
    const e = counting(real);
    const error = await embedWithCache({
      embedder: e,
      cache,
      texts: CHUNKS,
      kind: 'passage',
      abortSignal: controller.signal,
      onProgress: (p) => {
        if (p.embedded === 4) controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(isAppError(error, 'ABORTED')).toBe(true);
    expect(embeddedCount(e)).toBe(4);
    expect(cache.count()).toBe(4);

    const rerun = counting(real);
    const { vectors, cached } = await embedWithCache({ embedder: rerun, cache, texts: CHUNKS, kind: 'passage' });
    expect(cached).toBe(4);
    expect(embeddedCount(rerun)).toBe(CHUNKS.length - 4);
    const fresh = await real.embed(CHUNKS, { kind: 'passage' });
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(fresh[i] as Float32Array)));
    cache.close();
  });

  it('re-embeds a cached vector whose length no longer matches the model (a folder replaced under the same id)', async () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    const text = 'Điều 9. Đăng ký kết hôn';
    cache.putMany({ model: embedderCacheKey(real), entries: [{ hash: textHash(real.prepare(text, 'passage')), vector: Float32Array.from([1, 0, 0]) }] });
    const e = counting(real);
    const { vectors, cached } = await embedWithCache({ embedder: e, cache, texts: [text], kind: 'passage' });
    expect(cached).toBe(0);
    expect(e.calls).toEqual([[text]]);
    expect(vectors[0]).toHaveLength(real.dimensions);
    cache.close();
  });

  it('reports progress per batch with throughput and a remaining-time estimate', async () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    await embedWithCache({ embedder: real, cache, texts: CHUNKS.slice(0, 3), kind: 'passage' });
    let clock = 0;
    const seen: EmbedProgress[] = [];
    await embedWithCache({
      embedder: real,
      cache,
      texts: CHUNKS,
      kind: 'passage',
      now: () => clock,
      onProgress: (p) => {
        seen.push(p);
        clock += 500; // every batch of 2 "takes" half a second
      },
    });
    expect(seen.map((p) => p.done)).toEqual([3, 5, 7, 9]);
    expect(seen.every((p) => p.total === CHUNKS.length && p.cached === 3)).toBe(true);
    expect(seen[0]).toMatchObject({ embedded: 0, chunksPerSecond: 0, etaSeconds: undefined });
    // The clock moves 0.5 s between reports: the first batch of 2 took 0.5 s → 4 texts/s, 4 left → 1 s.
    expect(seen[1]).toMatchObject({ embedded: 2, chunksPerSecond: 4, etaSeconds: 1 });
    expect(seen[3]).toMatchObject({ embedded: 6, etaSeconds: 0 });
    cache.close();
  });
});

describe('openEmbeddingCache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'troly-cache-db-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips vectors exactly and treats a damaged row as a miss', () => {
    const path = join(dir, 'damaged.sqlite');
    const cache = openEmbeddingCache({ path });
    const v = Float32Array.from([0.6, -0.8, 0]);
    const [a, b] = [textHash('passage: Điều 20'), textHash('passage: Điều 21')];
    cache.putMany({ model: 'm', entries: [{ hash: a, vector: v }, { hash: b, vector: v }] });
    expect(Array.from(cache.getMany({ model: 'm', hashes: [a] }).get(a) ?? [])).toEqual(Array.from(v));
    cache.close();
    const raw = new Database(path);
    raw.prepare("UPDATE embeddings SET vector = x'0000' WHERE text_hash = ?").run(Buffer.from(b, 'hex'));
    raw.close();
    const reopened = openEmbeddingCache({ path });
    expect([...reopened.getMany({ model: 'm', hashes: [a, b] }).keys()]).toEqual([a]);
    reopened.close();
  });

  it('prunes the vectors of a model that are no longer used, leaving other models alone', () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    const v = Float32Array.from([1, 0]);
    const [a, b, c] = ['Điều 1', 'Điều 2', 'Điều 3'].map(textHash) as [string, string, string];
    cache.putMany({ model: 'm', entries: [a, b, c].map((hash) => ({ hash, vector: v })) });
    cache.putMany({ model: 'other', entries: [{ hash: a, vector: v }] });
    expect(cache.prune({ model: 'm', keep: new Set([b]) })).toBe(2);
    expect(cache.count({ model: 'm' })).toBe(1);
    expect(cache.getMany({ model: 'm', hashes: [a, b, c] }).has(b)).toBe(true);
    expect(cache.count()).toBe(2);
    cache.close();
  });

  it('refuses a key that is not a sha256 digest', () => {
    const cache = openEmbeddingCache({ path: ':memory:' });
    expect(() => cache.putMany({ model: 'm', entries: [{ hash: 'Điều 1', vector: Float32Array.from([1]) }] })).toThrow(/sha256/);
    cache.close();
  });

  it('starts empty over a cache file of another layout version instead of failing', () => {
    const path = join(dir, 'old.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE embeddings (x TEXT); PRAGMA user_version = 99;');
    raw.close();
    const cache = openEmbeddingCache({ path });
    cache.putMany({ model: 'm', entries: [{ hash: textHash('a'), vector: Float32Array.from([1]) }] });
    expect(cache.count()).toBe(1);
    cache.close();
  });
});
