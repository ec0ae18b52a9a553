import { foldDiacritics } from './fold';
import { syllables } from './tokenize';
import type { WordSpan } from './word-spans';

/** A list of Vietnamese phrases, cut into syllables, matchable with or without diacritics. */
export interface PhraseList {
  readonly accented: readonly (readonly string[])[];
  readonly folded: readonly (readonly string[])[];
}

/** A phrase found in a word sequence: words `[from, to)`. */
export interface PhraseMatch {
  from: number;
  to: number;
}

/** Builds a phrase list; longer phrases are tried first so "như thế nào" wins over "thế nào". */
export function phraseList(phrases: readonly string[]): PhraseList {
  const cut = [...new Set(phrases)].map((p) => syllables(p)).filter((p) => p.length > 0);
  cut.sort((a, b) => b.length - a.length);
  return { accented: cut, folded: cut.map((p) => p.map(foldDiacritics)) };
}

/**
 * Left-to-right, longest-first, non-overlapping matches of `list` in `words`. With `folded`, words
 * and phrases are compared without diacritics (for questions typed without accents); otherwise
 * accented, so "còn" (still) is not mistaken for "con" (child).
 */
export function findPhrases({ words, list, folded }: { words: readonly WordSpan[]; list: PhraseList; folded: boolean }): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let i = 0;
  while (i < words.length) {
    const end = phraseAt({ words, list, folded, at: i });
    if (end < 0) {
      i += 1;
    } else {
      matches.push({ from: i, to: end });
      i = end;
    }
  }
  return matches;
}

/** True when the phrase list matches at word `i`, returning the end index, or -1. */
export function phraseAt({ words, list, folded, at }: { words: readonly WordSpan[]; list: PhraseList; folded: boolean; at: number }): number {
  const phrases = folded ? list.folded : list.accented;
  const hit = phrases.find((p) => p.every((syl, k) => (folded ? words[at + k]?.folded : words[at + k]?.lower) === syl));
  return hit === undefined ? -1 : at + hit.length;
}
