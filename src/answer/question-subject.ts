import { findPhrases, phraseAt, isAccentFree, wordSpans, type WordSpan } from '../text';
import { ASPECT_PHRASES, EDGE_PARTICLES, QUESTION_PHRASES } from './follow-up-vocabulary';

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
