import { foldDiacritics } from '../text';
import type { RetrievalResult, RetrievedPassage } from '../retrieve/types';
import { evidenceQuote } from './evidence-quote';
import { questionFocus, statesFocus } from './question-focus';
import type { QuestionAnalysis } from './question-analysis';
import { passageAnchors } from './question-anchors';
import { matchQualifiers, passageTokens, type Qualifier, type QualifierMatch } from './qualifiers';
import { passageSourceKey } from './select-units';
import type { ScoredUnit } from './sentence-scorer';

/**
 * The inputs of the answerability decision, each 0–1 and explainable on its own:
 * - `retrieval`: retrieval's confidence in its top passages;
 * - `coverage`: the idf-weighted share of the question's terms in the best unit (or its headings);
 * - `contentCoverage`: the plain share of the question's content syllables in the best unit's
 *   passage, title and headings;
 * - `qualifiersMissing`: the share of the question's years and technologies that the best passage
 *   does not state; 0 when the question has none;
 * - `numbersMissing`: the same for its other numbers ("82 tuổi" is often a condition, not a value);
 * - `namesMissing`: the share of the question's names (capitalised runs, places: "Sở Tư pháp",
 *   "quận Lê Chân") that the best passage, its title and headings do not contain — 0 for a legal
 *   unit, which states its rule for every place and body ("đăng ký thường trú ở Hải Phòng");
 * - `margin`: how far the best unit scores above the best unit of another source (0: a tie);
 * - `cueFit`: how well the best unit fits the kind of question ("bao nhiêu" → a figure);
 * - `focusMissing`: 1 when the question asks for a figure of something or for a named kind of thing
 *   ("bao nhiêu camera", "công ty nào", see question-focus.ts) and the quoted evidence of the best
 *   unit states none: it found the subject, not the answer; 0 otherwise;
 * - `absentTerms`: the share of the question's content syllables that no candidate passage (text,
 *   title, headings) contains — words the documents near the question never use ("Viettel",
 *   "Bitcoin", "Thái Nguyên");
 * - `topPassage`: 1 when the best unit is in retrieval's top passage;
 * - `anchorsAbsentLegal`: for a legal unit, the share of those places and names that its passage,
 *   title and headings do not contain — a law's rule holds for every city ("đăng ký thường trú ở
 *   Hải Phòng"), but not for the city's own figure ("Hải Phòng giảm giá vé xe buýt … bao nhiêu");
 *   the model weighs which (other units: `namesMissing`).
 */
export const FEATURES = ['retrieval', 'coverage', 'contentCoverage', 'qualifiersMissing', 'numbersMissing', 'namesMissing', 'margin', 'cueFit', 'focusMissing', 'absentTerms', 'topPassage', 'anchorsAbsentLegal'] as const;
export type Feature = (typeof FEATURES)[number];
export type Features = Record<Feature, number>;

/**
 * A logistic model over FEATURES: p = σ(bias + Σ weight·feature). Fitted by `npx tsx
 * bench/answers-fit.ts` on the tune half of bench/answers/realistic.jsonl only (label: the answer
 * given without any refusal is GOOD), 5-fold cross-validated there; see bench/results/answers-fit.md.
 */
export interface AnswerabilityModel {
  bias: number;
  weights: Features;
}

/**
 * True when the best evidence is about another instance of what was asked, whatever the
 * probability: it lacks a year or technology the question names ("năm 2024", "5G"), or — outside
 * legal units — a place or name ("quận Lê Chân", "Sở Tư pháp"). Such evidence is never passed off
 * as the answer: its probability is 0, and the answer says what the evidence does state ("Văn
 * bản chỉ nêu số liệu năm 2022…") or refuses. On the tune half no answer with either was GOOD (bench/results/answers-fit.md), so the
 * model is fitted on the other questions only.
 */
