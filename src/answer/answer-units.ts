import { splitSentences, termSets } from '../text';
import type { RetrievedPassage } from '../retrieve/types';

/** Sentences longer than this (characters) are also offered clause by clause (split at ";"). */
export const LONG_SENTENCE_CHARS = 250;
/** A list introduction ("… bao gồm:") is quoted with the items that follow it, up to this many characters. */
export const MAX_LIST_QUOTE_CHARS = 700;
/** A unit with fewer syllables than this ("Quang cảnh hội nghị.") is not an answer. */
export const MIN_UNIT_SYLLABLES = 5;

/** A quotable piece of a passage: a sentence, or a clause of a long one. Always `chunk.text.slice(start, end)`. */
export interface AnswerUnit {
  text: string;
  start: number;
  end: number;
  /** Rank of its passage in the retrieval result, from 0. */
  passageRank: number;
  /** Position of its sentence in the chunk, from 0. */
  sentenceIndex: number;
  passage: RetrievedPassage;
  /** Accented and accent-free syllables and bigrams ("a_b") of the unit. */
  accented: ReadonlySet<string>;
  folded: ReadonlySet<string>;
}

/**
 * Every candidate unit of the given passages, in passage order. Heading lines (the article title
 * repeated at the top of a khoản chunk, "Điều 20.") are not answers and are left out; so are units
 * too short to say anything.
 */
export function answerUnits({ passages }: { passages: readonly RetrievedPassage[] }): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  passages.forEach((passage, passageRank) => {
    const { text, headingPath } = passage.chunk;
    const headings = [...headingPath, passage.doc.title].map((h) => h.trim());
    const sentences = splitSentences(text);
    sentences.forEach((sentence, sentenceIndex) => {
      const pieces = sentence.text.trimEnd().endsWith(':')
        ? [{ start: sentence.start, end: listEnd(text, sentences, sentenceIndex) }]
        : sentence.text.length > LONG_SENTENCE_CHARS
          ? [sentence, ...clauses(text, sentence.start, sentence.end)]
          : [sentence];
      for (const piece of pieces) {
        const quoted = text.slice(piece.start, piece.end);
        if (headings.some((h) => h.includes(quoted))) continue;
        const unit = makeUnit({ text: quoted, start: piece.start, end: piece.end, passageRank, sentenceIndex, passage });
        if (unit !== undefined) units.push(unit);
      }
    });
  });
  return units;
}

function makeUnit(base: Omit<AnswerUnit, 'accented' | 'folded'>): AnswerUnit | undefined {
  const sets = termSets(base.text);
  if (sets.count < MIN_UNIT_SYLLABLES) return undefined;
  return { ...base, accented: sets.accented, folded: sets.folded };
}

const LIST_ITEM = /^(?:[a-zđ]\)|\d+\.\d+\.|[-+•–])\s/u;

/**
 * Where the quote of the list introduced by sentence `at` ends: after the items that follow it (a
 * new line must start with an item marker; a sentence continuing the same line belongs to its
 * item), before the quote would pass MAX_LIST_QUOTE_CHARS.
 */
function listEnd(text: string, sentences: ReadonlyArray<{ text: string; start: number; end: number }>, at: number): number {
  const intro = sentences[at];
  if (intro === undefined) return 0;
  let end = intro.end;
  for (let j = at + 1; j < sentences.length; j++) {
    const next = sentences[j];
    if (next === undefined || next.end - intro.start > MAX_LIST_QUOTE_CHARS) break;
    const newLine = text.slice(end, next.start).includes('\n');
    if (newLine && !LIST_ITEM.test(next.text)) break;
    end = next.end;
  }
  return end;
}

/** The ";"-separated clauses of `text[start, end)`, trimmed, offsets into `text`. */
function clauses(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === ';') {
      let s = from;
      let e = i;
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /\s/.test(text.charAt(e - 1))) e--;
      if (e > s && !(s === start && i === end)) out.push({ start: s, end: e });
      from = i + 1;
    }
  }
  return out;
}
