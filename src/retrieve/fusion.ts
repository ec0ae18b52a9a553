import { DEFAULT_TUNABLES } from '../config/tunables';
import { reciprocalRankFusion } from './fusion-rrf';
import type { FusedItem, FusionInput } from './fusion-types';
import { weightedFusion } from './fusion-weighted';

export type { FusedItem, FusionInput, ScoredItem } from './fusion-types';

export interface FuseOptions<Id extends string | number> extends FusionInput<Id> {
  /** `weighted` (min-max normalised scores, tunable `fusionMethod`) or `rrf` (reciprocal ranks). */
  method?: 'weighted' | 'rrf';
  /** Share of the lexical list, 0–1; the dense list gets the rest (tunable `lexicalWeight`). */
  lexicalWeight?: number;
  /** The k of reciprocal-rank fusion (tunable `rrfK`). */
  rrfK?: number;
}

/**
 * Merges a lexical and a dense ranked list into one, best first, every id once, with fused scores
 * in [0, 1] and each list's raw score kept for explanations. Lists are candidates best-first or in
 * any order (ranks come from scores); an empty list simply contributes nothing.
 */
export function fuse<Id extends string | number>({
  lexical,
  dense,
  method = DEFAULT_TUNABLES.fusionMethod,
  lexicalWeight = DEFAULT_TUNABLES.lexicalWeight,
  rrfK = DEFAULT_TUNABLES.rrfK,
}: FuseOptions<Id>): FusedItem<Id>[] {
  return method === 'rrf' ? reciprocalRankFusion({ lexical, dense, lexicalWeight, k: rrfK }) : weightedFusion({ lexical, dense, lexicalWeight });
}
