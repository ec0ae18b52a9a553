import { VOWEL_LETTERS, vowelParts } from './vietnamese-letters';

/** Bit flags per BMP code unit, looked up instead of running a regex for every character. */
export const LETTER = 1;
export const VOWEL = 2;
export const TONED = 4;
export const MARK = 8;
export const DIGIT = 16;

/**
 * Flags for every BMP code unit: Unicode letter (\p{L}), combining mark (\p{M}), number (\p{N}),
 * Vietnamese vowel, toned Vietnamese vowel.
 * Surrogates are not letters here: astral letters never take part in a Vietnamese syllable.
 */
export const CHAR_FLAGS: Uint8Array = (() => {
  const flags = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const digit = /\p{N}/u;
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (letter.test(ch)) flags[cp] = LETTER;
    else if (mark.test(ch)) flags[cp] = MARK;
    else if (digit.test(ch)) flags[cp] = DIGIT;
  }
  for (const ch of VOWEL_LETTERS) {
    const code = ch.charCodeAt(0);
    flags[code] = (flags[code] ?? 0) | VOWEL | ((vowelParts(ch)?.tone ?? 0) !== 0 ? TONED : 0);
  }
  return flags;
})();
