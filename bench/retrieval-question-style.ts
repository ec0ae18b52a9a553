import { syllables } from '../src/text/index';

/**
 * The "long, personal" questions of issue 11 ("Thưa luật sư, tôi…"), defined mechanically on the
 * question as written so that the subset never depends on what the retriever does with it:
 * - long: at least `LONG_QUESTION_SYLLABLES` syllables (`src/text` syllables, numbers included);
 * - personal: opens with a greeting or "cho … hỏi" (`PERSONAL_OPENINGS`), or speaks in the first
 *   person ("tôi" or "mình" as a syllable typed with its diacritics: "tội" is not "tôi").
 * The report gives each set's count (the Zalo dev set has few personal questions: mostly long ones).
 */
export const LONG_QUESTION_SYLLABLES = 25;

/** Openings of a personal question, as syllable sequences (compared to the first syllables). */
export const PERSONAL_OPENINGS: readonly string[][] = ['thưa', 'chào', 'xin chào', 'kính gửi', 'cho em hỏi', 'cho tôi hỏi', 'cho mình hỏi', 'cho cháu hỏi', 'cho con hỏi', 'em xin hỏi', 'tôi xin hỏi', 'tôi muốn hỏi', 'em muốn hỏi'].map(syllables);
const FIRST_PERSON = new Set(['tôi', 'mình']);

export function questionStyle(question: string): { long: boolean; personal: boolean } {
  const words = syllables(question);
  const opens = PERSONAL_OPENINGS.some((opening) => opening.every((s, i) => words[i] === s));
  return { long: words.length >= LONG_QUESTION_SYLLABLES, personal: opens || words.some((w) => FIRST_PERSON.has(w)) };
}

/** The subset row's question filter: long or personal. */
export const isLongOrPersonal = (question: string): boolean => {
  const style = questionStyle(question);
  return style.long || style.personal;
};
