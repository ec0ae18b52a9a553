import { AppError } from '../config/errors';
import type { Store } from '../index/store';
import type { DocumentSummary, RetrievedPassage } from './types';

/** A ranked chunk id with its scores, as an index or fusion returns it. */
export interface RankedChunk {
  id: string;
  score: number;
  scores: RetrievedPassage['scores'];
}

/**
 * Turns ranked chunk ids into passages with their chunk and document, reading the snapshot's
 * store (document summaries cached: a retriever lives as long as its snapshot). A ranked id the
 * store does not know means a corrupt snapshot, not a user error.
 */
export function createPassageReader({ store }: { store: Store }): (ranked: readonly RankedChunk[]) => RetrievedPassage[] {
  const summaries = new Map<string, DocumentSummary | undefined>();
  const summaryOf = (docId: string): DocumentSummary | undefined => {
    if (!summaries.has(docId)) summaries.set(docId, store.getDocumentSummary(docId));
    return summaries.get(docId);
  };
  return (ranked) => {
    const chunks = new Map(store.getChunks(ranked.map((r) => r.id)).map((c) => [c.id, c]));
    return ranked.map(({ id, score, scores }) => {
      const chunk = chunks.get(id);
      const doc = chunk === undefined ? undefined : summaryOf(chunk.docId);
      if (chunk === undefined || doc === undefined) {
        throw new AppError('SNAPSHOT_CORRUPT', `Chunk ${id} is in the index but not in the store. Run "troly index" to rebuild the snapshot.`);
      }
      return { chunk, doc, score, scores };
    });
  };
}
