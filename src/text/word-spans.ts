import { foldDiacritics } from './fold';
import { normalizeText } from './normalize';
import { syllables } from './tokenize';

/** One syllable (or number/code token) of a text, with its place in the normalised text. */
export interface WordSpan {
  /** As written (case kept). */
  text: string;
  /** Lower-case, accented. */
  lower: string;
  /** Lower-case, accent-free. */
  folded: string;
  start: number;
  end: number;
}

/**
 * The syllables of `text` (as `syllables()` from the text module cuts them) with their offsets in
 * `normalizeText(text)`: the tokens the answer stage matches by (question anchors, names, phrase
 * lists) and replaces by (follow-up resolution swaps a span of the previous question).
 */
export function wordSpans(text: string): WordSpan[] {
  const normalized = normalizeText(text);
  const lower = normalized.toLowerCase();
  // Folding maps code unit for code unit, so the folded text, sliced, gives each token's fold:
  // one pass over the text instead of one per token (unless folding changed the length).
  const foldedLower = foldDiacritics(lower);
  const fold = foldedLower.length === lower.length ? (at: number, token: string) => foldedLower.slice(at, at + token.length) : (_at: number, token: string) => foldDiacritics(token);
  const spans: WordSpan[] = [];
  let cursor = 0;
  for (const token of syllables(normalized)) {
    const at = lower.indexOf(token, cursor);
    if (at < 0) continue;
    spans.push({ text: normalized.slice(at, at + token.length), lower: token, folded: fold(at, token), start: at, end: at + token.length });
    cursor = at + token.length;
  }
  return spans;
}

/** True when the text has no Vietnamese diacritic at all (typed on a phone without accents). */
export function isAccentFree(text: string): boolean {
  return foldDiacritics(text) === text;
}
