import type { Tunables } from '../config/tunables';
import type { Embedder } from '../embed/embedder';
import type { Snapshot } from '../index/open-snapshot';
import { createHybridRetriever } from './hybrid-retriever';
import { createLexicalRetriever } from './lexical-retriever';
import type { RetrievalResult, Retriever } from './types';

export interface SnapshotRetrieverOptions {
  snapshot: Snapshot;
  /** The loaded embedding model, when one is installed; without it retrieval is lexical-only. */
  embedder?: Embedder | undefined;
  tunables: Readonly<Tunables>;
}

/**
 * The retriever for one snapshot: hybrid (lexical + dense, fused) when the snapshot has vectors
 * made by the configured embedder, lexical-only otherwise. The one place that makes this choice.
 * (`openSnapshot` already refused vectors of another model; the check here also covers a snapshot
 * opened without the embedder.)
 */
export function createSnapshotRetriever({ snapshot, embedder, tunables }: SnapshotRetrieverOptions): { retriever: Retriever; mode: RetrievalResult['mode'] } {
  const vectors = snapshot.vectors;
  if (embedder !== undefined && vectors !== undefined && vectors.index.modelId === embedder.modelId && vectors.index.dimensions === embedder.dimensions) {
    return { retriever: createHybridRetriever({ store: snapshot.store, lexical: snapshot.lexical, vectors, embedder, tunables }), mode: 'hybrid' };
  }
  return { retriever: createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical }), mode: 'lexical' };
}
