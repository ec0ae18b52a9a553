import { foldDiacritics } from './fold';
import { normalizeText } from './normalize';

/** Lower-case syllables of normalised text; numbers and codes such as "03-nq/tu" stay one token. */
export function syllables(text: string): string[] {
  return normalizeText(text).toLowerCase().match(/[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Adjacent pairs joined with "_": ["thủ", "tục", "hành"] → ["thủ_tục", "tục_hành"]. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]}_${tokens[i]}`);
  return out;
}

export interface AnalyzedText {
  syllables: string[];
  bigrams: string[];
  foldedSyllables: string[];
  foldedBigrams: string[];
}

/** Everything the lexical index stores or looks up for a text, accented and accent-free. */
export function analyzeForIndex(text: string): AnalyzedText {
  const s = syllables(text);
  const f = s.map(foldDiacritics);
  return { syllables: s, bigrams: bigrams(s), foldedSyllables: f, foldedBigrams: bigrams(f) };
}
