import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';

/** How the vector part of a snapshot describes itself in the manifest (`embedding`). */
export interface EmbeddingManifest {
  modelId: string;
  dimensions: number;
  [key: string]: unknown;
}

/** How far the vector part has got: chunks with a vector, and the model's throughput. */
export interface VectorPartProgress {
  done: number;
  total: number;
  /** Chunks whose vector came from the embedding cache (not embedded again). */
  cached: number;
  /** Chunks per second the model embeds in this run; 0 before the first batch. */
  chunksPerSecond: number;
  /** Seconds left at that rate; undefined before the first batch. */
  etaSeconds: number | undefined;
}

/**
 * An optional extra part of a snapshot (the dense vectors), written into the snapshot folder
 * before the manifest, so it switches together with the lexical index and the store.
 */
export interface VectorSnapshotPart {
  write(options: {
    dir: string;
    chunks: readonly Chunk[];
    /** The chunks' documents (titles give a passage its context). */
    documents?: ReadonlyArray<Pick<SourceDocument, 'id' | 'title'>>;
    /**
     * The snapshot this one derives from (its folder, only read) and the documents deleted or
     * replaced since: the part may update the base's vectors instead of writing them anew.
     */
    base?: { dir: string; removedDocuments: ReadonlySet<string> };
    onProgress?: (progress: VectorPartProgress) => void;
    abortSignal?: AbortSignal;
  }): Promise<EmbeddingManifest>;
}
