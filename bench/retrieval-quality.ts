import { performance } from 'node:perf_hooks';
import type { Snapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import type { RetrievalResult, Retriever } from '../src/retrieve/types';
import type { UnderstandingOptions } from '../src/retrieve/understanding';
import { foldDiacritics } from '../src/text/index';
import type { BenchQuestion } from './retrieval-corpus';
import { firstRelevantRank, rankArticles } from './retrieval-metrics';
import { addTypingNoise } from './retrieval-noise';

/** The three forms every question is asked in. */
export const QUESTION_VARIANTS = {
  written: (q: BenchQuestion) => q.question,
  'no diacritics': (q: BenchQuestion) => foldDiacritics(q.question),
  'typing noise': (q: BenchQuestion, i: number) => addTypingNoise({ text: q.question, seed: 1000 + i }),
} as const;
export type QuestionVariant = keyof typeof QUESTION_VARIANTS;

/** Rank (1-based, article level) of the first relevant article per question, and each query's time. */
export interface QuestionRuns {
  ranks: Array<number | undefined>;
  times: number[];
  changed: number;
}

/** Chunks asked of the retriever per question: enough for ten distinct articles after merging khoản chunks. */
export const POOL = 50;

/**
 * Runs every question of a set, in one variant, through a retriever (`retrieverFor` may pick one
 * per question: the held-out fold's weights) and ranks the relevant article.
 */
export async function runQuestions({ snapshot, questions, variant, understanding, retrieverFor }: {
  snapshot: Pick<Snapshot, 'store' | 'lexical'>;
  questions: readonly BenchQuestion[];
  variant: QuestionVariant;
  understanding?: Readonly<UnderstandingOptions>;
  retrieverFor?: (q: BenchQuestion) => Retriever;
}): Promise<QuestionRuns> {
  const fixed = createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, ...(understanding === undefined ? {} : { understanding }) });
  const ranks: Array<number | undefined> = [];
  const times: number[] = [];
  let changed = 0;
  for (const [i, q] of questions.entries()) {
    const text = QUESTION_VARIANTS[variant](q, i);
    const t = performance.now();
    const result = await (retrieverFor?.(q) ?? fixed).retrieve({ query: text, k: POOL });
    times.push(performance.now() - t);
    if (result.understood?.changed === true) changed++;
    ranks.push(relevantRank(result, q));
  }
  return { ranks, times, changed };
}

/** Article-level rank (1-based) of the question's first relevant article in a retrieval result. */
export function relevantRank(result: RetrievalResult, q: BenchQuestion): number | undefined {
  const ranking = rankArticles(result.passages.map((p) => ({ chunkId: p.chunk.id, title: p.doc.title, locator: p.chunk.locator })));
  return firstRelevantRank(ranking, q.relevant);
}
