import { findArticleRefs, foldDiacritics } from '../text';
import type { ScoredUnit } from './sentence-scorer';

/** A unit kept for the answer unless its score falls below this share of the best unit's score. */
export const KEEP_RATIO = 0.75;

/** A cited source: one document, or one article of a legal document. */
export function sourceKey(unit: ScoredUnit['unit']): string {
  const article = findArticleRefs(unit.passage.chunk.locator)[0]?.article;
  return article === undefined ? unit.passage.doc.id : `${unit.passage.doc.id}|${article}`;
}

/**
 * Picks the answer's units from the scored list: the best one, then the next ones that score close
 * to it, from at most `maxCitations` sources and `maxAnswerSentences` units, skipping repeats
 * (the same sentence twice in a document, or a clause of a sentence already taken).
 */
export function selectUnits({
  scored,
  maxCitations,
  maxAnswerSentences,
  minCoverage,
}: {
  scored: readonly ScoredUnit[];
  maxCitations: number;
  maxAnswerSentences: number;
  /** Units covering less of the question than this are never quoted. */
  minCoverage: number;
}): ScoredUnit[] {
  const best = scored[0];
  if (best === undefined || best.coverage < minCoverage) return [];
  const chosen: ScoredUnit[] = [];
  const sources = new Set<string>();
  const texts = new Set<string>();
  for (const candidate of scored) {
    if (chosen.length >= Math.max(1, maxAnswerSentences)) break;
    if (candidate.score < KEEP_RATIO * best.score || candidate.coverage < minCoverage) break;
    const key = sourceKey(candidate.unit);
    if (!sources.has(key) && sources.size >= Math.max(1, maxCitations)) continue;
    const text = foldDiacritics(candidate.unit.text).toLowerCase();
    if (texts.has(text) || chosen.some((c) => overlaps(c, candidate))) continue;
    chosen.push(candidate);
    sources.add(key);
    texts.add(text);
  }
  return chosen;
}

function overlaps(a: ScoredUnit, b: ScoredUnit): boolean {
  return a.unit.passage.chunk.id === b.unit.passage.chunk.id && a.unit.start < b.unit.end && b.unit.start < a.unit.end;
}
