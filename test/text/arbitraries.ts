import fc from 'fast-check';
import { composeVowel, vowelParts, type Tone } from '../../src/text/vietnamese-letters';

// Generators of Vietnamese-looking text for property tests: well-formed syllables with their tone
// put on any vowel (so both placement styles and misplacements occur), codes and numbers from
// official documents, punctuation, look-alike characters, and arbitrary Unicode now and then.

const ONSETS = ['', 'b', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 'th', 'tr', 'x'];
const NUCLEI = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uy', 'ai', 'ao', 'ia', 'iê', 'ua', 'uô', 'ưa', 'ươ', 'oai', 'uyê', 'ươi', 'uya', 'iêu'];
const CODAS = ['', '', '', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
const CODES = ['03-NQ/TU', '15/2024/NĐ-CP', '27,9%', '11.345', '1/7', '2021-2025', 'TP.', 'Tp.', 'TT&TT', 'v.v.', '4G/5G', 'Điều 5.', 'a)', '1.', '…'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\n', '\u00A0', '\u2011', ' – ', '? ', '“', '”', '\t'];

/** A syllable such as "hoà", "Thuỷ", "QUYẾT": tone on a random vowel, random case. */
export const syllableArb: fc.Arbitrary<string> = fc
  .record({
    onset: fc.constantFrom(...ONSETS),
    nucleus: fc.constantFrom(...NUCLEI),
    coda: fc.constantFrom(...CODAS),
    tone: fc.integer({ min: 0, max: 5 }),
    at: fc.nat(),
    casing: fc.constantFrom('lower', 'lower', 'title', 'upper'),
  })
  .map(({ onset, nucleus, coda, tone, at, casing }) => {
    const vowels = [...nucleus];
    const k = at % vowels.length;
    vowels[k] = composeVowel(vowels[k] ?? 'a', tone as Tone) ?? vowels[k] ?? 'a';
    const word = onset + vowels.join('') + coda;
    if (casing === 'upper') return word.toUpperCase();
    return casing === 'title' ? word.charAt(0).toUpperCase() + word.slice(1) : word;
  });

/** Text mixing syllables, codes, separators, look-alikes and now and then any Unicode character. */
export const vietnameseTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: syllableArb },
      { weight: 2, arbitrary: fc.constantFrom(...CODES) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    ),
    { maxLength: 30 },
  )
  .chain((words) =>
    fc.array(fc.constantFrom(...SEPARATORS), { minLength: words.length, maxLength: words.length }).map((seps) =>
      words.map((w, i) => w + (seps[i] ?? ' ')).join(''),
    ),
  );

/** The same text with its precomposed letters decomposed (NFD), as some keyboards and PDFs produce. */
export const decomposedArb: fc.Arbitrary<string> = vietnameseTextArb.map((t) => t.normalize('NFD'));

/** True when the letter is a Vietnamese vowel carrying a tone. */
export const isToned = (ch: string): boolean => (vowelParts(ch)?.tone ?? 0) !== 0;
