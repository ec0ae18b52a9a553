import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult, RetrievedPassage } from '../retrieve/types';
import { answerUnits } from './answer-units';
import { makeCitation } from './citations';
import { groundedAnswer } from './answer-text';
import { evidenceQuote, type EvidenceQuote } from './evidence-quote';
import { analyzeQuestion, type QuestionAnalysis } from './question-analysis';
import { anchorTerms, anchorVerdict, passageAnchors } from './question-anchors';
import { refusalAnswer } from './refusal';
import { KEEP_RATIO, passageSourceKey, selectUnits, sourceKey } from './select-units';
import { scoreUnits, type ScoredUnit } from './sentence-scorer';
import type { Answer, AnswerNote, AnswerSentence, Citation } from './types';
import { answerabilityFeatures, probability, statesOtherInstance } from './answerability';
import { ANSWERABILITY_MODEL } from './answerability-model';
import { questionQualifiers, type Qualifier } from './qualifiers';
import { questionFocus, statesFocus, type QuestionFocus } from './question-focus';

/**
 * Whose sentences are considered: the top passages of the first CANDIDATE_SOURCES sources
 * (document, or article of a law), at most MAX_CANDIDATE_PASSAGES passages. Counted by source
 * because a long article comes as many khoản chunks, which would otherwise crowd out the rest.
 */
export const CANDIDATE_SOURCES = 4;
export const MAX_CANDIDATE_PASSAGES = 12;
/** Units covering less of the question than this are never quoted, whatever the decision. */
export const MIN_QUOTE_COVERAGE = 0.1;
/** Retrieval's top passage joins an answer drawn from elsewhere when its best unit covers this share of the best's coverage. */
export const TOP_PASSAGE_RATIO = 0.5;
/** Passages ranked within this many by retrieval that quote another khoản of a chosen article join its quote. */
export const SAME_ARTICLE_RANKS = 3;

/**
 * The tunables of the answer stage (see src/config/tunables.ts). Spelled out as numbers: `Tunables`
 * types each value as its default's literal (`Object.freeze` infers `0.5`, not `number`).
 */
export type AnswerTunables = { [K in 'refusalThreshold' | 'maxCitations' | 'maxAnswerSentences']: number };

/**
 * The extractive answer: the evidence (whole legal units, or paragraphs with their lists) around the
 * units of the top passages that best answer the question, quoted verbatim, each with the `[n]` of
 * its source.
 *
 * Whether to answer is one calibrated probability (see answerability.ts): a logistic model over
 * retrieval's confidence, the coverage of the question by the best unit, whether its passage states
 * the question's qualifiers, the margin over other sources and the fit to the kind of question;
 * below the `refusalThreshold` tunable the answer is a refusal with the closest documents as
 * suggestions. When the only thing missing is a year or technology and the evidence states another
 * one ("2022" for 2024), the answer says so — "Văn bản chỉ nêu số liệu năm 2022…" — grounded, cited
 * and flagged (`notes`), rather than passing the 2022 figure off as the 2024 one. Only passages that
 * can answer for the question's places and names count (see `anchorVerdict`).
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
  const candidates = candidatePassages(retrieval.passages);
  const units = answerUnits({ passages: candidates });
  const verdicts = anchorVerdicts(analysis);
  const scored = statingFirst(
    questionFocus(question),
    scoreUnits({ question: analysis, units, ignored: (unit) => verdicts(unit.passage).ignored }).filter((s) => verdicts(s.unit.passage).holds),
  );
  const qualifiers = questionQualifiers(question);
  const { features, qualifierMatch } = answerabilityFeatures({ analysis, qualifiers, scored, retrieval, question, candidates });
  // Evidence on another instance (year, technology, name) is never the answer: probability 0, so
  // it is refused or flagged at any threshold above 0 (0, the fit's labelling run, answers all).
  const p = statesOtherInstance(features) ? 0 : probability(ANSWERABILITY_MODEL, features);
  const support = scored[0]?.coverage ?? 0;
  const answerability = { features, probability: p };
  const refuse = (): Answer => ({
    ...refusalAnswer({ prompts, retrieval, resolvedQuestion: question, maxSuggestions: tunables.maxCitations, support, confidence: p }),
    answerability,
  });
  let notes: AnswerNote[] = [];
  if (p < tunables.refusalThreshold) {
    // The topic is answered but a year, quarter or technology is not: say what the documents do state.
    const onTopic = probability(ANSWERABILITY_MODEL, { ...features, qualifiersMissing: 0 }) >= tunables.refusalThreshold;
    const neighbouring = features.namesMissing === 0 && qualifierMatch.missing.length > 0 && qualifierMatch.missing.every((q) => q.kind === 'year' || q.kind === 'quarter' || q.kind === 'technology') && qualifierMatch.stated.length > 0;
    if (!onTopic || !neighbouring) return refuse();
    notes = [{ kind: 'only-stated', asked: qualifierMatch.missing.map(describeQualifier), stated: qualifierMatch.stated.map((v) => describeQualifier({ kind: /g$/i.test(v) ? 'technology' : /^quý /u.test(v) ? 'quarter' : 'year', text: v })) }];
  }
  const chosen = withSameArticle(withTopPassage(selectUnits({ scored, maxCitations: tunables.maxCitations, maxAnswerSentences: tunables.maxAnswerSentences, minCoverage: MIN_QUOTE_COVERAGE }), scored, tunables), scored);
  if (chosen.length === 0) return refuse();
  const { citations, sentences } = cite(chosen);
  return { ...groundedAnswer({ sentences, citations, notes, prompts, confidence: p, mode: 'extractive', resolvedQuestion: question, support }), answerability };
}

/**
 * For a "bao nhiêu X" question, the best unit that states a figure of X (see question-focus.ts)
 * leads when it scores within KEEP_RATIO of the best: "các đại biểu được nghe…" matches the
 * question's words as well as "… với tổng số 11.345 đại biểu tham dự", but only the latter answers.
 */
