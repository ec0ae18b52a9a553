import type { ScoredItem } from './fusion-types';

/**
 * Rescales one list's scores to [0, 1]: `(s − min) / (max − min)`, so the best candidate gets 1
 * and the worst 0. When the list cannot discriminate — a single item, or all scores equal — every
 * item gets 1: each is as good as the list's best, and a list should not penalise its only
 * candidates. Items with a non-finite score (NaN from a zero vector, ±Infinity) are dropped, as
 * if the list had not returned them. An id listed twice keeps its higher score. Order is kept.
 */
export function minMaxNormalize<Id extends string | number>({ items }: { items: readonly ScoredItem<Id>[] }): ScoredItem<Id>[] {
  const unique = dedupeKeepBest({ items });
  if (unique.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const { score } of unique) {
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  const range = max - min;
  return unique.map(({ id, score }) => ({ id, score: range > 0 ? (score - min) / range : 1 }));
}

/** Finite-scored items, one per id (the highest score), in first-seen order. */
export function dedupeKeepBest<Id extends string | number>({ items }: { items: readonly ScoredItem<Id>[] }): ScoredItem<Id>[] {
  const best = new Map<Id, number>();
  for (const { id, score } of items) {
    if (!Number.isFinite(score)) continue;
    const seen = best.get(id);
    if (seen === undefined || score > seen) best.set(id, score);
  }
  return [...best].map(([id, score]) => ({ id, score }));
}
