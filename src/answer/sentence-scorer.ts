import { docNumberKey, findArticleRefs, termSets } from '../text';
import type { AnswerUnit } from './answer-units';
import type { QuestionAnalysis, QuestionTerm } from './question-analysis';
import { cueStrength } from './sentence-features';

/**
 * Weights of the sentence score. The core is `coverage` (0–1: the idf-weighted share of the
 * question's terms a unit contains); the rest are small nudges that decide between units that
 * cover the question alike. They are internal, not operator tunables: change them only with the
 * answer benchmark.
 */
export const SCORE_WEIGHTS = Object.freeze({
  /** A bigram counts this much relative to a syllable (as in the lexical index; 0.3–1 measured alike on ALQAC, 1 refuses more often without the gold article). */
  bigram: 1,
  /** Credit for a term found only without diacritics when the question had them ("bàn" vs "ban"). */
  accentMismatch: 0.5,
  /** Credit for a term found only in the chunk's headings (article title), not in the unit itself. */
  headingContext: 0.5,
  /** Per question cue the unit satisfies fully (e.g. a number for "bao nhiêu"). */
  cue: 0.15,
  /** Per number or code of the question that the unit repeats; at most two count. */
  number: 0.15,
  /** When the passage is the article ("Điều N") or document (số hiệu) the question names. */
  reference: 0.15,
  /** Times the passage's retrieval score relative to the top one. */
  passagePrior: 0.15,
  /** Times 1/(1 + sentence index): opening sentences state the rule, later ones detail it. */
  position: 0.05,
  /** Per 100 characters past the first 200: long units cover more terms by sheer size. */
  length: 0.03,
});

/** A unit with its score and its coverage of the question. */
export interface ScoredUnit {
  unit: AnswerUnit;
  /** 0–1, the idf-weighted share of the question's terms found in the unit (or its headings). */
  coverage: number;
  /** 0–1, how well the unit fits the kind of question (mean cue strength; 1 when the question has no cue). */
  cueFit: number;
  score: number;
}

/**
 * Scores every unit for the question; best first. `ignored` names, per unit, question terms (folded)
 * that its coverage leaves out: a place or year the question names, for a passage that states a
 * rule for every place or year (see `holdsAnchors`).
 */
export function scoreUnits({ question, units, ignored }: { question: QuestionAnalysis; units: readonly AnswerUnit[]; ignored?: (unit: AnswerUnit) => ReadonlySet<string> }): ScoredUnit[] {
  const idf = inverseFrequencies(question.terms, units);
  const fullWeight = question.terms.reduce((sum, t) => sum + termWeight(t, idf), 0);
  const topScore = Math.max(0, ...units.map((u) => u.passage.score));
  const headingCache = new Map<string, ReturnType<typeof termSets>>();
  const scored = units.map((unit) => {
    const chunk = unit.passage.chunk;
    let heading = headingCache.get(chunk.id);
    if (heading === undefined) {
      heading = termSets(chunk.headingPath.join('\n'));
      headingCache.set(chunk.id, heading);
    }
    const skip = ignored?.(unit);
    let matched = 0;
    let totalWeight = fullWeight;
    for (const term of question.terms) {
      if (skip?.has(term.folded) === true) {
        totalWeight -= termWeight(term, idf);
        continue;
      }
      const own = termMatch(term, unit, question.accentFree);
      const context = SCORE_WEIGHTS.headingContext * termMatch(term, heading, question.accentFree);
      matched += termWeight(term, idf) * Math.max(own, context);
    }
    const coverage = totalWeight > 0 ? matched / totalWeight : 0;
    const cueFit = fit(question, unit);
    const score = coverage + SCORE_WEIGHTS.cue * cueFit * question.cues.size + nudges({ question, unit, topScore });
    return { unit, coverage, cueFit, score };
  });
  return scored.sort((a, b) => b.score - a.score || a.unit.passageRank - b.unit.passageRank || a.unit.start - b.unit.start);
}

function nudges({ question, unit, topScore }: { question: QuestionAnalysis; unit: AnswerUnit; topScore: number }): number {
  const { passage } = unit;
  let bonus = 0;
  const numbers = question.numbers.filter((n) => unit.folded.has(n)).length;
  bonus += SCORE_WEIGHTS.number * Math.min(2, numbers);
  const locatorArticles = findArticleRefs(passage.chunk.locator).map((r) => r.article);
  const docNumber = passage.doc.meta.docNumber === undefined ? undefined : docNumberKey(passage.doc.meta.docNumber);
  if (question.articles.some((a) => locatorArticles.includes(a))) bonus += SCORE_WEIGHTS.reference;
  if (docNumber !== undefined && question.docNumbers.includes(docNumber)) bonus += SCORE_WEIGHTS.reference;
  const prior = topScore > 0 ? Math.max(0, passage.score) / topScore : 1 / (1 + unit.passageRank);
  bonus += SCORE_WEIGHTS.passagePrior * prior;
  bonus += SCORE_WEIGHTS.position / (1 + unit.sentenceIndex);
  bonus -= SCORE_WEIGHTS.length * Math.max(0, (unit.text.length - 200) / 100);
  return bonus;
}

function fit(question: QuestionAnalysis, unit: AnswerUnit): number {
  if (question.cues.size === 0) return 1;
  const subject = question.terms.filter((t) => t.kind === 'syllable').map((t) => t.folded);
  let sum = 0;
  for (const cue of question.cues) sum += cueStrength({ cue, sentence: unit.text, subject });
  return sum / question.cues.size;
}

/** 1 for a match, `accentMismatch` for an accent-free-only match of an accented question, else 0. */
function termMatch(term: QuestionTerm, sets: { accented: ReadonlySet<string>; folded: ReadonlySet<string> }, accentFree: boolean): number {
  if (!sets.folded.has(term.folded)) return 0;
  if (accentFree || sets.accented.has(term.accented)) return 1;
  return SCORE_WEIGHTS.accentMismatch;
}

function termWeight(term: QuestionTerm, idf: Map<string, number>): number {
  return (idf.get(term.folded) ?? 0) * (term.kind === 'bigram' ? SCORE_WEIGHTS.bigram : 1);
}

/**
 * BM25's idf over the candidate units, accent-free: a term in every unit ("Hải Phòng" in an
 * article about Hải Phòng) weighs little; a term in none weighs most, so a question about
 * something the passages do not mention gets a low coverage and is refused.
 */
function inverseFrequencies(terms: readonly QuestionTerm[], units: readonly AnswerUnit[]): Map<string, number> {
  const n = units.length;
  const idf = new Map<string, number>();
  for (const term of terms) {
    const df = units.filter((u) => u.folded.has(term.folded)).length;
    idf.set(term.folded, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return idf;
}
