import type { Tunables } from '../config/tunables';
import type { Embedder } from '../embed/embedder';
import type { Snapshot } from '../index/open-snapshot';
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
 */
export function createSnapshotRetriever({ snapshot }: SnapshotRetrieverOptions): { retriever: Retriever; mode: RetrievalResult['mode'] } {
  return { retriever: createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical }), mode: 'lexical' };
}
