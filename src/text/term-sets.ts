import { foldDiacritics } from './fold';
import { syllables } from './tokenize';

/** The syllables and syllable bigrams ("a_b") of a text, accented and accent-free, and its syllable count. */
export interface TermSets {
  accented: Set<string>;
  folded: Set<string>;
  count: number;
}

/**
 * Term sets of a text: every syllable and every adjacent pair joined with "_", lower-case, accented
 * and accent-free. The answer stage compares questions with sentences through these.
 */
export function termSets(text: string): TermSets {
  const accentedSyl = syllables(text);
  const foldedSyl = accentedSyl.map(foldDiacritics);
  const accented = new Set(accentedSyl);
  const folded = new Set(foldedSyl);
  for (let i = 1; i < accentedSyl.length; i++) {
    accented.add(`${accentedSyl[i - 1]}_${accentedSyl[i]}`);
    folded.add(`${foldedSyl[i - 1]}_${foldedSyl[i]}`);
  }
  return { accented, folded, count: accentedSyl.length };
}
