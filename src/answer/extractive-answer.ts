import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult, RetrievedPassage } from '../retrieve/types';
import { answerUnits } from './answer-units';
import { makeCitation } from './citations';
import { groundedAnswer } from './answer-text';
import { analyzeQuestion, type QuestionAnalysis } from './question-analysis';
import { anchorTerms, anchorVerdict, passageAnchors } from './question-anchors';
import { refusalAnswer } from './refusal';
import { passageSourceKey, selectUnits, sourceKey } from './select-units';
import { scoreUnits, type ScoredUnit } from './sentence-scorer';
import type { Answer, AnswerSentence, Citation } from './types';

/**
 * Whose sentences are considered: the top passages of the first CANDIDATE_SOURCES sources
 * (document, or article of a law), at most MAX_CANDIDATE_PASSAGES passages. Counted by source
 * because a long article comes as many khoản chunks, which would otherwise crowd out the rest.
 */
export const CANDIDATE_SOURCES = 4;
export const MAX_CANDIDATE_PASSAGES = 12;

/**
 * The tunables of the answer stage (see src/config/tunables.ts). Spelled out as numbers: `Tunables`
 * types each value as its default's literal (`Object.freeze` infers `0.35`, not `number`).
 */
export type AnswerTunables = { [K in 'refusalThreshold' | 'maxCitations' | 'maxAnswerSentences']: number };

/**
 * The extractive answer: the sentences of the top passages that best answer the question, quoted
 * verbatim, each followed by the `[n]` of its source.
 *
 * The refusal decision is one number, `support` = min(retrieval confidence, coverage of the best
 * sentence), compared with the `refusalThreshold` tunable: retrieval must be that sure, and some
 * sentence must contain that (idf-weighted) share of the question's terms. Below it, the answer
 * is a refusal with the closest documents as suggestions. Only passages that can answer for the
 * question's anchors (places, names, years: see `anchorVerdict`) count, so a question about Đà
 * Nẵng is refused rather than answered with Hải Phòng's figures, while a law article that names no
 * place answers "… ở Hải Phòng" without the place counting against its coverage.
 */
export function extractiveAnswer({
  question,
  retrieval,
  tunables,
  prompts,
}: {
  /** The question after follow-up resolution. */
  question: string;
  retrieval: RetrievalResult;
  tunables: AnswerTunables;
  prompts: PromptCatalog;
}): Answer {
  const analysis = analyzeQuestion({ question });
  const units = answerUnits({ passages: candidatePassages(retrieval.passages) });
  const verdicts = anchorVerdicts(analysis);
  const scored = scoreUnits({ question: analysis, units, ignored: (unit) => verdicts(unit.passage).ignored }).filter((s) => verdicts(s.unit.passage).holds);
  const support = Math.min(retrieval.confidence, scored[0]?.coverage ?? 0);
  const refuse = (): Answer =>
    refusalAnswer({ prompts, retrieval, resolvedQuestion: question, maxSuggestions: tunables.maxCitations, support, confidence: retrieval.confidence });
  if (support < tunables.refusalThreshold) return refuse();
  const chosen = selectUnits({
    scored,
    maxCitations: tunables.maxCitations,
    maxAnswerSentences: tunables.maxAnswerSentences,
    minCoverage: tunables.refusalThreshold,
  });
  if (chosen.length === 0) return refuse();
  const { citations, sentences } = cite(chosen);
  return groundedAnswer({ sentences, citations, prompts, confidence: retrieval.confidence, mode: 'extractive', resolvedQuestion: question, support });
}

/**
 * Per passage (cached by chunk): whether it can answer for the question's anchors, and the terms of
 * the anchors it states a general rule for, which its coverage leaves out (see `anchorVerdict`).
 */
function anchorVerdicts(analysis: QuestionAnalysis): (passage: RetrievedPassage) => { holds: boolean; ignored: ReadonlySet<string> } {
  const none = { holds: true, ignored: new Set<string>() };
  if (analysis.anchors.length === 0) return () => none;
  const cache = new Map<string, { holds: boolean; ignored: ReadonlySet<string> }>();
  return (passage) => {
    let verdict = cache.get(passage.chunk.id);
    if (verdict === undefined) {
      const { holds, general } = anchorVerdict({ anchors: analysis.anchors, passage: passageAnchors(passage), accentFree: analysis.accentFree });
      verdict = { holds, ignored: anchorTerms({ anchors: general, terms: analysis.terms }) };
      cache.set(passage.chunk.id, verdict);
    }
    return verdict;
  };
}

function candidatePassages(passages: readonly RetrievedPassage[]): RetrievedPassage[] {
  const sources = new Set<string>();
  const out: RetrievedPassage[] = [];
  for (const p of passages) {
    if (out.length >= MAX_CANDIDATE_PASSAGES) break;
    const key = passageSourceKey(p);
    if (!sources.has(key) && sources.size >= CANDIDATE_SOURCES) continue;
    sources.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Numbers the sources in the order of their best unit, and writes the units grouped by source,
 * in document order within a source, so that a source's sentences read as they stand.
 */
function cite(chosen: readonly ScoredUnit[]): { citations: Citation[]; sentences: AnswerSentence[] } {
  const groups = new Map<string, ScoredUnit[]>();
  for (const s of chosen) {
    const key = sourceKey(s.unit);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const citations: Citation[] = [];
  const sentences: AnswerSentence[] = [];
  for (const group of groups.values()) {
    const n = citations.length + 1;
    const inOrder = [...group].sort(
      (a, b) => a.unit.passage.chunk.ordinal - b.unit.passage.chunk.ordinal || a.unit.start - b.unit.start,
    );
    const passages: RetrievedPassage[] = [];
    for (const s of group) if (!passages.includes(s.unit.passage)) passages.push(s.unit.passage);
    citations.push(makeCitation({ n, passages, quotes: inOrder.map((s) => s.unit.text) }));
    for (const s of inOrder) sentences.push({ text: s.unit.text, cites: [n] });
  }
  return { citations, sentences };
}
