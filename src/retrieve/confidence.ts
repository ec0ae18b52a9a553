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

/**
 * How sure the dense list is about a passage, from 0 to 1: the question–passage cosine similarity
 * rescaled linearly so that `floor` (what unrelated text scores with this model) gives 0 and
 * `ceiling` (what a clearly relevant passage scores) gives 1, clipped. Embedding models squeeze
 * their similarities into a model-specific band (multilingual-e5: about 0.7–1.0), so a raw cosine
 * means nothing against the refusal threshold; the band's ends are the tunables
 * `denseConfidenceFloor` / `denseConfidenceCeiling`. Undefined or non-finite similarity (the
 * passage was not among the dense candidates) gives 0.
 */
export function denseConfidence({ similarity, floor, ceiling }: { similarity: number | undefined; floor: number; ceiling: number }): number {
  if (similarity === undefined || !Number.isFinite(similarity)) return 0;
  if (!(ceiling > floor)) return similarity >= ceiling ? 1 : 0;
  return Math.min(1, Math.max(0, (similarity - floor) / (ceiling - floor)));
}

/**
 * Confidence of hybrid retrieval in its top passage: the larger of the lexical confidence (term
 * coverage, `lexicalConfidence`) and the dense confidence (`denseConfidence`) of that same passage.
 *
 * On the same scale as the lexical-only confidence, on purpose: the lexical value is computed
 * exactly as in lexical mode, so a question answered lexically keeps the confidence it had, and the
 * dense value is mapped onto that scale by the floor/ceiling calibration, so that one
 * `refusalThreshold` serves both modes. The maximum, not a mean, because the dense half exists to
 * rescue paraphrases ("nghỉ thai sản" vs "chế độ khi sinh con") whose term coverage is low:
 * averaging would drag them under the threshold, and turning the model on would then refuse
 * questions lexical mode answered. The price is that a miscalibrated floor (too low for the model)
 * accepts more off-topic questions; the extractive answer still needs a sentence covering the
 * question (`support`), which bounds that.
 */
export function hybridConfidence({ lexical, dense }: { lexical: number; dense: number }): number {
  const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
  return Math.max(clamp(lexical), clamp(dense));
}
