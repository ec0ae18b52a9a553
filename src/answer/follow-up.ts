import { findArticleRefs, foldDiacritics, matchDocNumbers, normalizeText, findPhrases, phraseAt, isAccentFree, wordSpans, type WordSpan } from '../text';
import { ANAPHORA, ASPECT_PHRASES, LEADING_MARKERS, QUESTION_PHRASES, TRAILING_MARKERS } from './follow-up-vocabulary';
import { substituteTerms } from './follow-up-substitution';
import { isFunctionWord } from './question-vocabulary';
import { questionSubject } from './question-subject';
import type { Turn } from './types';

/** Turns of history looked at; older turns rarely set the subject of a follow-up. */
export const FOLLOW_UP_HISTORY_TURNS = 4;
/** A question with more content syllables than this is taken as self-contained, markers or not. */
export const MAX_FOLLOW_UP_CONTENT = 4;

/** How a question was resolved, for logs and tests. */
export type FollowUpHow = 'no-history' | 'self-contained' | 'anaphora' | 'article' | 'doc-number' | 'substituted' | 'entity' | 'aspect' | 'appended';

export interface FollowUpResolution {
  /** The question to retrieve and answer with. */
  question: string;
  followUp: boolean;
  how: FollowUpHow;
}

/**
 * Resolves a short follow-up against the previous question (itself resolved, turn by turn).
 *
 * Heuristic. A question is a follow-up when it opens or closes with a follow-up marker ("còn …",
 * "thế còn …", "vậy còn …", "… thì sao") or is made only of aspect words ("ai chịu trách nhiệm?",
 * "hồ sơ gồm những gì?"), and has at most MAX_FOLLOW_UP_CONTENT content syllables; or when it
 * points back ("văn bản đó", "điều này"). Its core (markers removed) then replaces the matching
 * part of the previous question:
 * - "Điều 21" replaces the previous "Điều N" (article), a số hiệu the previous số hiệu (doc-number);
 * - a value replaces the previous question's value of the same class (substituted,
 *   follow-up-substitution.ts): "di động" for "cố định", "tạm trú" for "thường trú", "năm 2023"
 *   for "năm 2022", "Hà Nội" or "quận Hải An" for "Hải Phòng" or "Sở Du lịch", "5G" for "4G",
 *   "90 tuổi" for "100 tuổi", "cấp huyện" for "cấp tỉnh" — when that accounts for every new word;
 * - else a capitalised name ("Nguyễn Văn A") replaces the previous question's last name (entity);
 * - aspect words ("thời hạn", "ai chịu trách nhiệm") are put before the previous subject (aspect);
 * - other words are added to the previous question (appended);
 * - "văn bản đó" is replaced by the previous subject (anaphora).
 * Anything else is self-contained and left as typed.
 */
export function resolveFollowUp({ question, history = [] }: { question: string; history?: readonly Turn[] }): FollowUpResolution {
  const text = normalizeText(question).trim();
  let previous: string | undefined;
  for (const turn of history.slice(-FOLLOW_UP_HISTORY_TURNS)) {
    const asked = normalizeText(turn.question).trim();
    if (asked !== '') previous = previous === undefined ? asked : resolveAgainst(asked, previous).question;
  }
  if (previous === undefined || text === '') return { question: text, followUp: false, how: 'no-history' };
  return resolveAgainst(text, previous);
}

function resolveAgainst(text: string, previous: string): FollowUpResolution {
  const self: FollowUpResolution = { question: text, followUp: false, how: 'self-contained' };
  const words = wordSpans(text);
  const folded = isAccentFree(text);
  const lead = Math.max(0, phraseAt({ words, list: LEADING_MARKERS, folded, at: 0 }));
  const trail = trailingMarkerStart(words, folded);
  const core = words.slice(lead, Math.max(lead, trail));
  const marked = lead > 0 || trail < words.length;
  const content = contentWords(core, folded, text);
  const anaphora = findPhrases({ words, list: ANAPHORA, folded })[0];
  if (anaphora !== undefined && content.length <= MAX_FOLLOW_UP_CONTENT + 2) return replaceAnaphora(text, words, anaphora, previous) ?? self;
  if (content.length > MAX_FOLLOW_UP_CONTENT) return self;
  const aspectOnly = coveredBy(content, ASPECT_PHRASES, folded);
  if (!marked && !aspectOnly) return self;
  const first = core[0];
  const last = core[core.length - 1];
  if (first === undefined || last === undefined) return self;
  const coreText = text.slice(first.start, last.end);
  const resolved = (how: FollowUpHow, q: string): FollowUpResolution => ({ question: asQuestion(q), followUp: true, how });

  const article = ARTICLE.exec(foldDiacritics(coreText));
  if (article !== null && findArticleRefs(coreText).length > 0) {
    const phrase = coreText.slice(article.index, article.index + article[0].length);
    const inPrevious = ARTICLE.exec(foldDiacritics(previous));
    if (inPrevious !== null) return resolved('article', splice(previous, inPrevious.index, inPrevious.index + inPrevious[0].length, phrase));
    return resolved('article', `${phrase} ${subjectText(previous)}`);
  }
  const docNumber = matchDocNumbers(coreText)[0];
  if (docNumber !== undefined) {
    const old = matchDocNumbers(previous)[0];
    if (old !== undefined) return resolved('doc-number', splice(previous, old.start, old.end, docNumber.text));
    return resolved('doc-number', `${subjectText(previous)} ${docNumber.text}`);
  }
  const substituted = aspectOnly ? undefined : substituteTerms({ previous, text, content });
  if (substituted !== undefined) return resolved('substituted', substituted);
  if (content.length > 0 && content.every((w) => isCapitalised(w))) {
    const name = lastName(wordSpans(previous));
    if (name !== undefined) return resolved('entity', splice(previous, name.start, name.end, coreText));
    return resolved('appended', `${withoutMark(previous)}, ${coreText}`);
  }
  if (aspectOnly) return resolved('aspect', withAspect(coreText, core, folded, previous));
  return resolved('appended', `${withoutMark(previous)}, ${coreText}`);
}

