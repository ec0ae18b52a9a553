/** Asks the realistic set through the serving pipeline and grades the assistant and the reference rows. */
import { performance } from 'node:perf_hooks';
import type { Answer, Turn } from '../src/answer/types';
import type { LivePipeline } from '../src/app/live-pipeline';
import type { RetrievedPassage } from '../src/retrieve/types';
import { gradeAnswer, type Grade, type GradedAnswer } from './answers-grade';
import type { RealisticQuestion } from './answers-set-check';

/** The rows graded for every question: the assistant, and two plain references that never refuse. */
export const ROWS = ['assistant', 'top passage', 'top three passages'] as const;
export type Row = (typeof ROWS)[number];

export interface AnswerRecord {
  question: RealisticQuestion;
  grades: Record<Row, Grade>;
  answered: boolean;
  flagged: boolean;
  confidence: number;
  /** The answerability model's inputs, when it decided (for fitting on the tune half). */
  features?: Record<string, number>;
  ms: number;
  /** The answer's first words, for the report's list of misses. */
  preview: string;
  /** The whole answer text (kept in the --answer-all records, which the fit and its review read). */
  text: string;
}

function graded(answer: Answer): GradedAnswer {
  return {
    answered: answer.grounded,
    flagged: answer.notes.some((n) => n.kind === 'only-stated'),
    text: answer.sentences.map((s) => s.text).join('\n'),
    cited: answer.citations,
  };
}

/** "Quote the top k passages whole": answers always, cites the passages' documents and locators. */
function quotePassages(passages: readonly RetrievedPassage[]): GradedAnswer {
  return {
    answered: passages.length > 0,
    flagged: false,
    text: passages.map((p) => p.chunk.text).join('\n'),
    cited: passages.map((p) => ({ docId: p.doc.id, locator: p.chunk.locator })),
  };
}

/**
 * Asks every question once, in id order, one at a time (so timings are per answer). A follow-up
 * gets the question it follows, and the answer given to it, as its history. The references
 * retrieve with the question the assistant resolved, so that they see the same follow-up.
 */
export async function runQuestions({ pipeline, questions }: { pipeline: LivePipeline; questions: readonly RealisticQuestion[] }): Promise<AnswerRecord[]> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<string, Answer>();
  const records: AnswerRecord[] = [];
  for (const question of [...questions].sort((a, b) => a.id.localeCompare(b.id))) {
    const history: Turn[] = [];
    const parent = question.followUpOf === undefined ? undefined : byId.get(question.followUpOf);
    if (parent !== undefined) history.push({ question: parent.question, answer: given.get(parent.id)?.text ?? '' });
    const start = performance.now();
    const answer = await pipeline.assistant.ask({ question: question.question, history });
    const ms = performance.now() - start;
    given.set(question.id, answer);
    const top = (await pipeline.retriever.retrieve({ query: answer.resolvedQuestion || question.question, k: 3 })).passages;
    const mine = graded(answer);
    const record: AnswerRecord = {
      question,
      grades: {
        assistant: gradeAnswer(question, mine),
        'top passage': gradeAnswer(question, quotePassages(top.slice(0, 1))),
        'top three passages': gradeAnswer(question, quotePassages(top.slice(0, 3))),
      },
      answered: mine.answered,
      flagged: mine.flagged,
      confidence: answer.confidence,
      ms,
      preview: answer.text.replace(/\s+/g, ' ').slice(0, 90),
      text: answer.text,
    };
    if (answer.answerability !== undefined) record.features = { ...answer.answerability.features };
    records.push(record);
  }
  return records;
}
