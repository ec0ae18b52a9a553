import type { TermMatch } from '../index/lexical-index';

/** Part of the confidence that comes from bigram (two-syllable phrase) coverage; the rest from single syllables. */
export const BIGRAM_COVERAGE_SHARE = 0.5;

/** idf-weighted share of the terms that are matched: Σ idf·matched / Σ idf, or undefined without terms. */
function weightedCoverage(terms: readonly TermMatch[]): number | undefined {
  let total = 0;
  let matched = 0;
  for (const term of terms) {
    total += term.idf;
    if (term.matched) matched += term.idf;
  }
  return total > 0 ? matched / total : undefined;
}

/**
 * How sure lexical retrieval is that its top passage is about the question, from 0 to 1: the
 * idf-weighted share of the question's syllables found in the passage, averaged with the same share
 * of its syllable bigrams (`BIGRAM_COVERAGE_SHARE`).
 *
 * Why coverage rather than the raw score: BM25 scores are unbounded and depend on the query length
 * and the corpus, so no fixed threshold separates answerable from off-topic questions; coverage is
 * on a fixed scale. Rare words weigh most (a question about "phở bò" whose only matches are "của",
 * "như thế nào" scores low), and bigrams tell "đăng ký kết hôn" from its syllables scattered over
 * unrelated sentences. Terms the corpus never uses count fully against coverage: the documents
 * cannot be about them. Pass the terms of `LexicalIndex.explain` for the top passage.
 */
export function lexicalConfidence({ terms }: { terms: readonly TermMatch[] }): number {
  const syllables = weightedCoverage(terms.filter((t) => t.kind === 'syllable'));
  if (syllables === undefined) return 0;
  const bigrams = weightedCoverage(terms.filter((t) => t.kind === 'bigram')) ?? syllables;
  const value = (1 - BIGRAM_COVERAGE_SHARE) * syllables + BIGRAM_COVERAGE_SHARE * bigrams;
  return Math.min(1, Math.max(0, value));
}
