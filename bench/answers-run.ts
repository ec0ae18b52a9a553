/** Runs benchmark questions through an assistant and records what a user would have got. */
import { performance } from 'node:perf_hooks';
import type { Answer, Assistant, Citation } from '../src/answer/types';
import { foldDiacritics } from '../src/text/index';
import type { BenchQuestion } from './answers-sets';
import { articleOfChunk } from './retrieval-metrics';

export type Variant = 'accented' | 'folded';

export interface AnswerRecord {
  question: BenchQuestion;
  variant: Variant;
  grounded: boolean;
  confidence: number;
  /** The number compared with refusalThreshold (see Answer.support). */
  support: number;
  /** Answerable: the citations hold the key fact (sample) or cite the labelled article (ALQAC). */
  correct: boolean;
  /** What identifies the answer, to compare the accented and accent-free runs. */
  signature: string;
  ms: number;
}

/** True when the answer's citations contain the key fact or cite a labelled article. */
export function citesTheAnswer(question: BenchQuestion, citations: readonly Citation[]): boolean {
  if (question.keyFact !== undefined) {
    const fact = question.keyFact.normalize('NFC');
    return citations.some((c) => c.passage.normalize('NFC').includes(fact));
  }
  const relevant = question.relevant ?? [];
  return citations.some((c) => {
    const article = articleOfChunk({ title: c.title, locator: c.locator });
    return article !== undefined && relevant.some((r) => r.law === article.law && r.article === article.article);
  });
}

function signature(answer: Answer): string {
  return answer.grounded ? JSON.stringify(answer.citations.map((c) => [c.docId, c.locator, c.passage])) : 'refused';
}

/** Asks every question once, in order (one at a time, so the timings are per answer). */
export async function runQuestions({ assistant, questions, variant }: { assistant: Assistant; questions: readonly BenchQuestion[]; variant: Variant }): Promise<AnswerRecord[]> {
  const records: AnswerRecord[] = [];
  for (const question of questions) {
    const text = variant === 'folded' ? foldDiacritics(question.question) : question.question;
    const start = performance.now();
    const answer = await assistant.ask({ question: text });
    const ms = performance.now() - start;
    records.push({
      question,
      variant,
      grounded: answer.grounded,
      confidence: answer.confidence,
      support: answer.support ?? 0,
      correct: answer.grounded && citesTheAnswer(question, answer.citations),
      signature: signature(answer),
      ms,
    });
  }
  return records;
}
