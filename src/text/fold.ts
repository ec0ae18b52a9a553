import { CodeUnitMap } from './code-unit-map';
import { LOOKALIKES, replaceLookalikes } from './lookalikes';
import { memoizeText } from './text-memo';

/**
 * Folding table: every precomposed Latin letter whose canonical decomposition is an ASCII letter
 * plus combining marks maps to that letter (all 134 Vietnamese accented vowels among them), đ/Đ
 * (and the look-alike Ð) map to d/D, which Unicode does not decompose, and look-alike characters
 * map as in normalizeText so that folding a normalised text and folding the raw text agree.
 */
const FOLD = new CodeUnitMap((() => {
  const map = new Map<string, string>(LOOKALIKES);
  const ranges: Array<[number, number]> = [[0x00c0, 0x024f], [0x1e00, 0x1eff]];
  for (const [lo, hi] of ranges) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCharCode(cp);
      const base = ch.normalize('NFD').charAt(0);
      if (base !== ch && /^[A-Za-z]$/.test(base)) map.set(ch, base);
    }
  }
  for (const [from, to] of [['đ', 'd'], ['Đ', 'D']] as const) map.set(from, to);
  for (const [from, to] of [...map]) if (to === 'Đ' || to === 'đ') map.set(from, to === 'Đ' ? 'D' : 'd');
  return map;
})());

// Combining diacritics left over after NFC (no precomposed letter could absorb them).
const STRAY_MARKS_RE = /[\u0300-\u036f]/g;

/**
 * Removes every diacritic ("Nghị quyết" → "Nghi quyet") and folds đ/Đ to d/D, the accent-free
 * form users type on phones. Keeps case. Keeps length for NFC input (one code unit for one)
 * unless it holds stray combining diacritics that no letter absorbed: those are removed. Idempotent.
 */
export const foldDiacritics: (text: string) => string = memoizeText(foldUncached);

function foldUncached(text: string): string {
  const folded = FOLD.apply(replaceLookalikes(text).normalize('NFC'));
  STRAY_MARKS_RE.lastIndex = 0;
  return STRAY_MARKS_RE.test(folded) ? folded.replace(STRAY_MARKS_RE, '') : folded;
}
