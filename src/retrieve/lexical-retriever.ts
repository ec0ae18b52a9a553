import { AppError } from '../config/errors';
import type { LexicalIndex } from '../index/lexical-index';
import type { Store } from '../index/store';
import { lexicalConfidence } from './confidence';
import { analyzeQuery } from './query-analysis';
import { createPassageReader } from './passage-reader';
import type { RetrievalResult, Retriever, RetrieveOptions } from './types';

/** Passages returned when the caller does not say. */
export const DEFAULT_K = 10;

/**
 * A `Retriever` over the lexical index of a snapshot alone (`mode: 'lexical'`), used when no
 * embedding model is installed and as the lexical list of hybrid retrieval. The confidence is
 * `lexicalConfidence` of the top passage.
 */
export function createLexicalRetriever({ store, lexical }: { store: Store; lexical: LexicalIndex }): Retriever {
  const readPassages = createPassageReader({ store });
  return {
    async retrieve({ query, k = DEFAULT_K, abortSignal }: RetrieveOptions): Promise<RetrievalResult> {
      if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Retrieval cancelled by the caller.', { cause: abortSignal.reason });
      const analysis = analyzeQuery({ query });
      const hits = lexical.search({ query: analysis, k });
      const passages = readPassages(hits.map((hit) => ({ id: hit.chunkId, score: hit.score, scores: { lexical: hit.score } })));
      const top = hits[0];
      const confidence = top === undefined ? 0 : lexicalConfidence({ terms: lexical.explain({ query: analysis, chunkId: top.chunkId }) });
      return { passages, confidence, mode: 'lexical' };
    },
  };
}
