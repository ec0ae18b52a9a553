import { loadBm25Index, type Bm25Params } from '../src/index/bm25-index';
import type { LexicalIndex } from '../src/index/lexical-index';
import type { RetrievalScores } from './retrieval-metrics';

/** One tunable moved away from its default, everything else unchanged. */
export interface SweepRow {
  change: string;
  accented: RetrievalScores;
  folded: RetrievalScores;
}

const VARIATIONS: Array<[keyof Bm25Params, number[]]> = [
  ['bm25K1', [0.9, 1.5]],
  ['bm25B', [0.5, 0.9]],
  ['bigramWeight', [0, 0.5, 2]],
  ['foldedWeight', [0, 1]],
  ['headingBoost', [1, 3]],
];

/**
 * Sensitivity of the shipped BM25F to each query-time tunable: reloads the same serialised index
 * with one parameter changed and scores it. It shows how far the defaults are from a cliff; it is
 * not used to pick them.
 */
export async function sweepBm25({
  buffer,
  params,
  score,
}: {
  buffer: Buffer;
  params: Bm25Params;
  score: (index: LexicalIndex) => Promise<Pick<SweepRow, 'accented' | 'folded'>>;
}): Promise<SweepRow[]> {
  const rows: SweepRow[] = [{ change: 'defaults', ...(await score(loadBm25Index({ buffer, params, source: 'sweep' }))) }];
  for (const [key, values] of VARIATIONS) {
    for (const value of values) {
      const index = loadBm25Index({ buffer, params: { ...params, [key]: value }, source: 'sweep' });
      rows.push({ change: `${key} ${params[key]} → ${value}`, ...(await score(index)) });
    }
  }
  return rows;
}
