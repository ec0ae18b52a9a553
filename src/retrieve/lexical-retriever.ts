import { AppError } from '../config/errors';
import type { LexicalIndex } from '../index/lexical-index';
import type { Store } from '../index/store';
import { lexicalConfidence } from './confidence';
import { createPassageReader } from './passage-reader';
import { createQueryPlanner } from './query-planner';
import type { RetrievalResult, Retriever, RetrieveOptions } from './types';
import { DEFAULT_UNDERSTANDING, type UnderstandingOptions } from './understanding';

/** Passages returned when the caller does not say. */
export const DEFAULT_K = 10;

/**
 * A `Retriever` over the lexical index of a snapshot alone (`mode: 'lexical'`), used when no
 * embedding model is installed and as the lexical list of hybrid retrieval. The confidence is
 * `lexicalConfidence` of the top passage (1 for an exact article lookup). The question goes through
 * query understanding first (`createQueryPlanner`); `understanding` turns its parts off.
 */
export function createLexicalRetriever({ store, lexical, understanding = DEFAULT_UNDERSTANDING }: { store: Store; lexical: LexicalIndex; understanding?: Readonly<UnderstandingOptions> }): Retriever {
  const readPassages = createPassageReader({ store });
  const plan = createQueryPlanner({ store, lexical, options: understanding });
  return {
    async retrieve({ query, k = DEFAULT_K, abortSignal }: RetrieveOptions): Promise<RetrievalResult> {
      if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Retrieval cancelled by the caller.', { cause: abortSignal.reason });
      const { query: analysis, hits, lookedUp } = plan({ query, k });
      const passages = readPassages(hits.slice(0, k).map((hit) => ({ id: hit.chunkId, score: hit.score, scores: { lexical: hit.score } })));
      const top = hits[0];
      // The article the question names, in the document it names, is found by lookup: certain.
      const confidence = top === undefined ? 0 : lookedUp ? 1 : lexicalConfidence({ terms: lexical.explain({ query: analysis, chunkId: top.chunkId }) });
      return { passages, confidence, mode: 'lexical', understood: analysis.understood };
    },
  };
}
