import type { DataType, FeatureExtractionPipeline, PretrainedModelOptions } from '@huggingface/transformers';
import { AppError, describeError } from '../config/errors';
import { DEFAULT_TUNABLES } from '../config/tunables';
import type { EmbedKind, EmbedOptions, Embedder } from './embedder';
import { inspectModelFolder } from './model-files';
import { prefixesFor, type ModelPrefixes } from './model-prefixes';
import type { ModelUnavailable } from './model-unavailable';

/** An embedder that holds a native onnxruntime session; `dispose()` frees it. */
export interface LoadedEmbedder extends Embedder {
  dispose(): Promise<void>;
}

export interface LoadEmbedderOptions {
  /** Folder holding `<modelId>/` (config `modelsDir`). */
  modelsDir: string;
  /** Default `Xenova/multilingual-e5-small`. */
  modelId?: string;
  /** ONNX weights to load: `q8` → `onnx/model_quantized.onnx`, `fp32` → `onnx/model.onnx`. Default `q8`. */
  dtype?: string;
  /** Texts per model call (tunable `embedBatchSize`). */
  batchSize?: number;
  /** Replaces the model family's prefixes (see `model-prefixes.ts`). */
  prefixes?: Partial<ModelPrefixes>;
}

/** Embeds a short text once at load, to read the vector length off the model itself. */
const PROBE_TEXT = 'Trợ lý ảo';

/**
 * Loads a feature-extraction model with transformers.js from `<modelsDir>/<modelId>/` only — never
 * from the network — with mean pooling and L2 normalisation. Returns `{ embedder: undefined, reason }`
 * instead of throwing when the folder is missing or incomplete or the model will not run, so the
 * caller can fall back to lexical-only retrieval and tell the operator once.
 */
export async function loadEmbedder({
  modelsDir,
  modelId = 'Xenova/multilingual-e5-small',
  dtype = 'q8',
  batchSize = DEFAULT_TUNABLES.embedBatchSize,
  prefixes,
}: LoadEmbedderOptions): Promise<{ embedder: LoadedEmbedder; reason?: undefined } | { embedder: undefined; reason: ModelUnavailable }> {
  const folder = inspectModelFolder({ modelsDir, modelId, dtype });
  const unavailable = (code: ModelUnavailable['code'], message: string) => ({
    embedder: undefined,
    reason: { code, modelId, dtype, path: folder.path, missing: folder.missing, message },
  });
  if (folder.missing.length > 0) {
    return unavailable(
      'MODEL_MISSING',
      `Embedding model ${modelId} (${dtype}) is incomplete in ${folder.path}: missing ${folder.missing.join(', ')}. ` +
        `Run "troly model pull ${modelId}" on a machine with internet and copy the folder here, or set TROLY_EMBEDDING_MODEL / TROLY_MODELS_DIR.`,
    );
  }
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir;
  let extractor: FeatureExtractionPipeline;
  try {
    // Called through a narrowed type: the generic `pipeline` signature is a union of every task's
    // pipeline, which TypeScript gives up on ("union type too complex") in some type environments.
    const createExtractor = pipeline as unknown as (task: 'feature-extraction', model: string, options: PretrainedModelOptions) => Promise<FeatureExtractionPipeline>;
    extractor = await createExtractor('feature-extraction', modelId, { dtype: dtype as DataType, device: 'cpu', local_files_only: true });
  } catch (cause) {
    return unavailable('MODEL_INVALID', `Embedding model ${modelId} in ${folder.path} failed to load: ${describeError(cause)}. Reinstall it with "troly model pull ${modelId}".`);
  }
  const embedder = createTransformersEmbedder({ extractor, modelId, dtype, batchSize: Math.max(1, Math.floor(batchSize)), prefixes: prefixesFor({ modelId, override: prefixes }) });
  try {
    await embedder.probe();
  } catch (cause) {
    await extractor.dispose();
    return unavailable('MODEL_INVALID', `Embedding model ${modelId} in ${folder.path} loaded but does not run: ${describeError(cause)}. Reinstall it with "troly model pull ${modelId}".`);
  }
  return { embedder };
}

function createTransformersEmbedder({ extractor, modelId, dtype, batchSize, prefixes }: {
  extractor: FeatureExtractionPipeline;
  modelId: string;
  dtype: string;
  batchSize: number;
  prefixes: ModelPrefixes;
}): LoadedEmbedder & { probe(): Promise<void> } {
  let dimensions = 0;
  const prepare = (text: string, kind: EmbedKind) => `${prefixes[kind]}${text}`;

  async function runBatch(batch: string[]): Promise<Float32Array[]> {
    let output;
    try {
      output = await extractor(batch, { pooling: 'mean', normalize: true });
    } catch (cause) {
      throw new AppError('EMBEDDING_FAILED', `Model ${modelId} failed on a batch of ${batch.length} texts: ${describeError(cause)}`, { cause });
    }
    const [rows, width] = output.dims;
    if (!(output.data instanceof Float32Array) || rows !== batch.length || width === undefined || width < 1) {
      throw new AppError('EMBEDDING_FAILED', `Model ${modelId} returned ${output.type} [${output.dims.join(', ')}]; expected float32 [${batch.length}, dimensions].`);
    }
    const data = output.data;
    // Copy each row out: the tensor's buffer is reused by onnxruntime and must not be retained.
    return Array.from({ length: rows }, (_, i) => data.slice(i * width, (i + 1) * width));
  }

  async function embed(texts: readonly string[], { kind, abortSignal }: EmbedOptions): Promise<Float32Array[]> {
    // Batching texts of similar length wastes less work on padding; results do not depend on it.
    const order = texts.map((_, i) => i).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
    const result = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += batchSize) {
      if (abortSignal?.aborted) throw new AppError('ABORTED', `Embedding aborted after ${start} of ${texts.length} texts.`, { cause: abortSignal.reason });
      const indices = order.slice(start, start + batchSize);
      const vectors = await runBatch(indices.map((i) => prepare(texts[i] as string, kind)));
      for (const [j, i] of indices.entries()) {
        const vector = vectors[j] as Float32Array;
        if (dimensions !== 0 && vector.length !== dimensions) {
          throw new AppError('EMBEDDING_FAILED', `Model ${modelId} returned a ${vector.length}-dimensional vector; expected ${dimensions}.`);
        }
        result[i] = vector;
      }
    }
    return result;
  }

  return {
    modelId,
    variant: dtype,
    maxBatchSize: batchSize,
    get dimensions() {
      return dimensions;
    },
    prepare,
    embed,
    async probe() {
      const [vector] = await runBatch([prepare(PROBE_TEXT, 'query')]);
      dimensions = vector?.length ?? 0;
    },
    dispose: () => extractor.dispose(),
  };
}
