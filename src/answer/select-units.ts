import { findArticleRefs, foldDiacritics } from '../text';
import type { RetrievedPassage } from '../retrieve/types';
import type { ScoredUnit } from './sentence-scorer';

/** A unit joins the best one only if its score and its coverage are at least this share of the best's. */
export const KEEP_RATIO = 0.75;

/** The answer stops growing past this many characters of quotes (the best unit is always kept). */
export const MAX_ANSWER_CHARS = 1000;

/** A cited source: one document, or one article of a legal document. */
export function passageSourceKey(passage: RetrievedPassage): string {
  const article = findArticleRefs(passage.chunk.locator)[0]?.article;
  return article === undefined ? passage.doc.id : `${passage.doc.id}|${article}`;
}

/** The source of a unit (see passageSourceKey). */
export function sourceKey(unit: ScoredUnit['unit']): string {
  return passageSourceKey(unit.passage);
}

/**
 * Picks the answer's units from the scored list: the best one, then the next ones that score close
 * to it (score, coverage and fit to the kind of question all within KEEP_RATIO of the best), from
 * at most `maxCitations` sources, `maxAnswerSentences` units and MAX_ANSWER_CHARS, skipping repeats
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
  let length = 0;
  for (const candidate of scored) {
    if (chosen.length >= Math.max(1, maxAnswerSentences)) break;
    if (candidate.score < KEEP_RATIO * best.score) break;
    if (candidate.coverage < minCoverage || candidate.coverage < KEEP_RATIO * best.coverage) continue;
    // Same kind of content as the best: a "bao nhiêu" answer adds only sentences with figures too.
    if (candidate.cueFit < KEEP_RATIO * best.cueFit) continue;
    if (chosen.length > 0 && length + candidate.unit.text.length > MAX_ANSWER_CHARS) continue;
    const key = sourceKey(candidate.unit);
    if (!sources.has(key) && sources.size >= Math.max(1, maxCitations)) continue;
    const text = foldDiacritics(candidate.unit.text).toLowerCase();
    if (texts.has(text) || chosen.some((c) => overlaps(c, candidate))) continue;
    chosen.push(candidate);
    length += candidate.unit.text.length;
    sources.add(key);
    texts.add(text);
  }
  return chosen;
}

function overlaps(a: ScoredUnit, b: ScoredUnit): boolean {
  return a.unit.passage.chunk.id === b.unit.passage.chunk.id && a.unit.start < b.unit.end && b.unit.start < a.unit.end;
}
