import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadModel, ModelDownloadError } from '../../src/embed/model-download';
import { loadEmbedder } from '../../src/embed/transformers-embedder';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';
import { closedPort, startFakeModelHub, type HubBehaviour } from '../helpers/fake-model-hub';

const MODEL_ID = 'troly/tiny-vi-bert';

describe('downloadModel', () => {
  let dir: string;
  let hubDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'troly-pull-'));
    hubDir = join(dir, 'hub');
    await makeTinyModel({ dir: hubDir, modelId: MODEL_ID, dimensions: 16 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function withHub<T>(behaviour: HubBehaviour, fn: (hub: { url: string; requests: string[] }) => Promise<T>): Promise<T> {
    const hub = await startFakeModelHub({ modelsDir: hubDir, behaviour });
    try {
      return await fn(hub);
    } finally {
      await hub.close();
    }
  }

  async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    return error as ModelDownloadError;
  }

  it('fetches exactly the files transformers.js needs, after which the model loads offline', async () => {
    const modelsDir = join(dir, 'pulled');
    const progress: string[] = [];
    await withHub('serve', async (hub) => {
      const { files } = await downloadModel({ modelsDir, modelId: MODEL_ID, dtype: 'q8', host: hub.url, onProgress: (p) => progress.push(p.file) });
      expect(hub.requests).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'].map((f) => `/${MODEL_ID}/resolve/main/${f}`));
      expect(files.map((f) => f.name)).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']);
    });
    expect(new Set(progress)).toEqual(new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']));
    expect(await readFile(join(modelsDir, MODEL_ID, 'onnx/model_quantized.onnx'))).toEqual(await readFile(join(hubDir, MODEL_ID, 'onnx/model_quantized.onnx')));
    const { embedder } = await loadEmbedder({ modelsDir, modelId: MODEL_ID });
    expect(embedder?.dimensions).toBe(16);
    await embedder?.dispose();
  });

  it('fails at once with "unreachable" when nothing listens, leaving no empty folder', async () => {
    const modelsDir = join(dir, 'refused');
    const error = await failure(downloadModel({ modelsDir, modelId: MODEL_ID, dtype: 'q8', host: `http://127.0.0.1:${await closedPort()}/` }));
    expect(error.failure).toBe('unreachable');
    expect(error.detail).toContain('ECONNREFUSED');
    expect(existsSync(join(modelsDir, MODEL_ID))).toBe(false);
  });

  it('gives up with "timeout" when the hub accepts the connection but never answers', async () => {
    await withHub('silent', async (hub) => {
      const error = await failure(downloadModel({ modelsDir: join(dir, 'silent'), modelId: MODEL_ID, dtype: 'q8', host: hub.url, connectTimeoutMs: 300 }));
      expect(error.failure).toBe('timeout');
    });
  });

  it('gives up with "timeout" when a transfer stalls, keeping no partial file under any name', async () => {
    const modelsDir = join(dir, 'stalled');
    await withHub('stall-body', async (hub) => {
      const error = await failure(downloadModel({ modelsDir, modelId: MODEL_ID, dtype: 'q8', host: hub.url, stallTimeoutMs: 300 }));
      expect(error.failure).toBe('timeout');
    });
    expect(existsSync(join(modelsDir, MODEL_ID)) ? await readdir(join(modelsDir, MODEL_ID), { recursive: true }) : []).toEqual([]);
  });

  it('reports "not-found" for a model id the hub does not have', async () => {
    await withHub('serve', async (hub) => {
      const error = await failure(downloadModel({ modelsDir: join(dir, 'unknown'), modelId: 'troly/khong-co', dtype: 'q8', host: hub.url }));
      expect(error.failure).toBe('not-found');
      expect(error.url).toBe(`${hub.url}troly/khong-co/resolve/main/config.json`);
    });
  });
});
