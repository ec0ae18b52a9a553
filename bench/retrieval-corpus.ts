import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { LexicalEntry } from '../src/index/lexical-index';

export const questionSchema = z.object({ id: z.string(), question: z.string(), relevant: z.array(z.object({ law: z.string(), article: z.string() })).min(1) });
export const offTopicSchema = z.object({ id: z.string(), question: z.string() });
export type BenchQuestion = z.infer<typeof questionSchema>;
export type OffTopicQuestion = z.infer<typeof offTopicSchema>;

export function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => schema.parse(JSON.parse(l)));
}

/**
 * Everything an engine run needs, written once by the parent (bench/retrieval.ts) and read by each
 * child process: the chunks as the lexical index sees them, what each chunk stands for (title and
 * locator, for article-level scoring), the document titles (for passage texts) and the questions.
 */
export interface BenchCorpus {
  /** The snapshot the parent built (store + lexical), for the engines that read chunks from it. */
  dataDir: string;
  entries: LexicalEntry[];
  /** chunkId → { title, locator } */
  describe: Record<string, { title: string; locator: string }>;
  /** chunkId → document title, for `passageText` */
  titles: Record<string, string>;
  questions: BenchQuestion[];
  offTopic: OffTopicQuestion[];
}

export function writeCorpus(path: string, corpus: BenchCorpus): void {
  writeFileSync(path, JSON.stringify(corpus));
}

export function readCorpus(path: string): BenchCorpus {
  return JSON.parse(readFileSync(path, 'utf8')) as BenchCorpus;
}
