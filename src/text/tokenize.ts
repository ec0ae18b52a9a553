import { matchDocNumbers } from './doc-number';
import { foldDiacritics } from './fold';
import { normalizeText, normalizeToneMarks } from './normalize';
import { scanTokens } from './scan-tokens';

/*
 * Tokenisation, decided for retrieval:
 * - A token is a run of letters and digits: Vietnamese syllables ("thủ", "tục"), words with digits
 *   ("4g", "qh14", "covid"). Everything else separates, "_" included (it joins bigrams).
 * - A number written with "." or "," inside stays one token, as written: "27,9%" → "27,9",
 *   "11.345" → "11.345", "1.000.000" → "1.000.000". It is one quantity; splitting it would make
 *   "11" and "345" match unrelated numbers.
 * - Codes split at "/", "-", "&", "." into their parts: "15/2024/NĐ-CP" → "15", "2024", "nđ", "cp";
 *   "03-NQ/TU" → "03", "nq", "tu"; "1/7" → "1", "7"; "2021-2025" → "2021", "2025";
 *   "TP." → "tp"; "4G/5G" → "4g", "5g"; "TT&TT" → "tt", "tt". The parts make a code findable by
 *   its parts ("NĐ-CP", "Nghị quyết 03"), the bigrams ("03_nq", "nq_tu") find it whole, and every
 *   spelling users type ("03-NQ-TU", "03/NQ-TU", "03 NQ TU") gives the same tokens. A code written
 *   with a different separator inside a number part ("03.NQ") is the only miss.
 * - Invisible format characters (soft hyphen, zero-width joiners, BOM) are dropped, and combining
 *   diacritics that no letter absorbed under NFC are removed, so a stray mark never splits or
 *   changes a syllable. Letters of other scripts keep their marks.
 * analyzeForIndex also returns each số hiệu's docNumberKey, for an exact whole-code field.
 */
const INVISIBLE_RE = /[\u00AD\u200C\u200D\u2060\uFEFF]/g;
// The combining diacritic blocks (Latin and extensions); marks of other scripts (Thai vowels) stay.
const MARK_RE = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
const HAS_MARK_RE = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/;

/** The lower-cased text that tokens are cut from, given normalised text. */
function tokenSource(normalized: string): string {
  const lower = normalized.replace(INVISIBLE_RE, '').toLowerCase();
  // Stray marks go before tones are placed: normalizeText leaves a word followed by one alone.
  return HAS_MARK_RE.test(lower) ? normalizeToneMarks(lower.replace(MARK_RE, '')) : lower;
}

/** Lower-cased syllables and number tokens of the normalised text, in order (see rules above). */
export function syllables(text: string): string[] {
  return scanTokens(tokenSource(normalizeText(text)));
}

/** Adjacent pairs joined with "_": ["thủ", "tục", "hành"] → ["thủ_tục", "tục_hành"]. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]}_${tokens[i]}`);
  return out;
}

/** Everything the lexical index stores or looks up for a text, accented and accent-free. */
export interface AnalyzedText {
  syllables: string[];
  bigrams: string[];
  foldedSyllables: string[];
  foldedBigrams: string[];
  /** docNumberKey of each số hiệu in the text, once each ("3-nq-tu"): an exact whole-code field. */
  docNumberKeys?: string[];
}

/**
 * The syllables of a text (as `syllables` gives them) and the same syllables accent-free, in the
 * same order: `folded[i]` is `foldDiacritics(accented[i])`.
 */
export function syllablesWithFolded(text: string): { accented: string[]; folded: string[] } {
  const source = tokenSource(normalizeText(text));
  const accented = scanTokens(source);
  // Folding the text once is 20× cheaper than folding each token, and gives the same tokens
  // (folding maps letters to letters one for one; a property test holds it to that).
  let folded = scanTokens(foldDiacritics(source));
  if (folded.length !== accented.length) folded = accented.map(foldDiacritics);
  return { accented, folded };
}

/** Everything the lexical index stores or looks up for a text, accented and accent-free. */
export function analyzeForIndex(text: string): AnalyzedText {
  const { accented: s, folded: f } = syllablesWithFolded(text);
  const keys = [...new Set(matchDocNumbers(text).map((m) => m.key))];
  return { syllables: s, bigrams: bigrams(s), foldedSyllables: f, foldedBigrams: bigrams(f), docNumberKeys: keys };
}
