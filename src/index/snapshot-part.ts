import type { Chunk } from '../chunk/types';

/** How the vector part of a snapshot describes itself in the manifest (`embedding`). */
export interface EmbeddingManifest {
  modelId: string;
  dimensions: number;
  [key: string]: unknown;
}

/**
 * An optional extra part of a snapshot (the dense vectors), written into the snapshot folder
 * before the manifest, so it switches together with the lexical index and the store.
 */
export interface VectorSnapshotPart {
  write(options: { dir: string; chunks: readonly Chunk[]; abortSignal?: AbortSignal }): Promise<EmbeddingManifest>;
}
