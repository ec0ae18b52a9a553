import { detectLegalStructure } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { StoredDocument } from '../index/store';
import type { PromptCatalog } from '../prompts/catalog';
import { findArticleRefs, findInDocumentRefs, termSets, type ArticleRef } from '../text';
import { rebuiltAnswer } from './answer-polish';
import type { DocumentView } from './document-cache';
import { MAX_EVIDENCE_CHARS } from './evidence-quote';
import { makeCitation } from './citations';
import { analyzeQuestion } from './question-analysis';
import type { Answer, AnswerSentence, Citation } from './types';

/** At most this many referenced units are quoted in one answer (depth 1: their own references are not followed). */
export const MAX_FOLLOWED_REFERENCES = 2;
/**
 * A referenced unit longer than this (characters) is quoted up to the last line that fits, then "…":
 * the bound of a whole legal unit quoted as evidence. (Tune half of bench:answers: 1200 cut a list
 * of điểm short, R304; 1600 did not.)
 */
export const MAX_REFERENCE_QUOTE_CHARS = MAX_EVIDENCE_CHARS;
/**
 * A reference naming more units than this ("theo quy định tại các điều 26, 27 và 28") lists
 * conditions rather than pointing to the content: it is not followed.
 */
export const MAX_REFERENCE_TARGETS = 2;
/**
 * A referenced unit is quoted only if it (with its article heading) holds at least this share of the
 * question's content terms: the reference a clause depends on for what was asked ("tại chỗ ở quy
 * định tại Điều 23" for "những chỗ ở nào…"), not every reference the clause happens to make. The
 * tune half of bench:answers grades alike from 0.2 to 0.4; 0.3 is the middle.
 */
export const MIN_REFERENCE_COVERAGE = 0.3;
interface ParsedDocument {
  doc: StoredDocument;
  /** Its legal chunks, with the article their locator names. */
  chunks: Array<{ chunk: Chunk; article: number | undefined }>;
}

/** A referenced unit as it will be quoted. */
interface Target {
  doc: StoredDocument;
  chunk: Chunk;
  locator: string;
  text: string;
  /** Offsets of the unit in the document text. */
  start: number;
  end: number;
  /** Its article's heading line ("Điều 23. Địa điểm không được đăng ký thường trú mới"). */
  heading: string;
}

/** "2. " / "a) " opening a khoản or điểm: the locator names it. */
const UNIT_NUMBER = /^(?:\d+[.)]|[a-zđ]\))\s+/u;

/**
 * Follows the references a quoted legal unit makes to other units of the same document ("tại chỗ
 * ở quy định tại Điều 23 của Luật này", "theo khoản 2 Điều này", "quy định tại điểm a khoản 1
 * Điều 5"): each referenced unit that bears on the question is quoted too, right after the
 * sentences of the source that refers to it, with its own citation ("Điều 23"). Bounded: depth 1,
 * MAX_FOLLOWED_REFERENCES per answer, MAX_REFERENCE_QUOTE_CHARS per quote; units already quoted,
 * references into other documents and long lists of references are left alone. The answer's
 * citations are renumbered in order of appearance; refusals and written (LLM) answers are returned as
 * they are.
 */
export function createReferenceFollower({ documents, prompts }: { documents: (docId: string) => DocumentView | undefined; prompts: PromptCatalog }): (options: { answer: Answer; question: string }) => Answer {
  const parsed = (docId: string): ParsedDocument | undefined => {
    const view = documents(docId);
    const chunks = (view?.chunks ?? []).filter((c) => c.kind === 'legal').map((chunk) => ({ chunk, article: findArticleRefs(chunk.locator)[0]?.article }));
    return view === undefined || chunks.length === 0 ? undefined : { doc: view.doc, chunks };
  };

  return ({ answer, question }) => {
    if (!answer.grounded || answer.mode !== 'extractive' || answer.sentences.length === 0) return answer;
    const terms = analyzeQuestion({ question }).terms.map((t) => t.folded);
    // What the answer quotes already, per document (offsets in its text).
    const quoted = new Map<string, Array<{ start: number; end: number }>>();
    const located: Array<{ sentence: AnswerSentence; citation: Citation; doc: ParsedDocument; article: number; start: number } | undefined> = answer.sentences.map((sentence) => {
      const citation = answer.citations.find((c) => c.n === sentence.cites[0]);
      const doc = citation === undefined ? undefined : parsed(citation.docId);
      const entry = doc?.chunks.find((c) => c.chunk.id === citation?.chunkId);
      const chunk = entry?.chunk;
      const article = entry?.article;
      if (citation === undefined || doc === undefined || chunk === undefined || article === undefined) return undefined;
      const start = doc.doc.text.indexOf(sentence.text, Math.max(0, chunk.start - MAX_REFERENCE_QUOTE_CHARS));
      if (start < 0) return undefined;
      quoted.set(doc.doc.id, [...(quoted.get(doc.doc.id) ?? []), { start, end: start + sentence.text.length }]);
      return { sentence, citation, doc, article, start };
    });

    const followed: Array<{ after: AnswerSentence; target: Target }> = [];
    for (const at of located) {
      if (at === undefined || followed.length >= MAX_FOLLOWED_REFERENCES) continue;
      const refs = findInDocumentRefs(at.sentence.text, { currentArticle: at.article });
      // Refs from one mention share its offsets: "các điều 26, 27 và 28" is one mention of three units.
      const perMention = new Map<number, number>();
      for (const r of refs) perMention.set(r.start, (perMention.get(r.start) ?? 0) + 1);
      for (const ref of refs) {
        if (followed.length >= MAX_FOLLOWED_REFERENCES) break;
        if ((perMention.get(ref.start) ?? 0) > MAX_REFERENCE_TARGETS) continue;
        const target = targetOf(at.doc, ref);
        if (target === undefined) continue;
        const spans = quoted.get(target.doc.id) ?? [];
        if (spans.some((s) => s.start < target.end && target.start < s.end)) continue;
        if (coverage(terms, target.text, target.heading) < MIN_REFERENCE_COVERAGE) continue;
        spans.push({ start: target.start, end: target.end });
        quoted.set(target.doc.id, spans);
        followed.push({ after: at.sentence, target });
      }
    }
    if (followed.length === 0) return answer;
    return withFollowed({ answer, followed, prompts });
  };
}

