/**
 * The letters of the Vietnamese alphabet (NFC, both cases), built by composing the base vowels with
 * the five tone marks rather than typed out, so that no letter can be forgotten. Used only to judge
 * whether decoded text looks like Vietnamese; matching text goes through `src/text/`.
 */
const BASE_VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
// grave, acute, hook above, tilde, dot below
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function buildLetters(): ReadonlySet<string> {
  const letters = new Set<string>(['đ', 'Đ']);
  for (let code = 0x61; code <= 0x7a; code++) {
    letters.add(String.fromCharCode(code));
    letters.add(String.fromCharCode(code - 0x20));
  }
  for (const vowel of BASE_VOWELS) {
    for (const mark of TONE_MARKS) {
      const lower = `${vowel}${mark}`.normalize('NFC');
      letters.add(lower);
      letters.add(lower.toUpperCase());
    }
  }
  return letters;
}

export const VIETNAMESE_LETTERS: ReadonlySet<string> = buildLetters();
