import type { Embedder } from '../../src/embed/embedder';
import { loadEmbedder, type LoadedEmbedder } from '../../src/embed/transformers-embedder';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';

/** Writes the tiny real ONNX model into `<modelsDir>/<modelId>/` and loads it through transformers.js (q8, like the default). */
export async function loadTinyEmbedder({ modelsDir, modelId, dimensions, batchSize }: { modelsDir: string; modelId: string; dimensions: number; batchSize?: number }): Promise<LoadedEmbedder> {
  await makeTinyModel({ dir: modelsDir, modelId, dimensions });
  const loaded = await loadEmbedder({ modelsDir, modelId, ...(batchSize === undefined ? {} : { batchSize }) });
  if (loaded.embedder === undefined) throw new Error(`tiny model did not load: ${loaded.reason.message}`);
  return loaded.embedder;
}

/** A real embedder that records every batch of texts it is asked to embed (and may abort the caller after some batches). */
export function countingEmbedder(inner: Embedder, { onBatch }: { onBatch?: (batchNumber: number) => void } = {}): Embedder & { batches: string[][]; texts(): number } {
  const batches: string[][] = [];
  return {
    batches,
    texts: () => batches.reduce((n, batch) => n + batch.length, 0),
    modelId: inner.modelId,
    ...(inner.variant === undefined ? {} : { variant: inner.variant }),
    get dimensions() {
      return inner.dimensions;
    },
    maxBatchSize: inner.maxBatchSize,
    prepare: (text, kind) => inner.prepare(text, kind),
    embed: async (texts, options) => {
      batches.push([...texts]);
      const vectors = await inner.embed(texts, options);
      onBatch?.(batches.length);
      return vectors;
    },
  };
}