/** The answer with the referenced units quoted after the last sentence of the source that refers to them. */
function withFollowed({ answer, followed, prompts }: { answer: Answer; followed: ReadonlyArray<{ after: AnswerSentence; target: Target }>; prompts: PromptCatalog }): Answer {
  const added = followed.map(({ target }, i) => ({
    ...makeCitation({ n: -(i + 1), passages: [{ chunk: target.chunk, doc: target.doc, score: 0, scores: {} }], quotes: [target.text] }),
    locator: target.locator,
  }));
  const sentences: AnswerSentence[] = [...answer.sentences];
  followed.forEach(({ after }, i) => {
    // After the source's last sentence and the units already followed from it, in reference order.
    const source = after.cites[0];
    const earlier = new Set(followed.slice(0, i).flatMap((f, j) => (f.after.cites[0] === source ? [-(j + 1)] : [])));
    let at = sentences.indexOf(after);
    for (let next = sentences[at + 1]; next !== undefined && (next.cites[0] === source || earlier.has(next.cites[0] ?? 0)); next = sentences[at + 1]) at++;
    sentences.splice(at + 1, 0, { text: followed[i]?.target.text ?? '', cites: [-(i + 1)] });
  });
  return rebuiltAnswer({ answer, sentences, citations: [...answer.citations, ...added], prompts });
}

/**
 * The unit a reference points to, as quoted: body without its number, cut to
 * MAX_REFERENCE_QUOTE_CHARS. Only the referenced article's text is parsed (from its chunks), not
 * the whole law: a code of 300,000 characters takes tens of milliseconds to parse.
 */
function targetOf({ doc, chunks }: ParsedDocument, ref: ArticleRef): Target | undefined {
  const own = chunks.filter((c) => c.article === ref.article).map((c) => c.chunk);
  if (own.length === 0) return undefined;
  const base = Math.min(...own.map((c) => c.start));
  const structure = detectLegalStructure({ text: doc.text.slice(base, Math.max(...own.map((c) => c.end))), minArticles: 1 });
  const article = structure?.articles.find((a) => a.number === String(ref.article));
  if (article === undefined) return undefined;
  let range: { start: number; end: number } = { start: article.headingEnd, end: article.end };
  let locator = `Điều ${article.number}`;
  if (ref.clause !== undefined) {
    const clause = article.clauses.find((c) => c.number === ref.clause);
    if (clause === undefined) return undefined;
    range = clause;
    locator += `, khoản ${clause.number}`;
    if (ref.point !== undefined) {
      const point = clause.points.find((p) => p.letter === ref.point);
      if (point === undefined) return undefined;
      range = point;
      locator += `, điểm ${point.letter}`;
    }
  } else if (ref.point !== undefined) return undefined;
  let start = base + range.start;
  const end = base + range.end;
  while (start < end && /\s/.test(doc.text.charAt(start))) start++;
  // A single khoản or điểm is quoted without its "2." (the locator names it); a whole article keeps its "1.".
  const number = ref.clause === undefined ? null : UNIT_NUMBER.exec(doc.text.slice(start, Math.min(end, start + 8)));
  if (number !== null) start += number[0].length;
  let text = doc.text.slice(start, end).trim();
  if (text === '') return undefined;
  if (text.length > MAX_REFERENCE_QUOTE_CHARS) {
    const cut = text.lastIndexOf('\n', MAX_REFERENCE_QUOTE_CHARS);
    if (cut <= 0) return undefined;
    text = `${text.slice(0, cut).trimEnd()} …`;
  }
  const chunk = own.find((c) => c.start <= start && start < c.end);
  if (chunk === undefined) return undefined;
  return { doc, chunk, locator, text, start, end, heading: article.heading };
}

/** Weight of a question term found only in the referenced unit's article heading, not in the unit. */
const HEADING_TERM_WEIGHT = 0.5;

/** Share of the question's content terms (accent-free) in `text`; a term only in `heading` counts HEADING_TERM_WEIGHT. */
function coverage(terms: readonly string[], text: string, heading: string): number {
  if (terms.length === 0) return 0;
  const own = termSets(text).folded;
  const context = termSets(heading).folded;
  const matched = terms.reduce((sum, t) => sum + (own.has(t) ? 1 : context.has(t) ? HEADING_TERM_WEIGHT : 0), 0);
  return matched / terms.length;
}
