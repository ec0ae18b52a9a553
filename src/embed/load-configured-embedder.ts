import type { Config } from '../config/config';
import { loadEmbedder, type LoadedEmbedder } from './transformers-embedder';
import type { ModelUnavailable } from './model-unavailable';

/** What loading the configured model gave: the embedder, or why there is none (then retrieval is lexical-only). */
export type EmbedderLoad = { embedder: LoadedEmbedder; reason?: undefined } | { embedder: undefined; reason: ModelUnavailable };

/**
 * Loads the embedding model the configuration names (`TROLY_MODELS_DIR`, `TROLY_EMBEDDING_MODEL`,
 * `TROLY_EMBEDDING_DTYPE`, tunable `embedBatchSize`) from the local models folder. Never throws for
 * a missing or broken model: the result says why, for the caller to tell the operator once.
 */
export function loadConfiguredEmbedder({ config }: { config: Pick<Config, 'modelsDir' | 'embedding' | 'tunables'> }): Promise<EmbedderLoad> {
  return loadEmbedder({ modelsDir: config.modelsDir, modelId: config.embedding.modelId, dtype: config.embedding.dtype, batchSize: config.tunables.embedBatchSize });
}