function statingFirst(focus: QuestionFocus | undefined, scored: ScoredUnit[]): ScoredUnit[] {
  const best = scored[0];
  if (focus === undefined || best === undefined || statesFocus(focus, best.unit.text)) return scored;
  const at = scored.findIndex((s) => s.score >= KEEP_RATIO * best.score && statesFocus(focus, s.unit.text));
  if (at <= 0) return scored;
  const lead = scored[at] as ScoredUnit;
  return [lead, ...scored.slice(0, at), ...scored.slice(at + 1)];
}

/**
 * The chosen units, with the best unit of retrieval's top passage added when none was chosen and it
 * covers enough of the question: the answer never states less than the passage retrieval ranked
 * first (quoted whole, that passage alone states every key fact more often than the sentence
 * picked by score — bench/results/answers.md, reference rows).
 */
function withTopPassage(chosen: readonly ScoredUnit[], scored: readonly ScoredUnit[], limits: Pick<AnswerTunables, 'maxCitations' | 'maxAnswerSentences'>): ScoredUnit[] {
  const best = chosen[0];
  if (best === undefined || chosen.some((s) => s.unit.passageRank === 0) || chosen.length >= limits.maxAnswerSentences) return [...chosen];
  if (new Set(chosen.map((s) => sourceKey(s.unit))).size >= limits.maxCitations) return [...chosen];
  // Of the same kind as the best (a definition for "… là gì?") and covering half as much: not padding.
  const top = scored.find((s) => s.unit.passageRank === 0 && s.coverage >= Math.max(MIN_QUOTE_COVERAGE, TOP_PASSAGE_RATIO * best.coverage) && s.cueFit >= KEEP_RATIO * best.cueFit);
  return top === undefined ? [...chosen] : [...chosen, top];
}

/**
 * The chosen units, with another khoản of a chosen article when retrieval ranked its passage among
 * the first SAME_ARTICLE_RANKS and its best unit covers TOP_PASSAGE_RATIO of the best's coverage:
 * the article's rule often spans khoản ("… tự đi khám không đúng tuyến" in khoản 3, the exception
 * in khoản 4; a time limit's "01 năm" in the next khoản), and retrieval's neighbours say which.
 * The evidence quote of each is its whole khoản (see `evidenceQuote`); they cite the article once.
 */
function withSameArticle(chosen: readonly ScoredUnit[], scored: readonly ScoredUnit[]): ScoredUnit[] {
  const best = chosen[0];
  if (best === undefined) return [...chosen];
  const articles = new Set(chosen.filter((s) => s.unit.passage.chunk.kind === 'legal').map((s) => sourceKey(s.unit)));
  const out = [...chosen];
  for (const s of scored) {
    if (s.unit.passageRank >= SAME_ARTICLE_RANKS || !articles.has(sourceKey(s.unit))) continue;
    if (out.some((c) => c.unit.passage.chunk.id === s.unit.passage.chunk.id)) continue;
    if (s.coverage < Math.max(MIN_QUOTE_COVERAGE, TOP_PASSAGE_RATIO * best.coverage)) continue;
    out.push(s);
  }
  return out;
}

/** "năm 2024", "5G": a qualifier as the only-stated note names it. */
function describeQualifier(q: Pick<Qualifier, 'kind' | 'text'>): string {
  return q.kind === 'year' ? `năm ${q.text}` : q.text;
}

/**
 * Per passage (cached by chunk): whether it can answer for the question's anchors, and the terms of
 * the anchors it states a general rule for, which its coverage leaves out (see `anchorVerdict`).
 */
function anchorVerdicts(analysis: QuestionAnalysis): (passage: RetrievedPassage) => { holds: boolean; ignored: ReadonlySet<string> } {
  const none = { holds: true, ignored: new Set<string>() };
  // Years are qualifiers: a passage on another year is evidence of a neighbouring value (see extractiveAnswer).
  const anchors = analysis.anchors.filter((a) => a.kind !== 'year');
  if (anchors.length === 0) return () => none;
  const cache = new Map<string, { holds: boolean; ignored: ReadonlySet<string> }>();
  return (passage) => {
    let verdict = cache.get(passage.chunk.id);
    if (verdict === undefined) {
      const { holds, general } = anchorVerdict({ anchors, passage: passageAnchors(passage), accentFree: analysis.accentFree });
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
 * Numbers the sources in the order of their best unit, and quotes for each chosen unit its whole
 * evidence (see `evidenceQuote`), once per piece of a chunk, grouped by source and in document order
 * within a source, so that a source's quotes read as they stand.
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
    const passages: RetrievedPassage[] = [];
    for (const s of group) if (!passages.includes(s.unit.passage)) passages.push(s.unit.passage);
    const quotes: Array<{ passage: RetrievedPassage; quote: EvidenceQuote }> = [];
    for (const s of group) {
      const quote = evidenceQuote(s.unit);
      const same = quotes.find((q) => q.passage.chunk.id === s.unit.passage.chunk.id && q.quote.start < quote.end && quote.start < q.quote.end);
      if (same === undefined) quotes.push({ passage: s.unit.passage, quote });
      else if (quote.end - quote.start > same.quote.end - same.quote.start) same.quote = quote;
    }
    quotes.sort((a, b) => a.passage.chunk.ordinal - b.passage.chunk.ordinal || a.quote.start - b.quote.start);
    citations.push(makeCitation({ n, passages, quotes: quotes.map((q) => q.quote.text) }));
    for (const q of quotes) sentences.push({ text: q.quote.text, cites: [n] });
  }
  return { citations, sentences };
}
