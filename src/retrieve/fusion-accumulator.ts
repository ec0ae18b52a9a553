import type { FusedItem } from './fusion-types';

/** Sums each list's contribution per id and keeps every list's raw score beside it. */
export function fusionAccumulator<Id extends string | number>(): {
  add(id: Id, contribution: number, raw: { lexical?: number | undefined; dense?: number | undefined }): void;
  items(): FusedItem<Id>[];
} {
  const fused = new Map<Id, FusedItem<Id>>();
  return {
    add(id, contribution, raw) {
      const item = fused.get(id) ?? { id, score: 0, scores: {} };
      item.score += contribution;
      Object.assign(item.scores, raw);
      fused.set(id, item);
    },
    items: () => [...fused.values()],
  };
}
