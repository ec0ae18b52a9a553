/** One neighbour found by a vector search. */
export interface VectorHit {
  /** The label the vector was added with (the caller's id for a chunk). */
  label: number;
  /** Cosine similarity to the query, in [-1, 1]; higher is closer. */
  score: number;
}

export interface VectorSearchOptions {
  /** The query vector, of the index's dimensions (need not be normalised: cosine space). */
  vector: Float32Array | readonly number[];
  /** How many neighbours to return at most (fewer when the index holds fewer). */
  k: number;
  /** Search beam width for this query; raised to `k` when smaller. Default: the index's `efSearch`. */
  ef?: number;
  /** Only labels for which this returns true are returned (e.g. one document's chunks). */
  filter?: (label: number) => boolean;
}

/**
 * Approximate nearest neighbours by cosine similarity over fixed-length vectors, built once per
 * snapshot and then read-only. Describes itself (model id, dimensions) so that a snapshot built
 * with another embedding model is refused instead of silently returning nonsense.
 */
export interface VectorIndex {
  readonly modelId: string;
  readonly dimensions: number;
  /** Number of vectors a search can return (the deleted ones not counted). */
  readonly size: number;
  /** Labels marked deleted by incremental updates: labels run from 0 to `size + deleted − 1`. */
  readonly deleted: number;
  /** Neighbours best first. */
  search(options: VectorSearchOptions): VectorHit[];
  /** Writes the index and its sidecar into `dir` (a snapshot folder being built). */
  save(options: { dir: string }): Promise<void>;
}
