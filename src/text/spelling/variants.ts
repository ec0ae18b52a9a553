import { foldDiacritics } from '../fold';
import { normalizeToneMarks } from '../normalize';
import { composeVowel, vowelParts, type Tone } from '../vietnamese-letters';

const BASE_VARIANTS: Record<string, string[]> = { a: ['a', 'ă', 'â'], e: ['e', 'ê'], o: ['o', 'ô', 'ơ'], u: ['u', 'ư'], i: ['i'], y: ['y'], d: ['d', 'đ'] };
/** Most accented forms one toneless syllable is expanded to (bounds the work for long tokens). */
const MAX_ACCENT_VARIANTS = 400;

/**
 * Every way to put diacritics on a syllable typed without them: vowel quality marks (a/ă/â, o/ô/ơ,
 * u/ư, e/ê), đ for d, and each of the six tones, placed by the one tone-placement rule:
 * "nguoi" → "nguoi", "người", "ngươi", "nguội", …. The input is folded first, so "nhũng" gives
 * "những" too.
 */
export function accentVariants(token: string): string[] {
  const bases = [...foldDiacritics(token)];
  let forms: string[] = [''];
  for (const ch of bases) {
    const options = BASE_VARIANTS[ch] ?? [ch];
    forms = forms.flatMap((f) => options.map((o) => f + o));
    if (forms.length > MAX_ACCENT_VARIANTS) return [token];
  }
  const out = new Set<string>();
  for (const form of forms) {
    out.add(form);
    const chars = [...form];
    chars.forEach((c, i) => {
      const parts = vowelParts(c);
      if (parts === undefined) return;
      for (let tone = 1; tone <= 5; tone++) {
        const toned = [...chars];
        toned[i] = composeVowel(parts.base, tone as Tone) ?? c;
        out.add(normalizeToneMarks(toned.join('')));
      }
    });
  }
  return [...out];
}

// Regional pronunciation merges these sounds, so people spell one for the other.
const ONSET_CONFUSIONS: Array<[string, string]> = [['ch', 'tr'], ['s', 'x'], ['d', 'gi'], ['d', 'r'], ['gi', 'r'], ['l', 'n'], ['v', 'd'], ['c', 'k'], ['g', 'gh'], ['ng', 'ngh']];
const CODA_CONFUSIONS: Array<[string, string]> = [['n', 'ng'], ['t', 'c'], ['nh', 'n'], ['i', 'y']];

/**
 * The syllable with one confusable spelling swapped, diacritics kept: onsets ch/tr, s/x, d/gi/r,
 * l/n, v/d, c/k, g/gh; finals n/ng, t/c, nh/n, i/y ("tạm chú" → "trú"; "kí" → "ký").
 */
export function confusionVariants(token: string): string[] {
  const out = new Set<string>();
  const folded = foldDiacritics(token);
  let onset = /^[^aeiouy]*/.exec(folded)?.[0] ?? '';
  if ((onset === 'g' && folded.charAt(1) === 'i' && folded.length > 2) || (onset === 'q' && folded.charAt(1) === 'u')) onset = folded.slice(0, 2);
  for (const [a, b] of ONSET_CONFUSIONS) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      if (onset === from) out.add(normalizeToneMarks(to + token.slice(from.length)));
    }
  }
  for (const [a, b] of CODA_CONFUSIONS) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      if (!folded.endsWith(from) || folded.length <= from.length) continue;
      const stem = token.slice(0, token.length - from.length);
      if (from === 'n' && folded.endsWith('gn')) continue;
      // "kí" → "ký": a tone on the swapped vowel moves with it.
      const tone = [...token.slice(-from.length)].map((c) => vowelParts(c)?.tone ?? 0).find((t) => t !== 0) ?? 0;
      const first = vowelParts(to.charAt(0));
      const head = tone !== 0 && first !== undefined ? (composeVowel(first.base, tone) ?? to.charAt(0)) : to.charAt(0);
      out.add(normalizeToneMarks(stem + head + to.slice(1)));
    }
  }
  out.delete(token);
  return [...out];
}

const LETTERS = 'abcdeghiklmnopqrstuvxy';

/** Every string one edit away (delete, insert, replace, swap adjacent) over the toneless letters. */
export function editVariants(folded: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= folded.length; i++) {
    const head = folded.slice(0, i);
    const tail = folded.slice(i);
    if (tail.length > 0) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
    for (const l of LETTERS) {
      out.add(head + l + tail);
      if (tail.length > 0) out.add(head + l + tail.slice(1));
    }
  }
  out.delete(folded);
  return [...out];
}
