/**
 * Mechanical grading of one answer of the realistic set (bench/answers/realistic.jsonl), the same for
 * the assistant and for the reference rows (the top passage, the top three passages, quoted whole).
 *
 * Answerable questions:
 * - GOOD: answered, every key fact in the answer text, and a citation of the expected document (and,
 *   for a law, the expected Điều) or of an `alsoIn` section;
 * - PARTIAL: answered from the right source, some key facts missing;
 * - WRONG: answered, but not from the right source or with none of the key facts — or flagged "the
 *   documents only state …" although they do state it;
 * - WRONG-REFUSAL: refused.
 * Unanswerable questions: REFUSED (refused, or answered with the "only … is stated" flag, which says
 * plainly that the asked value is not in the documents) or WRONGLY-ANSWERED.
 */
import { documentIdFromPath } from '../src/ingest/document-id';
import { findArticleRefs, normalizeText } from '../src/text';
import type { RealisticQuestion } from './answers-set-check';

export const GRADES = ['GOOD', 'PARTIAL', 'WRONG', 'WRONG-REFUSAL', 'REFUSED', 'WRONGLY-ANSWERED'] as const;
export type Grade = (typeof GRADES)[number];

/** What is graded: the text a user reads and what it cites. */
export interface GradedAnswer {
  answered: boolean;
  /** The answer states that the documents give another value than the one asked ("chỉ nêu số liệu năm 2022"). */
  flagged: boolean;
  /** The answer's own text (the quoted sentences), without notes. */
  text: string;
  cited: ReadonlyArray<{ docId: string; locator: string }>;
}

/** Key facts and answers compared as the project normalises text, with runs of white space as one space. */
export function comparable(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/** The key facts (verbatim substrings of the source) that the answer text contains. */
export function factsFound(keyFacts: readonly string[], text: string): number {
  const haystack = comparable(text);
  return keyFacts.filter((fact) => haystack.includes(comparable(fact))).length;
}

/** True when a citation names the expected document and, for "Điều N", that article. */
export function citesSource(question: Pick<Extract<RealisticQuestion, { answerable: true }>, 'doc' | 'article' | 'alsoIn'>, cited: GradedAnswer['cited']): boolean {
  const sources = [{ doc: question.doc, article: question.article }, ...(question.alsoIn ?? [])];
  return sources.some((source) => {
    const docId = documentIdFromPath(source.doc);
    const article = /^Điều (\d+)/u.exec(source.article.normalize('NFC'))?.[1];
    return cited.some((c) => c.docId === docId && (article === undefined || String(findArticleRefs(c.locator)[0]?.article ?? '') === article));
  });
}

export function gradeAnswer(question: RealisticQuestion, answer: GradedAnswer): Grade {
  if (!question.answerable) return !answer.answered || answer.flagged ? 'REFUSED' : 'WRONGLY-ANSWERED';
  if (!answer.answered) return 'WRONG-REFUSAL';
  if (answer.flagged) return 'WRONG';
  const found = factsFound(question.keyFacts, answer.text);
  const source = citesSource(question, answer.cited);
  if (source && found === question.keyFacts.length) return 'GOOD';
  if (source && found > 0) return 'PARTIAL';
  return 'WRONG';
}
