import { AppError } from '../config/errors';
import type { LexicalIndex } from '../index/lexical-index';
import type { Store } from '../index/store';
import { createArticleChunks } from './article-chunks';
import { lexicalConfidence } from './confidence';
import { createPassageReader } from './passage-reader';
import { createQueryPlanner } from './query-planner';
import { LEARNED_WEIGHTS, learnedRanking, RERANK_POOL } from './learned-ranking';
import { createTitleTerms, type RankWeights } from './rank-features';
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
export function createLexicalRetriever({ store, lexical, understanding = DEFAULT_UNDERSTANDING, ranking = 'learned', rankWeights = LEARNED_WEIGHTS, rerankPool = RERANK_POOL }: {
  store: Store;
  lexical: LexicalIndex;
  understanding?: Readonly<UnderstandingOptions>;
  /** `learned`: candidate articles re-ordered by the fitted weights (`learnedRanking`); `lexical`: BM25F order. */
  ranking?: 'learned' | 'lexical';
  /** Weights for the learned ranking; default the shipped ones (the benchmark passes each fold's). */
  rankWeights?: RankWeights;
  /** Lexical candidates (chunks) the learned ranking re-orders; default `RERANK_POOL` (the benchmark compares others). */
  rerankPool?: number;
}): Retriever {
  const readPassages = createPassageReader({ store });
  const plan = createQueryPlanner({ store, lexical, options: understanding });
  const titleTerms = createTitleTerms();
  const articleChunks = createArticleChunks({ store });
  return {
    async retrieve({ query, k = DEFAULT_K, abortSignal }: RetrieveOptions): Promise<RetrievalResult> {
      if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Retrieval cancelled by the caller.', { cause: abortSignal.reason });
      const { query: analysis, hits: found, lookedUp } = plan({ query, k: ranking === 'learned' ? Math.max(k, rerankPool) : k });
      const read = readPassages(found.map((hit) => ({ id: hit.chunkId, score: hit.score, scores: { lexical: hit.score } })));
      const passages = (ranking === 'learned' && !lookedUp ? learnedRanking({ passages: read, understood: analysis, lexical, weights: rankWeights, titleTerms, articleChunks }) : read).slice(0, k);
      const first = passages[0];
      const top = first === undefined ? undefined : { chunkId: first.chunk.id };
      // The article the question names, in the document it names, is found by lookup: certain.
      const confidence = top === undefined ? 0 : lookedUp ? 1 : lexicalConfidence({ terms: lexical.explain({ query: analysis, chunkId: top.chunkId }) });
      return { passages, confidence, mode: 'lexical', understood: analysis.understood };
    },
  };
}
