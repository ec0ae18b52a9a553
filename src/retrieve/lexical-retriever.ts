import { AppError } from '../config/errors';
import type { LexicalIndex } from '../index/lexical-index';
import type { Store } from '../index/store';
import { lexicalConfidence } from './confidence';
import { analyzeQuery } from './query-analysis';
import type { DocumentSummary, RetrievalResult, RetrievedPassage, Retriever, RetrieveOptions } from './types';

/** Passages returned when the caller does not say. */
export const DEFAULT_K = 10;

/**
 * A `Retriever` over the lexical index of a snapshot alone (`mode: 'lexical'`), used when no
 * embedding model is installed and as the lexical list of hybrid retrieval. The confidence is
 * `lexicalConfidence` of the top passage.
 */
export function createLexicalRetriever({ store, lexical }: { store: Store; lexical: LexicalIndex }): Retriever {
  const summaries = new Map<string, DocumentSummary | undefined>();
  const summaryOf = (docId: string): DocumentSummary | undefined => {
    if (!summaries.has(docId)) summaries.set(docId, store.getDocumentSummary(docId));
    return summaries.get(docId);
  };
  return {
    async retrieve({ query, k = DEFAULT_K, abortSignal }: RetrieveOptions): Promise<RetrievalResult> {
      if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Retrieval cancelled by the caller.', { cause: abortSignal.reason });
      const analysis = analyzeQuery({ query });
      const hits = lexical.search({ query: analysis, k });
      const chunks = new Map(store.getChunks(hits.map((h) => h.chunkId)).map((c) => [c.id, c]));
      const passages: RetrievedPassage[] = [];
      for (const hit of hits) {
        const chunk = chunks.get(hit.chunkId);
        const doc = chunk === undefined ? undefined : summaryOf(chunk.docId);
        // Index and store come from one snapshot; a miss means a corrupt snapshot, not a user error.
        if (chunk === undefined || doc === undefined) {
          throw new AppError('SNAPSHOT_CORRUPT', `Chunk ${hit.chunkId} is in the lexical index but not in the store. Run "troly index" to rebuild the snapshot.`);
        }
        passages.push({ chunk, doc, score: hit.score, scores: { lexical: hit.score } });
      }
      const top = hits[0];
      const confidence = top === undefined ? 0 : lexicalConfidence({ terms: lexical.explain({ query: analysis, chunkId: top.chunkId }) });
      return { passages, confidence, mode: 'lexical' };
    },
  };
}
