import type { FusedItem, ScoredItem } from './fusion-types';

/**
 * 1-based competition ranks by score, best first: equal scores share the better rank ("1224"),
 * so the rank of an item depends only on how many items score strictly higher.
 */
export function competitionRanks<Id extends string | number>({ items }: { items: readonly ScoredItem<Id>[] }): Map<Id, number> {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const ranks = new Map<Id, number>();
  sorted.forEach((item, i) => {
    const previous = sorted[i - 1];
    const rank = previous !== undefined && previous.score === item.score ? (ranks.get(previous.id) ?? i + 1) : i + 1;
    ranks.set(item.id, rank);
  });
  return ranks;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Sorts fused items best first. Ties are broken by the rank in the heavier list (lexical when
 * `lexicalFirst`), then in the other (absent = last), then by id, so the output is deterministic
 * and a list with all the weight keeps its own order.
 */
export function orderFused<Id extends string | number>({ items, lexicalRanks, denseRanks, lexicalFirst }: {
  items: FusedItem<Id>[];
  lexicalRanks: ReadonlyMap<Id, number>;
  denseRanks: ReadonlyMap<Id, number>;
  lexicalFirst: boolean;
}): FusedItem<Id>[] {
  const [first, second] = lexicalFirst ? [lexicalRanks, denseRanks] : [denseRanks, lexicalRanks];
  const rank = (ranks: ReadonlyMap<Id, number>, id: Id) => ranks.get(id) ?? Infinity;
  return items.sort(
    (a, b) =>
      b.score - a.score ||
      rank(first, a.id) - rank(first, b.id) ||
      rank(second, a.id) - rank(second, b.id) ||
      compareIds(a.id, b.id),
  );
}
