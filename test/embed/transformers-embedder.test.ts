import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import { loadEmbedder, type LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';

const E5_LIKE_ID = 'test/tiny-e5-small';
const DIMENSIONS = 24;

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

async function load(modelsDir: string, options: Parameters<typeof loadEmbedder>[0] extends infer O ? Partial<O> : never = {}): Promise<LoadedEmbedder> {
  const { embedder, reason } = await loadEmbedder({ modelsDir, modelId: E5_LIKE_ID, ...options });
  if (embedder === undefined) throw new Error(`tiny model did not load: ${reason.message}`);
  return embedder;
}

const PASSAGES = [
  'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó.',
  'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên',
  'Tạm vắng',
  'Việc kết hôn phải được đăng ký và do cơ quan nhà nước có thẩm quyền thực hiện theo quy định của Luật này và pháp luật về hộ tịch.',
  'Bộ TT&TT hỗ trợ đào tạo, bồi dưỡng cập nhật kiến thức cho cán bộ quản lý.',
  'Lưu trú là việc công dân ở lại một địa điểm không phải nơi thường trú hoặc nơi tạm trú trong thời gian ít hơn 30 ngày.',
  'Xã',
];

describe('loadEmbedder (transformers.js on the tiny model)', () => {
  let modelsDir: string;
  let embedder: LoadedEmbedder;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'troly-embed-'));
    await makeTinyModel({ dir: modelsDir, modelId: E5_LIKE_ID, dimensions: DIMENSIONS });
    embedder = await load(modelsDir, { batchSize: 3 });
  });
  afterAll(async () => {
    await embedder?.dispose();
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('loads from the local folder and reads the dimensions off the model', () => {
    expect(embedder.modelId).toBe(E5_LIKE_ID);
    expect(embedder.dimensions).toBe(DIMENSIONS);
    expect(embedder.maxBatchSize).toBe(3);
  });

  it('returns one unit-length vector per text, in input order', async () => {
    const vectors = await embedder.embed(PASSAGES, { kind: 'passage' });
    expect(vectors).toHaveLength(PASSAGES.length);
    for (const v of vectors) {
      expect(v).toHaveLength(DIMENSIONS);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
    const [alone] = await embedder.embed([PASSAGES[3] as string], { kind: 'passage' });
    expect(dot(alone as Float32Array, vectors[3] as Float32Array)).toBeCloseTo(1, 5);
  });

  it('gives the same vectors whether texts are embedded one by one or in batches of mixed lengths', async () => {
    const batched = await embedder.embed(PASSAGES, { kind: 'passage' });
    for (const [i, text] of PASSAGES.entries()) {
      const [single] = await embedder.embed([text], { kind: 'passage' });
      const b = batched[i] as Float32Array;
      for (let d = 0; d < DIMENSIONS; d++) expect(b[d]).toBeCloseTo((single as Float32Array)[d] as number, 5);
    }
  });

  it('pools over real tokens only: padding next to a long text does not change a short one', async () => {
    const big = await load(modelsDir, { batchSize: 16 });
    try {
      const [shortAlone] = await big.embed(['Xã'], { kind: 'passage' });
      const [shortPadded] = await big.embed(['Xã', PASSAGES[0] as string], { kind: 'passage' });
      expect(dot(shortAlone as Float32Array, shortPadded as Float32Array)).toBeCloseTo(1, 6);
    } finally {
      await big.dispose();
    }
  });

  it('applies the e5 prefixes: a query is embedded as "query: …", a passage as "passage: …"', async () => {
    const plain = await load(modelsDir, { prefixes: { query: '', passage: '' } });
    try {
      const text = 'đăng ký thường trú';
      const [asQuery] = await embedder.embed([text], { kind: 'query' });
      const [asPassage] = await embedder.embed([text], { kind: 'passage' });
      const [literalQuery, literalPassage, bare] = await plain.embed([`query: ${text}`, `passage: ${text}`, text], { kind: 'passage' });
      expect(dot(asQuery as Float32Array, literalQuery as Float32Array)).toBeCloseTo(1, 5);
      expect(dot(asPassage as Float32Array, literalPassage as Float32Array)).toBeCloseTo(1, 5);
      expect(dot(asQuery as Float32Array, bare as Float32Array)).toBeLessThan(0.999);
      expect(embedder.prepare(text, 'query')).toBe(`query: ${text}`);
      expect(plain.prepare(text, 'query')).toBe(text);
    } finally {
      await plain.dispose();
    }
  });

  it('places an accent-free query nearer its accented passage than an unrelated one', async () => {
    const [query] = await embedder.embed(['dang ky thuong tru'], { kind: 'query' });
    const [related, unrelated] = await embedder.embed(['Điều kiện đăng ký thường trú', 'Điều kiện kết hôn của nam, nữ'], { kind: 'passage' });
    expect(dot(query as Float32Array, related as Float32Array)).toBeGreaterThan(dot(query as Float32Array, unrelated as Float32Array));
  });

  it('loads the fp32 weights too, close to but not identical with the q8 ones', async () => {
    const fp32 = await load(modelsDir, { dtype: 'fp32' });
    try {
      const [a] = await fp32.embed([PASSAGES[0] as string], { kind: 'passage' });
      const [b] = await embedder.embed([PASSAGES[0] as string], { kind: 'passage' });
      const cos = dot(a as Float32Array, b as Float32Array);
      expect(cos).toBeGreaterThan(0.99);
      expect(Array.from(a as Float32Array)).not.toEqual(Array.from(b as Float32Array));
    } finally {
      await fp32.dispose();
    }
  });

  it('returns an empty list for no texts and rejects with ABORTED when the signal has fired', async () => {
    expect(await embedder.embed([], { kind: 'query' })).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    const error = await embedder.embed(PASSAGES, { kind: 'passage', abortSignal: controller.signal }).catch((e: unknown) => e);
    expect(isAppError(error, 'ABORTED')).toBe(true);
  });
});

describe('loadEmbedder (no usable model)', () => {
  let modelsDir: string;

  beforeAll(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'troly-embed-missing-'));
  });
  afterAll(async () => {
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('reports MODEL_MISSING with every required file when the folder does not exist', async () => {
    const { embedder, reason } = await loadEmbedder({ modelsDir, modelId: 'Xenova/multilingual-e5-small' });
    expect(embedder).toBeUndefined();
    expect(reason?.code).toBe('MODEL_MISSING');
    expect(reason?.path).toBe(join(modelsDir, 'Xenova/multilingual-e5-small'));
    expect(reason?.missing).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']);
    expect(reason?.message).toContain('troly model pull Xenova/multilingual-e5-small');
  });

  it('names exactly the files an incomplete folder lacks', async () => {
    const tiny = await makeTinyModel({ dir: modelsDir, modelId: 'test/incomplete' });
    await unlink(join(tiny.path, 'tokenizer.json'));
    await unlink(join(tiny.path, 'onnx', 'model.onnx'));
    const q8 = await loadEmbedder({ modelsDir, modelId: 'test/incomplete', dtype: 'q8' });
    expect(q8.reason?.missing).toEqual(['tokenizer.json']);
    const fp32 = await loadEmbedder({ modelsDir, modelId: 'test/incomplete', dtype: 'fp32' });
    expect(fp32.reason?.missing).toEqual(['tokenizer.json', 'onnx/model.onnx']);
  });

  it('reports MODEL_INVALID when the ONNX file is not a model', async () => {
    const tiny = await makeTinyModel({ dir: modelsDir, modelId: 'test/corrupt' });
    await writeFile(join(tiny.path, 'onnx', 'model_quantized.onnx'), 'not an onnx protobuf');
    const { embedder, reason } = await loadEmbedder({ modelsDir, modelId: 'test/corrupt' });
    expect(embedder).toBeUndefined();
    expect(reason?.code).toBe('MODEL_INVALID');
    expect(reason?.missing).toEqual([]);
  });
});
