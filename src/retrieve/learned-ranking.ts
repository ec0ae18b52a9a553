import { z } from 'zod';
import type { LexicalIndex } from '../index/lexical-index';
import type { ArticleChunks } from './article-chunks';
import fitted from './ranking-weights.json';
import { RANK_FEATURES, rankCandidates, rerank, type RankWeights } from './rank-features';
import type { RetrievedPassage } from './types';
import type { UnderstoodQuery } from './understand-query';

/** Lexical candidates (chunks) the learned ranking re-orders. */
export const RERANK_POOL = 50;

const weightsSchema = z.object({ weights: z.object(Object.fromEntries(RANK_FEATURES.map((f) => [f, z.number().finite()]))) });

/**
 * The weights fitted by bench/retrieval-fit.ts (k-fold cross-validated on the three development
 * sets; the held-out figures are in the same file), checked once.
 */
export const LEARNED_WEIGHTS: RankWeights = weightsSchema.parse(fitted).weights as RankWeights;

/**
 * Re-orders lexical passages by article with the learned linear model over interpretable features
 * (`rankCandidates`): articles best first, each article's passages in lexical order. A passage's
 * score becomes its article's model score (decreasing within the article), so that "higher is
 * better" still holds within the result; `scores.lexical` keeps the BM25F score.
 */
export function learnedRanking({ passages, understood, lexical, weights = LEARNED_WEIGHTS, titleTerms, articleChunks }: {
  passages: readonly RetrievedPassage[];
  understood: UnderstoodQuery;
  lexical: Pick<LexicalIndex, 'explain' | 'documentFrequency' | 'size'>;
  weights?: RankWeights;
  /** Memoised title analysis (`createTitleTerms`), kept by the retriever across queries. */
  titleTerms?: (text: string) => ReadonlySet<string>;
  /** Every chunk of an article (`createArticleChunks`), kept by the retriever across queries. */
  articleChunks?: ArticleChunks;
}): RetrievedPassage[] {
  const candidates = rankCandidates({ passages, question: understood.text, searched: understood.understood.searched, lexical, namedDocuments: new Set(understood.documentIds), ...(titleTerms === undefined ? {} : { titleTerms }), ...(articleChunks === undefined ? {} : { articleChunks }) });
  const ordered = rerank({ candidates, weights });
  const score = (f: Record<string, number>) => RANK_FEATURES.reduce((s, name) => s + (weights[name] ?? 0) * (f[name] ?? 0), 0);
  return ordered.flatMap((c) => c.passages.map((p, j) => ({ ...p, score: score(c.features) - j * 1e-6 })));
}
