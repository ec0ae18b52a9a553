import { CodeUnitMap } from './code-unit-map';

/**
 * Characters that look like (or stand for) a plain one but break matching, each mapped to exactly
 * one replacement code unit so that offsets survive. Chosen from what real documents contain:
 * non-breaking and typographic spaces from web pages and Word, non-breaking hyphens inside
 * số hiệu ("03‑NQ/TU"), fraction slashes, full-width forms from East-Asian input methods, and the
 * Icelandic eth "Ð" that legacy Vietnamese encodings (TCVN3/VNI converters) emit for "Đ" — it
 * occurs in the ALQAC laws ("khoản 1 Ðiều 40"). En and em dashes are prose, not look-alikes.
 */
const PAIRS: Array<[from: string, to: string]> = [
  ['\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u202F\u205F\u3000', ' '],
  ['\u2028\u2029', '\n'],
  ['\u2010\u2011\u2012\u2212\uFE63', '-'],
  ['\u2044\u2215', '/'],
  ['\u00D0\u0189', 'Đ'],
  ['\u00F0\u0256', 'đ'],
];

/** Look-alike character → its plain replacement (one code unit each). */
export const LOOKALIKES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [from, to] of PAIRS) for (const ch of from) map.set(ch, to);
  // Full-width ASCII (U+FF01–U+FF5E) sits at a fixed offset from ASCII.
  for (let cp = 0xff01; cp <= 0xff5e; cp++) map.set(String.fromCharCode(cp), String.fromCharCode(cp - 0xfee0));
  return map;
})();

const LOOKALIKE_MAP = new CodeUnitMap(LOOKALIKES);

/** Replaces look-alike characters one for one; length and every offset are kept. */
export function replaceLookalikes(text: string): string {
  return LOOKALIKE_MAP.apply(text);
}
