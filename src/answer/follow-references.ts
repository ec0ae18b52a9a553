import { detectLegalStructure } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { StoredDocument } from '../index/store';
import type { PromptCatalog } from '../prompts/catalog';
import { findArticleRefs, findInDocumentRefs, findPhrases, isAccentFree, phraseList, termSets, wordSpans, type ArticleRef, type LocatedArticleRef } from '../text';
import { rebuiltAnswer } from './answer-polish';
import type { DocumentView } from './document-cache';
import { MAX_EVIDENCE_CHARS } from './evidence-quote';
import { makeCitation } from './citations';
import { analyzeQuestion } from './question-analysis';
import { isFunctionWord } from './question-vocabulary';
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
/**
 * A referring sentence is only a cross-reference when at most this share of its own words (outside
 * the references and the words that make them: "quy định tại", "của Luật này") is in neither the
 * question nor the referenced unit: "Công dân không được đăng ký thường trú mới tại chỗ ở quy định
 * tại Điều 23 của Luật này, …" for "Những chỗ ở nào không được đăng ký thường trú mới?". Its
 * referenced unit then leads, and when none of its words is new the sentence is dropped.
 */
export const MAX_REFERENCE_ONLY_NOVELTY = 0.3;

/** The words that make a reference, not content: "theo quy định tại Điều 23 của Luật này". */
const REFERENCE_GLUE = phraseList([
  'theo quy định tại', 'được quy định tại', 'quy định tại', 'nêu tại', 'thực hiện theo', 'áp dụng theo', 'căn cứ', 'theo', 'tại',
  'của luật này', 'luật này', 'bộ luật này', 'điều này', 'khoản này', 'trừ trường hợp', 'trường hợp', 'quy định', 'luật',
]);
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
 * sentences of the source that refers to it, with its own citation ("Điều 23"). Only the references
 * of the answer's first source are followed. Bounded: depth 1,
 * MAX_FOLLOWED_REFERENCES per answer, MAX_REFERENCE_QUOTE_CHARS per quote; units already quoted,
 * references into other documents and long lists of references are left alone. The answer's
 * answer's citations keep their numbers and the followed ones come after; refusals and written (LLM) answers are returned as
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

    const followed: Followed[] = [];
    for (const at of located) {
      if (at === undefined || followed.length >= MAX_FOLLOWED_REFERENCES) continue;
      // Only the answer's own source (the first cited): references of the sources quoted beside it
      // would be padding (tune half of bench:answers: the same grades, 28 units followed instead of 37).
      if (at.citation.n !== answer.sentences[0]?.cites[0]) continue;
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
        followed.push({ after: at.sentence, target, place: placement({ sentence: at.sentence.text, refs, terms, target }) });
      }
    }
    if (followed.length === 0) return answer;
    return withFollowed({ answer, followed, prompts });
  };
}

/**
 * Where a referenced unit goes: after the sources' sentences (the sentence states content of its
 * own), before the referring sentence (it is only a cross-reference: the content leads), or in its
 * place (the unit says all it says).
 */
type Placement = 'after' | 'before' | 'instead';

interface Followed {
  after: AnswerSentence;
  target: Target;
  place: Placement;
}

/** Whether the referring sentence says anything the question and the referenced unit do not (see MAX_REFERENCE_ONLY_NOVELTY). */
function placement({ sentence, refs, terms, target }: { sentence: string; refs: readonly LocatedArticleRef[]; terms: readonly string[]; target: Target }): Placement {
  const words = wordSpans(sentence);
  const accentFree = isAccentFree(sentence);
  const glue = new Set<number>();
  for (const m of findPhrases({ words, list: REFERENCE_GLUE, folded: accentFree })) for (let i = m.from; i < m.to; i++) glue.add(i);
  const own = words.filter((w, i) => !glue.has(i) && !isFunctionWord(w, accentFree) && !/\d/.test(w.text) && !refs.some((r) => w.start < r.end && r.start < w.end));
  if (own.length === 0) return 'instead';
  const known = new Set([...terms, ...termSets(`${target.heading}\n${target.text}`).folded]);
  const novel = own.filter((w) => !known.has(w.folded)).length;
  if (novel === 0 && own.every((w) => termSets(`${target.heading}\n${target.text}`).folded.has(w.folded))) return 'instead';
  return novel / own.length <= MAX_REFERENCE_ONLY_NOVELTY ? 'before' : 'after';
}

/**
 * The answer with the referenced units quoted after the last sentence of the source that refers to
 * them, or before the referring sentence, or in its place (see `Placement`).
 */
function withFollowed({ answer, followed, prompts }: { answer: Answer; followed: readonly Followed[]; prompts: PromptCatalog }): Answer {
  const added = followed.map(({ target }, i) => ({
    ...makeCitation({ n: -(i + 1), passages: [{ chunk: target.chunk, doc: target.doc, score: 0, scores: {} }], quotes: [target.text] }),
    locator: target.locator,
  }));
  const sentences: AnswerSentence[] = [...answer.sentences];
  const replaced = new Map<AnswerSentence, AnswerSentence>();
  followed.forEach(({ after }, i) => {
    // After the source's last sentence and the units already followed from it, in reference order.
    const source = after.cites[0];
    const earlier = new Set(followed.slice(0, i).flatMap((f, j) => (f.after.cites[0] === source ? [-(j + 1)] : [])));
    const quote = { text: followed[i]?.target.text ?? '', cites: [-(i + 1)] };
    const place = followed[i]?.place ?? 'after';
    let at = sentences.indexOf(after);
    // A sentence already replaced by a unit it refers to: its other units follow that unit.
    if (at < 0) at = sentences.indexOf(replaced.get(after) ?? after);
    if (place === 'instead' && sentences[at] === after) {
      sentences.splice(at, 1, quote);
      replaced.set(after, quote);
      return;
    }
    if (place !== 'after' && sentences[at] === after) {
      // Before the referring sentence (and after the units already put before it).
      sentences.splice(at, 0, quote);
      return;
    }
    for (let next = sentences[at + 1]; next !== undefined && (next.cites[0] === source || earlier.has(next.cites[0] ?? 0)); next = sentences[at + 1]) at++;
    sentences.splice(at + 1, 0, quote);
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
