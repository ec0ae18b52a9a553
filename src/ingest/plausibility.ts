import { foldDiacritics } from '../text/index';
import { VIETNAMESE_LETTERS } from './vietnamese-letters';

/**
 * How much a text looks like Vietnamese written in Unicode. Only words with a non-ASCII character
 * are judged (plain ASCII says nothing about the encoding): such a word is `valid` when every
 * character is a Vietnamese letter and its accent-free form is one well-formed syllable. Text in a
 * legacy font encoding read as Unicode ("ViÖt Nam", "Vieät Nam") fails one test or the other.
 */
export interface Plausibility {
  /** Words containing a non-ASCII character. */
  judged: number;
  /** Of those, words that are well-formed Vietnamese syllables. */
  valid: number;
}

/** Share of judged words that must be valid for a text to count as Vietnamese. */
export const PLAUSIBLE_SHARE = 0.8;

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
/** Vowel groups that may take a final consonant (c, ch, m, n, ng, nh, p, t) or stand alone. */
const CLOSABLE = 'uye|ie|ye|uo|oa|oe|ua|ue|uy|oo|ia|a|e|i|o|u|y';
/** Vowel groups that already end in a glide, so no consonant may follow. */
const OPEN_ONLY = 'oai|oao|oay|oeo|ieu|yeu|uoi|uou|uyu|uya|uay|uai|ai|ao|au|ay|eo|eu|iu|oi|ui|uu|ya';
const SYLLABLE = new RegExp(`^${ONSET}(?:(?:${CLOSABLE})(?:ng|nh|ch|[cmnpt])?|(?:${OPEN_ONLY}))$`);

// Punctuation that may cling to a word: ASCII, typographic quotes, dashes, ellipsis.
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\d]+|[\p{P}\p{S}\d]+$/gu;

function isValidWord(word: string): boolean {
  for (const char of word) if (!VIETNAMESE_LETTERS.has(char)) return false;
  return SYLLABLE.test(foldDiacritics(word).toLowerCase());
}

/** Scores `text` (expected NFC). */
export function scorePlausibility(text: string): Plausibility {
  let judged = 0;
  let valid = 0;
  // Split on spaces and on the ASCII/typographic punctuation that glues words ("như:“Chữ"); never on
  // Latin-1 symbols, which legacy encodings use as letters ("c¸c", "§iÒu").
  for (const raw of text.split(/[\s,;:“”"()]+/)) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\u0000-\u007f]/.test(raw)) continue;
    const word = raw.replace(EDGE_PUNCTUATION, '');
    // Words without any letter left ("©", "±5") say nothing about the language.
    if (word === '' || !/\p{L}/u.test(word)) continue;
    judged++;
    if (isValidWord(word)) valid++;
  }
  return { judged, valid };
}

/** True when too few of the judged words are Vietnamese syllables (or there is nothing to judge). */
export function isPlausibleVietnamese(score: Plausibility): boolean {
  return score.judged === 0 || score.valid / score.judged >= PLAUSIBLE_SHARE;
}
