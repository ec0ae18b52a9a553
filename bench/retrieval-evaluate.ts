import { performance } from 'node:perf_hooks';
import { foldDiacritics } from '../src/text/index';
import type { BenchQuestion } from './retrieval-corpus';
import { firstRelevantRank, percentile, rankArticles, summariseRanks, type RetrievalScores } from './retrieval-metrics';

export type VariantScores = RetrievalScores & { p50Ms: number; p95Ms: number };
export interface Evaluation {
  accented: VariantScores;
  folded: VariantScores;
  /** Questions whose article is not in the top 5, per variant ("TL-5 (rank 13)"). */
  misses: { accented: string[]; folded: string[] };
}

export const VARIANTS = [
  { name: 'accented' as const, text: (q: string) => q },
  { name: 'folded' as const, text: (q: string) => foldDiacritics(q) },
];

/** Questions run before timing starts (JIT, caches, lazy model sessions). */
const WARM_UP = 5;

/**
 * Runs every question as written and without diacritics through `search` (chunk ids best first),
 * scores the article ranking (first relevant article's rank → R@1/5/10, MRR@10) and times each call.
 */
export async function evaluate({ search, questions, describe }: {
  search: (question: string) => Promise<string[]> | string[];
  questions: readonly BenchQuestion[];
  describe: Readonly<Record<string, { title: string; locator: string }>>;
}): Promise<Evaluation> {
  for (const q of questions.slice(0, WARM_UP)) await search(q.question);
  const result = { misses: { accented: [], folded: [] } } as unknown as Evaluation;
  for (const variant of VARIANTS) {
    const ranks: Array<number | undefined> = [];
    const times: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      const ids = await search(variant.text(q.question));
      times.push(performance.now() - t);
      const ranking = rankArticles(ids.flatMap((chunkId) => {
        const d = describe[chunkId];
        return d === undefined ? [] : [{ chunkId, ...d }];
      }));
      const rank = firstRelevantRank(ranking, q.relevant);
      ranks.push(rank);
      if (rank === undefined || rank > 5) result.misses[variant.name].push(`${q.id} (rank ${rank ?? '>pool'})`);
    }
    result[variant.name] = { ...summariseRanks(ranks), p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
  }
  return result;
}
