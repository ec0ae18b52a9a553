import { memoizeByText } from './text-memo';
import { syllablesWithFolded } from './tokenize';

/** The syllables and syllable bigrams ("a_b") of a text, accented and accent-free, and its syllable count. */
export interface TermSets {
  readonly accented: ReadonlySet<string>;
  readonly folded: ReadonlySet<string>;
  readonly count: number;
}

/**
 * How many texts' term sets are remembered (per generation, see memoizeByText). The answer stage
 * cuts the same passages into the same sentences for every question that retrieves them; 2,048
 * sentences' sets (a few kB each) cover the passages of several answers.
 */
const TERM_SETS_MEMO_CAPACITY = 2048;

/**
 * Term sets of a text: every syllable and every adjacent pair joined with "_", lower-case, accented
 * and accent-free. The answer stage compares questions with sentences through these. The result is
 * shared (remembered per text): read it, never change it.
 */
export const termSets: (text: string) => TermSets = memoizeByText(termSetsUncached, { capacity: TERM_SETS_MEMO_CAPACITY });

function termSetsUncached(text: string): TermSets {
  const { accented: accentedSyl, folded: foldedSyl } = syllablesWithFolded(text);
  const accented = new Set(accentedSyl);
  const folded = new Set(foldedSyl);
  for (let i = 1; i < accentedSyl.length; i++) {
    accented.add(`${accentedSyl[i - 1]}_${accentedSyl[i]}`);
    folded.add(`${foldedSyl[i - 1]}_${foldedSyl[i]}`);
  }
  return { accented, folded, count: accentedSyl.length };
}
