import { docNumberKey } from '../text/index';
import type { Bm25Params } from './bm25-index';
import type { LexicalQuery } from './lexical-index';

/** The two views every chunk is indexed in (see `Bm25Data`). */
export type Bm25ViewName = 'accented' | 'folded';

export interface WeightedTerm {
  term: string;
  kind: 'syllable' | 'bigram';
  weight: number;
}

/**
 * The query's distinct terms: syllables with weight 1, then bigrams with `bigramWeight` (none when
 * it is 0), each times its `termWeights` entry (as `Bm25Index` weighs them).
 */
export function distinctTerms(syllables: readonly string[], bigrams: readonly string[], bigramWeight: number, termWeights?: Readonly<Record<string, number>>): WeightedTerm[] {
  const scale = (term: string) => termWeights?.[term] ?? 1;
  const out: WeightedTerm[] = [...new Set(syllables)].map((term) => ({ term, kind: 'syllable', weight: scale(term) }));
  if (bigramWeight > 0) for (const term of new Set(bigrams)) out.push({ term, kind: 'bigram', weight: bigramWeight * scale(term) });
  return out;
}

/**
 * Which views a query is scored on, with their weights, in scoring order: a query with diacritics
 * on the accented view (1) and the accent-free one (`foldedWeight`), one without on the
 * accent-free view alone. Every BM25F implementation iterates this list in this order, so that
 * their sums agree to the last bit.
 */
export function scoredViews(query: LexicalQuery, params: Bm25Params): Array<{ view: Bm25ViewName; terms: WeightedTerm[]; weight: number }> {
  const folded = () => distinctTerms(query.foldedSyllables, query.foldedBigrams, params.bigramWeight, query.termWeights);
  if (!query.hasDiacritics) return [{ view: 'folded', terms: folded(), weight: 1 }];
  const views: Array<{ view: Bm25ViewName; terms: WeightedTerm[]; weight: number }> = [
    { view: 'accented', terms: distinctTerms(query.syllables, query.bigrams, params.bigramWeight, query.termWeights), weight: 1 },
  ];
  if (params.foldedWeight > 0) views.push({ view: 'folded', terms: folded(), weight: params.foldedWeight });
  return views;
}

/** BM25's inverse document frequency of a term found in `df` of `n` chunks. */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The average body length BM25 normalises by (at least 1, so an empty corpus divides by 1). */
export function averageLength(totalLength: number, chunks: number): number {
  return chunks === 0 ? 1 : Math.max(totalLength / chunks, 1);
}

/** k1 · (1 − b + b · len / avgLen): the length part of BM25's denominator. */
export function lengthNorm(params: Bm25Params, length: number, avgLength: number): number {
  return params.bm25K1 * (1 - params.bm25B + (params.bm25B * length) / avgLength);
}

/** What the number and article boosts need of a query: undefined when it names neither. */
export function queryBoosts(query: LexicalQuery): { numbers: Set<string>; articles: Set<number> } | undefined {
  const numbers = new Set(query.docNumbers.map(docNumberKey));
  const articles = new Set(query.articles);
  return numbers.size === 0 && articles.size === 0 ? undefined : { numbers, articles };
}

/**
 * Adds the số hiệu and "Điều N" boosts to the chunks that scored (`score > 0`), in place: `top` is
 * the highest score before boosting; `keyOf(i)` / `articleOf(i)` read chunk i's số hiệu key and article.
 */
export function applyBoosts({ scores, top, boosts, params, keyOf, articleOf }: {
  scores: Float64Array;
  top: number;
  boosts: { numbers: Set<string>; articles: Set<number> };
  params: Bm25Params;
  keyOf: (i: number) => string;
  articleOf: (i: number) => number;
}): void {
  for (let i = 0; i < scores.length; i++) {
    if ((scores[i] ?? 0) <= 0) continue;
    const key = keyOf(i);
    if (key !== '' && boosts.numbers.has(key)) scores[i] = (scores[i] ?? 0) + params.docNumberBoost * top;
    if (boosts.articles.has(articleOf(i))) scores[i] = (scores[i] ?? 0) + params.articleRefBoost * top;
  }
}

/** The highest value of the array (0 for an empty one or one without positive values). */
export function maxScore(scores: Float64Array): number {
  let top = 0;
  for (const s of scores) if (s > top) top = s;
  return top;
}

/** Whether the ascending `values[start .. end)` hold `target`. */
export function binarySearch(values: Uint32Array, start: number, end: number, target: number): boolean {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = values[mid] ?? 0;
    if (v === target) return true;
    if (v < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
