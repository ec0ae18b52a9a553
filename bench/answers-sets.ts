/**
 * The question sets of the answer benchmark, read with a schema: the sample set (answerable
 * questions with a key fact, questions the sample cannot answer), and on the ALQAC laws the dev
 * questions (labelled article) against off-topic and out-of-corpus legal questions.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ArticleKey } from './retrieval-metrics';

export interface BenchQuestion {
  id: string;
  question: string;
  corpus: 'sample' | 'alqac';
  answerable: boolean;
  /** Sample: a string the cited passage must contain. */
  keyFact?: string;
  /** ALQAC: the article(s) that answer it. */
  relevant?: ArticleKey[];
  /** Where the question comes from, for the report. */
  source: string;
}

const sampleSchema = z.union([
  z.object({ id: z.string(), question: z.string().min(1), answerable: z.literal(true), keyFact: z.string().min(1) }),
  z.object({ id: z.string(), question: z.string().min(1), answerable: z.literal(false), nearMiss: z.string().optional() }),
]);
const devSchema = z.object({ id: z.string(), question: z.string().min(1), relevant: z.array(z.object({ law: z.string(), article: z.string() })).min(1) });
const unanswerableSchema = z.object({ id: z.string(), question: z.string().min(1) });

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function loadSampleQuestions(path: string): BenchQuestion[] {
  return readJsonl(path, sampleSchema).map((q) =>
    q.answerable
      ? { id: q.id, question: q.question, corpus: 'sample', answerable: true, keyFact: q.keyFact, source: 'answerable' }
      : { id: q.id, question: q.question, corpus: 'sample', answerable: false, source: q.nearMiss === undefined ? 'out of scope' : `near miss (${q.nearMiss})` },
  );
}

export function loadAlqacQuestions({ dev, unanswerable }: { dev: string; unanswerable: Array<{ path: string; source: string }> }): BenchQuestion[] {
  const answerable: BenchQuestion[] = readJsonl(dev, devSchema).map((q) => ({ id: q.id, question: q.question, corpus: 'alqac', answerable: true, relevant: q.relevant, source: 'dev' }));
  const refused = unanswerable.flatMap(({ path, source }) =>
    readJsonl(path, unanswerableSchema).map((q): BenchQuestion => ({ id: q.id, question: q.question, corpus: 'alqac', answerable: false, source })),
  );
  return [...answerable, ...refused];
}

/**
 * The calibration split, fixed by id so it never depends on results: questions whose id ends in an
 * odd number tune the refusal threshold, even ones are held out to check it.
 */
export function splitOf(id: string): 'tune' | 'held-out' {
  const n = Number(/(\d+)\D*$/.exec(id)?.[1] ?? 0);
  return n % 2 === 1 ? 'tune' : 'held-out';
}
