import { CHAR_FLAGS, DIGIT, LETTER, MARK } from './char-classes';

const WORD = LETTER | MARK | DIGIT;
const ASTRAL_WORD_RE = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Code units taken by the letter, mark or digit at i: 0 when there is none, 2 for an astral one
 * (a surrogate pair; rare, so checked with a regex), 1 otherwise (a table lookup).
 */
function wordWidthAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return ((CHAR_FLAGS[code] ?? 0) & WORD) !== 0 ? 1 : 0;
  const cp = text.codePointAt(i) ?? code;
  return cp >= 0x10000 && ASTRAL_WORD_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
}

const isDigitAt = (text: string, i: number): boolean => ((CHAR_FLAGS[text.charCodeAt(i)] ?? 0) & DIGIT) !== 0;
const isNumberSeparatorAt = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i);
  return (code === 0x2e || code === 0x2c) && isDigitAt(text, i + 1);
};

/**
 * Runs of letters, marks and digits, with a number that has "." or "," between digits kept whole:
 * the same tokens as /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+/gu, several times faster, by table lookup.
 */
export function scanTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const width = wordWidthAt(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    let end = i;
    while (isDigitAt(text, end)) end++;
    if (end > i && isNumberSeparatorAt(text, end)) {
      // A number such as "27,9" or "1.000.000": digit groups joined by single separators.
      while (isNumberSeparatorAt(text, end)) {
        end++;
        while (isDigitAt(text, end)) end++;
      }
    } else {
      for (let w = wordWidthAt(text, end); w > 0; w = wordWidthAt(text, end)) end += w;
    }
    tokens.push(text.slice(i, end));
    i = end;
  }
  return tokens;
}