export function statesOtherInstance(features: Pick<Features, 'qualifiersMissing' | 'namesMissing'>): boolean {
  return features.qualifiersMissing > 0 || features.namesMissing > 0;
}

export function probability(model: AnswerabilityModel, features: Features): number {
  let z = model.bias;
  for (const f of FEATURES) z += model.weights[f] * features[f];
  return 1 / (1 + Math.exp(-z));
}

/** The features of the best-scored unit for the question, and how its passage stands to the qualifiers. */
export function answerabilityFeatures({
  analysis,
  qualifiers,
  scored,
  retrieval,
  question,
  candidates,
}: {
  analysis: QuestionAnalysis;
  qualifiers: readonly Qualifier[];
  scored: readonly ScoredUnit[];
  retrieval: RetrievalResult;
  /** The question as analysed (for its focus). */
  question: string;
  /** The passages whose units were scored. */
  candidates: readonly RetrievedPassage[];
}): { features: Features; qualifierMatch: QualifierMatch } {
  const best = scored[0];
  const values = qualifiers.filter((q) => q.kind !== 'number');
  const numbers = qualifiers.filter((q) => q.kind === 'number');
  const names = analysis.anchors.filter((a) => a.kind !== 'year');
  const content = analysis.terms.filter((t) => t.kind === 'syllable').map((t) => t.folded);
  const near = new Set<string>();
  for (const p of candidates) for (const t of passageTokens(p).all) near.add(foldDiacritics(t));
  const absentTerms = share(content, (s) => !near.has(s));
  const focus = questionFocus(question);
  if (best === undefined) {
    const none = { retrieval: retrieval.confidence, coverage: 0, contentCoverage: 0, margin: 0, cueFit: 0, focusMissing: focus === undefined ? 0 : 1, absentTerms, topPassage: 0, anchorsAbsentLegal: 0 };
    return { features: { ...none, qualifiersMissing: values.length > 0 ? 1 : 0, numbersMissing: numbers.length > 0 ? 1 : 0, namesMissing: names.length > 0 ? 1 : 0 }, qualifierMatch: { missing: [...qualifiers], stated: [] } };
  }
  const passage = best.unit.passage;
  const tokens = passageTokens(passage);
  const qualifierMatch = matchQualifiers(qualifiers, tokens);
  const passageFolded = new Set([...tokens.all].map(foldDiacritics));
  const contentCoverage = content.length === 0 ? 0 : content.filter((s) => passageFolded.has(s)).length / content.length;
  const anchorTerms = passageAnchors(passage).terms;
  const key = passageSourceKey(passage);
  const rival = scored.find((s) => passageSourceKey(s.unit.passage) !== key);
  const margin = rival === undefined || best.score <= 0 ? 1 : Math.max(0, Math.min(1, (best.score - rival.score) / best.score));
  const quote = evidenceQuote(best.unit).text;
  const folded = analysis.accentFree;
  const anchorsAbsent = share(names, (a) => !a.keys.every((k) => (folded ? anchorTerms.folded : anchorTerms.accented).has(k)));
  return {
    features: {
      retrieval: retrieval.confidence,
      coverage: best.coverage,
      contentCoverage,
      qualifiersMissing: share(values, (q) => qualifierMatch.missing.includes(q)),
      numbersMissing: share(numbers, (q) => qualifierMatch.missing.includes(q)),
      namesMissing: passage.chunk.kind === 'legal' ? 0 : anchorsAbsent,
      margin,
      cueFit: best.cueFit,
      focusMissing: focus === undefined || statesFocus(focus, quote) ? 0 : 1,
      absentTerms,
      topPassage: best.unit.passageRank === 0 ? 1 : 0,
      anchorsAbsentLegal: passage.chunk.kind === 'legal' ? anchorsAbsent : 0,
    },
    qualifierMatch,
  };
}

/** The share of `items` for which `missing` holds; 0 for none. */
function share<T>(items: readonly T[], missing: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(missing).length / items.length;
}
