import { composeVowel, vowelParts, type Tone } from './vietnamese-letters';

/*
 * One tone-mark placement per syllable, the traditional ("old") style the project uses:
 *   1. a vowel with a quality mark (ă â ê ô ơ ư) carries the tone; in "ươ" the ơ does (người, rượu);
 *   2. otherwise, with a final consonant, the last vowel does (hoàn, toán, huỳnh);
 *   3. otherwise, in an open three-vowel nucleus, the middle one does (hoài, khuỷu, ngoéo);
 *   4. otherwise, in an open two-vowel nucleus, the first one does (hòa, khỏe, thủy, mía, múa).
 * The "new" style differs only in rule 4 for oa/oe/uy (hoà, khoẻ, thuỷ). "qu" and "gi" before
 * another vowel are consonants (quý, quả, giá, giữa), so their u/i never carries the tone.
 * The target depends only on the letters, never on where the input put the tone, so the result
 * is idempotent and also repairs misplaced tones such as "qúy" → "quý" or "hòan" → "hoàn".
 */

const ONSETS = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);
const CODAS = new Set(['', 'c', 'ch', 'k', 'm', 'n', 'ng', 'nh', 'p', 't']);
const NUCLEI = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi',
  'ơi', 'oo', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ưu', 'ươ', 'yê',
  'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
]);
const MARKED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

/** Index of the vowel that should carry the tone in a toneless lower-case word, or -1 if no syllable. */
function tonePosition(bases: string): number {
  let start = 0;
  while (start < bases.length && !vowelParts(bases.charAt(start))) start++;
  if (start === bases.length) return -1;
  let end = start;
  while (end < bases.length && vowelParts(bases.charAt(end))) end++;
  let onset = bases.slice(0, start);
  // "qu" + vowel and "gi" + vowel: the u / i belongs to the consonant.
  const first = bases.charAt(start);
  if (end - start > 1 && ((onset === 'q' && first === 'u') || (onset === 'g' && first === 'i'))) {
    onset += first;
    start++;
  }
  const nucleus = bases.slice(start, end);
  const coda = bases.slice(end);
  if (!ONSETS.has(onset) || !CODAS.has(coda) || !NUCLEI.has(nucleus)) return -1;
  for (let k = nucleus.length - 1; k >= 0; k--) if (MARKED.has(nucleus.charAt(k))) return start + k;
  if (coda !== '') return end - 1;
  return nucleus.length === 3 ? start + 1 : start;
}

// Documents repeat a few thousand distinct syllables; remembering them makes normalisation cheap.
const MEMO = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/**
 * Moves the tone mark of one NFC word to its canonical vowel; returns the word unchanged when it
 * is not a well-formed Vietnamese syllable (foreign words, names, typos) or carries no/two tones.
 */
export function placeTone(word: string): string {
  const known = MEMO.get(word);
  if (known !== undefined) return known;
  const placed = computePlacement(word);
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(word, placed);
  return placed;
}

function computePlacement(word: string): string {
  let bases = '';
  let toned = -1;
  let tone: Tone = 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    const parts = vowelParts(ch);
    if (parts && parts.tone !== 0) {
      if (toned >= 0) return word;
      toned = i;
      tone = parts.tone;
    }
    bases += (parts?.base ?? ch).toLowerCase();
  }
  if (toned < 0) return word;
  const target = tonePosition(bases);
  if (target < 0 || target === toned) return word;
  const cleared = composeVowel(vowelParts(word.charAt(toned))?.base ?? '', 0);
  const moved = composeVowel(vowelParts(word.charAt(target))?.base ?? '', tone);
  if (!cleared || !moved) return word;
  const out = word.split('');
  out[toned] = cleared;
  out[target] = moved;
  return out.join('');
}
