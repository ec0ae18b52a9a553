import { findPhrases, phraseAt, isAccentFree, wordSpans, type WordSpan } from '../text';
import { ASPECT_PHRASES, EDGE_PARTICLES, QUESTION_PHRASES } from './follow-up-vocabulary';
import { isFunctionWord } from './question-vocabulary';

/** The subject of a question, as a span of it: "Thời hạn đăng ký thường trú là bao lâu?" → "đăng ký thường trú". */
export interface QuestionSubject {
  text: string;
  start: number;
  end: number;
}

/**
 * What a question is about: the question with its asking words (anywhere), the aspects it asks
 * at its start ("thời hạn", "ai chịu trách nhiệm", "hồ sơ") and the small words at its edges
 * removed. Returns undefined when nothing is left (the question was only an aspect).
 */
export function questionSubject({ question }: { question: string }): QuestionSubject | undefined {
  const words = wordSpans(question);
  const folded = isAccentFree(question);
  const asking = new Set<number>();
  for (const m of findPhrases({ words, list: QUESTION_PHRASES, folded })) for (let i = m.from; i < m.to; i++) asking.add(i);
  let from = 0;
  let to = words.length;
  // Leading question words and aspects: "Ai chịu trách nhiệm …", "Thời hạn …", "Hồ sơ …".
  for (let guard = 0; guard < words.length && from < to; guard++) {
    if (asking.has(from)) {
      from += 1;
      continue;
    }
    const end = Math.max(phraseAt({ words, list: ASPECT_PHRASES, folded, at: from }), phraseAt({ words, list: EDGE_PARTICLES, folded, at: from }));
    if (end < 0 || end >= to) break;
    from = end;
  }
  // Trailing question words and the verbs before them: "… gồm những gì", "… là bao lâu", "… đạt bao nhiêu".
  for (let guard = 0; guard < words.length && to > from; guard++) {
    if (asking.has(to - 1)) {
      to -= 1;
      continue;
    }
    const start = Math.max(endingAt(words, from, to, EDGE_PARTICLES, folded), endingAt(words, from, to, ASPECT_PHRASES, folded));
    if (start < 0) break;
    to = start;
  }
  const first = words[from];
  const last = words[to - 1];
  if (first === undefined || last === undefined || to <= from) return undefined;
  return { text: question.slice(first.start, last.end), start: first.start, end: last.end };
}

/** The start of a phrase of `list` that ends exactly at `to` (and starts after `from`), or -1. */
function endingAt(words: readonly WordSpan[], from: number, to: number, list: typeof ASPECT_PHRASES, folded: boolean): number {
  for (let at = Math.max(from + 1, to - 3); at < to; at++) {
    if (phraseAt({ words, list, folded, at }) === to) return at;
  }
  return -1;
}

/** How many words the head of a question's subject has: a Vietnamese compound noun is two syllables ("công chức", "Thái Nguyên"). */
export const HEAD_WORDS = 2;

/**
 * The head of what a question is about: the first HEAD_WORDS consecutive content words of its
 * subject (no function word, no number), as keys — lower-case accented, or accent-free for a question
 * typed without accents. "Công chức vi phạm thì có những hình thức kỷ luật nào?" → ["công",
 * "chức"]; "Ở Hải Phòng diện tích nhà ở tối thiểu …" → ["hải", "phòng"]. Evidence that never names
 * it is about a neighbour ("Viên chức vi phạm …"); evidence that names it only in a list or in
 * passing is not about it (see `mentionRole`). Undefined when the subject has no such pair.
 */
export function questionHead({ question }: { question: string }): string[] | undefined {
  const subject = questionSubject({ question });
  if (subject === undefined) return undefined;
  const accentFree = isAccentFree(question);
  const words = wordSpans(question).filter((w) => w.start >= subject.start && w.end <= subject.end);
  const content = (w: WordSpan | undefined): boolean => w !== undefined && !isFunctionWord(w, accentFree) && !/\d/.test(w.folded);
  for (let i = 0; i + HEAD_WORDS <= words.length; i++) {
    const run = words.slice(i, i + HEAD_WORDS);
    if (run.every(content)) return run.map((w) => (accentFree ? w.folded : w.lower));
    if (content(words[i])) return undefined;
  }
  return undefined;
}
