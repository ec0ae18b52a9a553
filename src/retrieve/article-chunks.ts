import type { Store } from '../index/store';
import { articleOfLocator } from './grouping';

/** The chunk ids of one article of one document, in document order. */
export type ArticleChunks = (docId: string, article: number) => readonly string[];

/**
 * Every chunk of "Điều N" of a document, read from the store on first use of the document and
 * memoised (at most `limit` documents; the memo is emptied when full). The learned ranking reads
 * whole articles: an article of several khoản chunks answers a question whose words are spread
 * over its clauses, though no single chunk holds them all.
 */
export function createArticleChunks({ store, limit = 2_000 }: { store: Pick<Store, 'chunksOfDocument'>; limit?: number }): ArticleChunks {
  const byDocument = new Map<string, Map<number, string[]>>();
  return (docId, article) => {
    let articles = byDocument.get(docId);
    if (articles === undefined) {
      articles = new Map();
      for (const chunk of store.chunksOfDocument(docId)) {
        const n = articleOfLocator({ locator: chunk.locator });
        if (n === undefined) continue;
        const ids = articles.get(n) ?? [];
        ids.push(chunk.id);
        articles.set(n, ids);
      }
      if (byDocument.size >= limit) byDocument.clear();
      byDocument.set(docId, articles);
    }
    return articles.get(article) ?? [];
  };
}
