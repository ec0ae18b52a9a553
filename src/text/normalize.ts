import { CHAR_FLAGS, LETTER, MARK, TONED, VOWEL } from './char-classes';
import { replaceLookalikes } from './lookalikes';
import { memoizeText } from './text-memo';
import { placeTone } from './tone-placement';

/**
 * The one form every text is matched in: NFC (decomposed and combining input included), look-alike
 * characters replaced (non-breaking spaces, non-breaking hyphens, "Ð" for "Đ", full-width forms),
 * and one tone-mark placement, the traditional one ("hoà" → "hòa", "thuỷ" → "thủy", "HOÀ" →
 * "HÒA"). Idempotent. For NFC input the result has the same length, so offsets computed on the
 * normalised text are valid in the input too.
 */
export const normalizeText: (text: string) => string = memoizeText(normalizeUncached);

function normalizeUncached(text: string): string {
  // Look-alikes first: a full-width letter mapped to ASCII may compose with a following mark.
  return normalizeToneMarks(replaceLookalikes(text).normalize('NFC'));
}

const isVowelAt = (text: string, i: number): boolean => ((CHAR_FLAGS[text.charCodeAt(i)] ?? 0) & VOWEL) !== 0;
const isLetterAt = (text: string, i: number): boolean => ((CHAR_FLAGS[text.charCodeAt(i)] ?? 0) & LETTER) !== 0;

/**
 * Moves each syllable's tone mark to its traditional place (see tone-placement.ts); input must be
 * NFC. Words that are not well-formed Vietnamese syllables are left exactly as they are.
 */
export function normalizeToneMarks(text: string): string {
  // A hand-rolled scan: a regex with a callback per word costs 20× more on a 2 MB law corpus.
  // Only a toned vowel next to another vowel can be misplaced, so only those words are parsed.
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (((CHAR_FLAGS[text.charCodeAt(i)] ?? 0) & TONED) === 0) continue;
    if (!isVowelAt(text, i - 1) && !isVowelAt(text, i + 1)) continue;
    let start = i;
    while (start > 0 && isLetterAt(text, start - 1)) start--;
    let end = i + 1;
    while (end < text.length && isLetterAt(text, end)) end++;
    i = end - 1;
    // A combining mark that NFC could not absorb would compose with a moved tone: leave such a word.
    if (((CHAR_FLAGS[text.charCodeAt(end)] ?? 0) & MARK) !== 0) continue;
    const word = text.slice(start, end);
    const placed = placeTone(word);
    if (placed !== word) {
      out += text.slice(copied, start) + placed;
      copied = end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
