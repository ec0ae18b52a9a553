import { dedupeKeepBest, minMaxNormalize } from './fusion-normalize';
import { fusionAccumulator } from './fusion-accumulator';
import { competitionRanks, orderFused } from './fusion-rank';
import type { FusedItem, FusionInput } from './fusion-types';
import { effectiveLexicalWeight } from './fusion-weight';

/**
 * Weighted score fusion: each list min-max normalised to [0, 1] (see `minMaxNormalize`), then
 * `lexicalWeight · lexical + (1 − lexicalWeight) · dense`, a list that did not return an item
 * contributing 0 for it. Fused scores lie in [0, 1]; 1 means best in every list that has weight.
 * With weight 1 the lexical order is kept exactly (dense-only items follow), with 0 the dense order.
 * An empty list hands its weight to the other (see `effectiveLexicalWeight`).
 */
export function weightedFusion<Id extends string | number>({ lexical, dense, lexicalWeight }: FusionInput<Id> & { lexicalWeight: number }): FusedItem<Id>[] {
  const rawLexical = dedupeKeepBest({ items: lexical });
  const rawDense = dedupeKeepBest({ items: dense });
  const w = effectiveLexicalWeight({ lexicalWeight, lexicalCount: rawLexical.length, denseCount: rawDense.length });
  const { add, items } = fusionAccumulator<Id>();
  const rawScore = (items: typeof rawLexical) => new Map(items.map(({ id, score }) => [id, score]));
  const lexicalRaw = rawScore(rawLexical);
  const denseRaw = rawScore(rawDense);
  for (const { id, score } of minMaxNormalize({ items: rawLexical })) add(id, w * score, { lexical: lexicalRaw.get(id) });
  for (const { id, score } of minMaxNormalize({ items: rawDense })) add(id, (1 - w) * score, { dense: denseRaw.get(id) });
  return orderFused({
    items: items(),
    lexicalRanks: competitionRanks({ items: rawLexical }),
    denseRanks: competitionRanks({ items: rawDense }),
    lexicalFirst: w >= 0.5,
  });
}
