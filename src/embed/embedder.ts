/** Whether a text is a user's question or an indexed passage: asymmetric models embed them differently. */
export type EmbedKind = 'query' | 'passage';

export interface EmbedOptions {
  kind: EmbedKind;
  /** Checked between batches; an aborted call rejects with `AppError('ABORTED')`. */
  abortSignal?: AbortSignal;
}

/**
 * Turns texts into unit-length vectors (cosine similarity = dot product). Implementations apply
 * their model's own query/passage prefixes, so callers pass plain text. One vector per input
 * text, in input order; the same text and kind always give the same vector, whatever the batch.
 */
export interface Embedder {
  /** The model's id, e.g. `Xenova/multilingual-e5-small`; recorded in index manifests and caches. */
  readonly modelId: string;
  /**
   * Which weights of the model, e.g. `q8` or `fp32`: the same model id with other weights gives
   * slightly different vectors, so caches and indexes record it beside the id. Absent when there is one.
   */
  readonly variant?: string;
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /** Most texts sent to the model in one call; `embed` splits longer inputs itself. */
  readonly maxBatchSize: number;
  embed(texts: readonly string[], options: EmbedOptions): Promise<Float32Array[]>;
  /**
   * The exact string the model sees for `text` (with the prefix of `kind`). Caches key on it, so a
   * change of prefix is a change of key.
   */
  prepare(text: string, kind: EmbedKind): string;
}
