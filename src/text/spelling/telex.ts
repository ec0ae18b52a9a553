import { normalizeToneMarks } from '../normalize';
import { composeVowel, vowelParts, type Tone } from '../vietnamese-letters';

const TONE_KEYS: Record<string, Tone> = { s: 2, f: 1, r: 3, x: 4, j: 5 };
const DOUBLED: Record<string, string> = { aa: 'â', ee: 'ê', oo: 'ô', dd: 'đ' };
const HOOKED: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' };

/**
 * The syllable a Telex typist meant when the input method did not convert it: "thur" → "thủ",
 * "tucj" → "tục", "ddaang" → "đâng", "kys" → "ký", "nguwowif" → "người". Undefined when the
 * token holds no Telex key sequence (so plain words are never touched: "bao", "luat"). Only ASCII
 * lower-case tokens are read; the result is not checked against any vocabulary here.
 */
export function decodeTelex(token: string): string | undefined {
  if (!/^[a-z]{2,8}$/.test(token)) return undefined;
  let letters = '';
  let tone: Tone = 0;
  let changed = false;
  for (let i = 0; i < token.length; i++) {
    const ch = token.charAt(i);
    const pair = letters.slice(-1) + ch;
    const doubled = DOUBLED[pair];
    if (doubled !== undefined && letters.length > 0) {
      letters = letters.slice(0, -1) + doubled;
      changed = true;
      continue;
    }
    if (ch === 'w') {
      // "uow" → "ươ", "ow" → "ơ", "aw" → "ă", "uw" → "ư".
      const last = letters.slice(-1);
      const before = letters.slice(-2, -1);
      if (last === 'o' && before === 'u') letters = `${letters.slice(0, -2)}ươ`;
      else if (HOOKED[last] !== undefined) letters = letters.slice(0, -1) + (HOOKED[last] ?? last);
      else return undefined;
      changed = true;
      continue;
    }
    const key = TONE_KEYS[ch];
    // A tone key after at least one vowel, at the end or before the final consonants.
    if (key !== undefined && tone === 0 && [...letters].some((l) => vowelParts(l) !== undefined) && i > 0) {
      const rest = token.slice(i + 1);
      if (rest === '' || /^(?:c|ch|m|n|ng|nh|p|t)$/.test(rest)) {
        tone = key;
        changed = true;
        continue;
      }
    }
    letters += ch;
  }
  if (!changed) return undefined;
  return tone === 0 ? letters : placeToneOn(letters, tone);
}

/** Puts `tone` on the syllable's vowel, then lets the one tone-placement rule move it. */
function placeToneOn(word: string, tone: Tone): string {
  const chars = [...word];
  const last = chars.map((c) => vowelParts(c) !== undefined).lastIndexOf(true);
  if (last < 0) return word;
  const parts = vowelParts(chars[last] ?? '');
  chars[last] = (parts === undefined ? undefined : composeVowel(parts.base, tone)) ?? chars[last] ?? '';
  return normalizeToneMarks(chars.join(''));
}
