import { AppError } from '../config/errors';
import { dedupeKeepBest } from './fusion-normalize';
import { fusionAccumulator } from './fusion-accumulator';
import { competitionRanks, orderFused } from './fusion-rank';
import type { FusedItem, FusionInput } from './fusion-types';
import { effectiveLexicalWeight } from './fusion-weight';

/**
 * Reciprocal-rank fusion (Cormack et al. 2009): `(k + 1) · (w / (k + rank_lexical) + (1 − w) / (k +
 * rank_dense))`, ranks from 1 with ties sharing a rank, a list that did not return an item
 * contributing 0. Only ranks count, so it is unaffected by how either list scales its scores.
 * With w = 0.5 the order is that of plain RRF; the factor `k + 1` puts the fused score in [0, 1],
 * 1 meaning first in every list that has weight. An empty list hands its weight to the other.
 */
export function reciprocalRankFusion<Id extends string | number>({ lexical, dense, lexicalWeight, k }: FusionInput<Id> & { lexicalWeight: number; k: number }): FusedItem<Id>[] {
  if (!(k > 0 && Number.isFinite(k))) throw new AppError('INPUT_INVALID', `rrfK must be a positive number; got ${k}. Fix TROLY_RRF_K.`);
  const rawLexical = dedupeKeepBest({ items: lexical });
  const rawDense = dedupeKeepBest({ items: dense });
  const w = effectiveLexicalWeight({ lexicalWeight, lexicalCount: rawLexical.length, denseCount: rawDense.length });
  const lexicalRanks = competitionRanks({ items: rawLexical });
  const denseRanks = competitionRanks({ items: rawDense });
  const { add, items } = fusionAccumulator<Id>();
  for (const { id, score } of rawLexical) add(id, (w * (k + 1)) / (k + (lexicalRanks.get(id) ?? Infinity)), { lexical: score });
  for (const { id, score } of rawDense) add(id, ((1 - w) * (k + 1)) / (k + (denseRanks.get(id) ?? Infinity)), { dense: score });
  return orderFused({ items: items(), lexicalRanks, denseRanks, lexicalFirst: w >= 0.5 });
}
