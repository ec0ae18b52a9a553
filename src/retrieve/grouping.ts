import type { Chunk } from '../chunk/types';
import { findArticleRefs, foldDiacritics } from '../text/index';

/** Ranked items sharing a key (a document, an article), best first. */
export interface RankedGroup<T> {
  key: string;
  /** The best score among the group's items (that of `items[0]`). */
  score: number;
  items: T[];
}

/** What grouping needs of a ranked passage (a `RetrievedPassage` fits). */
export interface GroupableItem {
  chunk: Pick<Chunk, 'docId' | 'locator'>;
  score: number;
}

/**
 * Groups ranked items by `keyOf`, each group keeping its best score; groups are ordered by that
 * score (ties: the group whose best item came first in the input), items within a group by score
 * (ties: input order). Nothing is dropped: the groups hold exactly the input items.
 */
export function groupRanked<T extends { score: number }>({ items, keyOf }: { items: readonly T[]; keyOf: (item: T) => string }): RankedGroup<T>[] {
  const groups = new Map<string, { first: number; items: T[] }>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: i, items: [item] });
    else group.items.push(item);
  });
  return [...groups]
    .map(([key, { first, items: members }]) => {
      const sorted = [...members].sort((a, b) => b.score - a.score);
      return { key, first, score: sorted[0]?.score ?? -Infinity, items: sorted };
    })
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .map(({ key, score, items: members }) => ({ key, score, items: members }));
}

/** Groups passages by document: key = `docId`. */
export function groupByDocument<T extends GroupableItem>({ items }: { items: readonly T[] }): RankedGroup<T>[] {
  return groupRanked({ items, keyOf: (item) => item.chunk.docId });
}

/**
 * The article number of a locator that starts with "Điều N" ("Điều 20, khoản 2" → 20, also typed
 * without diacritics), or undefined for a section locator ("Đoạn 3", a heading path).
 */
export function articleOfLocator({ locator }: { locator: string }): number | undefined {
  if (!/^dieu\s/i.test(foldDiacritics(locator).trimStart())) return undefined;
  return findArticleRefs(locator)[0]?.article;
}

/**
 * Groups passages by legal article: every khoản/điểm chunk of "Điều N" of a document falls in the
 * group `<docId>#dieu-<N>`; a chunk outside any article stays on its own (`<docId>#<locator>`).
 */
export function groupByArticle<T extends GroupableItem>({ items }: { items: readonly T[] }): RankedGroup<T>[] {
  return groupRanked({
    items,
    keyOf: ({ chunk }) => {
      const article = articleOfLocator({ locator: chunk.locator });
      return article === undefined ? `${chunk.docId}#${chunk.locator}` : `${chunk.docId}#dieu-${article}`;
    },
  });
}
