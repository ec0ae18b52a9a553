/**
 * The Vietnamese vowel letters as (base, tone) pairs, derived from Unicode normalisation at load
 * time so that no table is typed by hand. A base is a vowel with its quality mark (ă â ê ô ơ ư) but
 * no tone; there are 12 bases × 6 tones × 2 cases = 144 precomposed letters, all single code units.
 */

/** Tone index: 0 none (ngang), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng. */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

/** A precomposed vowel split into its toneless base (case kept) and its tone. */
export interface VowelParts {
  base: string;
  tone: Tone;
}

const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

const PARTS = new Map<string, VowelParts>();
const COMPOSED = new Map<string, string>();

for (const lower of BASES) {
  for (const base of [lower, lower.toUpperCase()]) {
    TONE_MARKS.forEach((mark, tone) => {
      const letter = (base + mark).normalize('NFC');
      // Every Vietnamese vowel has a precomposed form; guard anyway so a broken ICU cannot corrupt text.
      if (letter.length !== 1) return;
      PARTS.set(letter, { base, tone: tone as Tone });
      COMPOSED.set(base + tone, letter);
    });
  }
}

/** The base and tone of a Vietnamese vowel letter, or undefined for any other character. */
export function vowelParts(letter: string): VowelParts | undefined {
  return PARTS.get(letter);
}

/** The precomposed letter for a base vowel (either case) and a tone. */
export function composeVowel(base: string, tone: Tone): string | undefined {
  return COMPOSED.get(base + tone);
}

/** Every precomposed Vietnamese vowel letter, both cases, all tones. */
export const VOWEL_LETTERS: readonly string[] = [...PARTS.keys()];
