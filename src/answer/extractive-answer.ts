import type { Tunables } from '../config/tunables';
import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult, RetrievedPassage } from '../retrieve/types';
import { answerUnits } from './answer-units';
import { makeCitation } from './citations';
import { withNotices } from './out-of-force';
import { analyzeQuestion } from './question-analysis';
import { refusalAnswer } from './refusal';
import { selectUnits, sourceKey } from './select-units';
import { scoreUnits, type ScoredUnit } from './sentence-scorer';
import type { Answer, Citation } from './types';

/** Passages (best first) whose sentences are considered; lower ones rarely hold a better sentence. */
export const CANDIDATE_PASSAGES = 5;

export type AnswerTunables = Pick<Tunables, 'refusalThreshold' | 'maxCitations' | 'maxAnswerSentences'>;

/**
 * The extractive answer: the sentences of the top passages that best answer the question, quoted
 * verbatim, each followed by the `[n]` of its source.
 *
 * The refusal decision is one number, `support` = min(retrieval confidence, coverage of the best
 * sentence), compared with the `refusalThreshold` tunable: retrieval must be that sure, and some
 * sentence must contain that (idf-weighted) share of the question's terms. Below it, the answer
 * is a refusal with the closest documents as suggestions.
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
  const units = answerUnits({ passages: retrieval.passages.slice(0, CANDIDATE_PASSAGES) });
  const scored = scoreUnits({ question: analysis, units });
  const support = Math.min(retrieval.confidence, scored[0]?.coverage ?? 0);
  const refuse = (): Answer =>
    refusalAnswer({ prompts, retrieval, resolvedQuestion: question, maxSuggestions: tunables.maxCitations, support });
  if (support < tunables.refusalThreshold) return refuse();
  const chosen = selectUnits({
    scored,
    maxCitations: tunables.maxCitations,
    maxAnswerSentences: tunables.maxAnswerSentences,
    minCoverage: tunables.refusalThreshold,
  });
  if (chosen.length === 0) return refuse();
  const { citations, lines } = cite(chosen);
  return {
    text: withNotices({ body: lines.join('\n\n'), prompts, citations }),
    grounded: true,
    confidence: retrieval.confidence,
    citations,
    mode: 'extractive',
    resolvedQuestion: question,
    support,
  };
}

/**
 * Numbers the sources in the order of their best unit, and writes the units grouped by source,
 * in document order within a source, so that a source's sentences read as they stand.
 */
function cite(chosen: readonly ScoredUnit[]): { citations: Citation[]; lines: string[] } {
  const groups = new Map<string, ScoredUnit[]>();
  for (const s of chosen) {
    const key = sourceKey(s.unit);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const citations: Citation[] = [];
  const lines: string[] = [];
  for (const group of groups.values()) {
    const n = citations.length + 1;
    const inOrder = [...group].sort(
      (a, b) => a.unit.passage.chunk.ordinal - b.unit.passage.chunk.ordinal || a.unit.start - b.unit.start,
    );
    const passages: RetrievedPassage[] = [];
    for (const s of group) if (!passages.includes(s.unit.passage)) passages.push(s.unit.passage);
    citations.push(makeCitation({ n, passages, quotes: inOrder.map((s) => s.unit.text) }));
    for (const s of inOrder) lines.push(`${s.unit.text} [${n}]`);
  }
  return { citations, lines };
}