/** "Điều 21", "khoản 2 Điều 20", "Điều 5, khoản 1, điểm a" — matched on accent-free text (same length). */
const ARTICLE = /(?:(?:diem\s+[a-z]\s*,?\s*)?khoan\s+\d+\s*,?\s*)?dieu\s+\d+[a-z]?(?:\s*,?\s*khoan\s+\d+)?(?:\s*,?\s*diem\s+[a-z])?/i;

function trailingMarkerStart(words: readonly WordSpan[], folded: boolean): number {
  for (let at = Math.max(0, words.length - 4); at < words.length; at++) {
    if (phraseAt({ words, list: TRAILING_MARKERS, folded, at }) === words.length) return at;
  }
  return words.length;
}

/**
 * Words of `core` that are neither asking words nor function words; a số hiệu, which the text
 * module cuts into parts ("03", "nq", "tu"), counts as one word.
 */
function contentWords(core: readonly WordSpan[], folded: boolean, text: string): WordSpan[] {
  const asking = new Set<number>();
  for (const m of findPhrases({ words: core, list: QUESTION_PHRASES, folded })) for (let i = m.from; i < m.to; i++) asking.add(i);
  const codes = matchDocNumbers(text);
  const codeOf = (w: WordSpan): number => codes.findIndex((c) => w.start >= c.start && w.end <= c.end);
  const seenCodes = new Set<number>();
  return core.filter((w, i) => {
    const code = codeOf(w);
    if (code >= 0) {
      if (seenCodes.has(code)) return false;
      seenCodes.add(code);
      return true;
    }
    return !asking.has(i) && !isFunctionWord(w, folded);
  });
}

function coveredBy(words: readonly WordSpan[], list: typeof ASPECT_PHRASES, folded: boolean): boolean {
  const covered = new Set<number>();
  for (const m of findPhrases({ words, list, folded })) for (let i = m.from; i < m.to; i++) covered.add(i);
  return words.every((_, i) => covered.has(i));
}

function isCapitalised(word: WordSpan): boolean {
  const c = word.text.charAt(0);
  return c !== c.toLowerCase();
}

/** The last run of capitalised words after the first word (which is capitalised anyway), as a span. */
function lastName(words: readonly WordSpan[]): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === undefined || !isCapitalised(w) || /\d/.test(w.text)) continue;
    let j = i;
    while (j + 1 < words.length && isCapitalised(words[j + 1] as WordSpan)) j++;
    found = { start: w.start, end: (words[j] as WordSpan).end };
    i = j;
  }
  return found;
}

/** "hồ sơ gồm những gì" + "đăng ký tạm trú" → "hồ sơ đăng ký tạm trú gồm những gì". */
function withAspect(coreText: string, core: readonly WordSpan[], folded: boolean, previous: string): string {
  const subject = subjectText(previous);
  const first = core[0];
  const aspectEnd = phraseAt({ words: core, list: ASPECT_PHRASES, folded, at: 0 });
  const lastAspect = core[aspectEnd - 1];
  if (first === undefined || aspectEnd < 0 || aspectEnd >= core.length || lastAspect === undefined) return `${coreText} ${subject}`;
  const cut = lastAspect.end - first.start;
  return `${coreText.slice(0, cut)} ${subject}${coreText.slice(cut)}`;
}

function subjectText(question: string): string {
  return questionSubject({ question })?.text ?? withoutMark(question);
}

function replaceAnaphora(text: string, words: readonly WordSpan[], m: { from: number; to: number }, previous: string): FollowUpResolution | undefined {
  const from = words[m.from];
  const to = words[m.to - 1];
  const subject = questionSubject({ question: previous });
  if (from === undefined || to === undefined || subject === undefined) return undefined;
  return { question: asQuestion(splice(text, from.start, to.end, subject.text)), followUp: true, how: 'anaphora' };
}

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

function withoutMark(text: string): string {
  return text.replace(/[\s?.!…]+$/u, '');
}

function asQuestion(text: string): string {
  const trimmed = withoutMark(text.replace(/\s+/g, ' ').trim());
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}?`;
}
