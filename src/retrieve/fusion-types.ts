/** One candidate of a ranked list: an id (chunk id or vector label) and the list's own score. */
export interface ScoredItem<Id extends string | number = string> {
  id: Id;
  score: number;
}

/** A candidate after fusion: the fused score and, for explanations, each list's raw score. */
export interface FusedItem<Id extends string | number = string> {
  id: Id;
  score: number;
  scores: { lexical?: number; dense?: number };
}

/** The two ranked lists hybrid retrieval merges; either may be empty (e.g. lexical-only mode). */
export interface FusionInput<Id extends string | number = string> {
  lexical: readonly ScoredItem<Id>[];
  dense: readonly ScoredItem<Id>[];
}
