import type { Chunk } from '../chunk/types';
import type { LexicalHit, LexicalIndex } from '../index/lexical-index';
import type { Store } from '../index/store';
import { buildDocumentCatalog, type DocumentCatalog } from './document-catalog';
import { FEEDBACK, feedbackTerms, withFeedback } from './feedback';
import { articleOfLocator } from './grouping';
import { understandQuery, type UnderstoodQuery } from './understand-query';
import { DEFAULT_UNDERSTANDING, type UnderstandingOptions } from './understanding';

/**
 * Added (× the top score) to chunks of a named document when the mention is taken as incidental:
 * the document wins close calls, not a clearly better passage elsewhere.
 */
const DOCUMENT_BOOST = 0.25;
/**
 * The filter is kept when the named documents' best passage scores at least this share of the
 * best passage anywhere; below, the mention is probably incidental ("… theo quy định của Luật X,
 * đúng hay sai?" where Luật X is the trap) and the documents are only boosted.
 */
export const FILTER_TRUST = 0.5;

/** A question turned into a lexical search: what to search, where, and what to put first. */
export interface QueryPlan {
  query: UnderstoodQuery;
  /** The lexical hits: restricted to the named documents when there are any, exact article lookups first. */
  hits: LexicalHit[];
  /** True when the first hits are the very article the question names in the document it names. */
  lookedUp: boolean;
}

/**
 * Query understanding plus the lexical search it implies, shared by the lexical and hybrid
 * retrievers. A named document is a filter, not a boost: only its chunks are searched (when the
 * filter leaves nothing, the whole index is); with an article ("Điều 31 Luật Cư trú"), that
 * article's chunks come first, in document order, clause named first. The document catalog is
 * read from the store on first use and kept for the snapshot's life.
 */
export function createQueryPlanner({ store, lexical, options = DEFAULT_UNDERSTANDING }: { store: Store; lexical: LexicalIndex; options?: Readonly<UnderstandingOptions> }): (input: { query: string; k: number }) => QueryPlan {
  let catalog: DocumentCatalog | undefined;
  const chunksOf = new Map<string, Chunk[]>();
  const documentChunks = (docId: string): Chunk[] => {
    let chunks = chunksOf.get(docId);
    if (chunks === undefined) {
      chunks = store.chunksOfDocument(docId);
      chunksOf.set(docId, chunks);
    }
    return chunks;
  };
  return ({ query, k }) => {
    catalog ??= buildDocumentCatalog({ store });
    const understood = understandQuery({ query, lexical, catalog, options });
    if (understood.documentIds.length === 0 || options.documents === 'off') {
      if (!options.feedback) return { query: understood, hits: lexical.search({ query: understood, k }), lookedUp: false };
      const first = lexical.search({ query: understood, k: Math.max(k, FEEDBACK.passages) });
      const terms = feedbackTerms({ query: understood, hits: first, lexical, textOf: (ids) => new Map(store.getChunks(ids).map((c) => [c.id, c.text])) });
      if (terms.length === 0) return { query: understood, hits: first.slice(0, k), lookedUp: false };
      understood.understood.feedback = terms.map((t) => t.term.replaceAll('_', ' '));
      return { query: understood, hits: lexical.search({ query: withFeedback(understood, terms), k }), lookedUp: false };
    }
    const chunks = understood.documentIds.flatMap(documentChunks);
    const inDocuments = new Set(chunks.map((c) => c.id));
    const boost = (): LexicalHit[] => {
      // Without the naming words, which match every heading of the named document.
      const hits = lexical.search({ query: understood.content, k: Math.max(k * 4, 200) });
      const top = hits[0]?.score ?? 0;
      const boosted = hits.map((h) => ({ ...h, score: h.score + (inDocuments.has(h.chunkId) ? DOCUMENT_BOOST * top : 0) }));
      return boosted.sort((a, b) => b.score - a.score).slice(0, k);
    };
    if (options.documents === 'boost') {
      understood.understood.documentUse = 'boost';
      return { query: understood, hits: boost(), lookedUp: false };
    }
    let hits = lexical.search({ query: understood, k, only: inDocuments });
    // Compared without the words that name the document (they match all of its headings).
    const within = lexical.search({ query: understood.content, k: 1, only: inDocuments })[0]?.score ?? 0;
    const anywhere = lexical.search({ query: understood.content, k: 1 })[0]?.score ?? 0;
    understood.understood.documentUse = 'filter';
    if (hits.length === 0 || within < FILTER_TRUST * anywhere) {
      hits = boost();
      understood.understood.documentUse = 'boost';
    }
    const wanted = understood.articleRefs;
    if (wanted.length === 0) return { query: understood, hits, lookedUp: false };
    const clauseOf = (c: Chunk) => /khoản\s+(\d+)/i.exec(c.locator)?.[1];
    const looked = chunks
      .map((c, i) => ({ c, i, ref: wanted.find((r) => r.article === articleOfLocator({ locator: c.locator })) }))
      .filter((x) => x.ref !== undefined)
      .sort((a, b) => Number(b.ref?.clause !== undefined && clauseOf(b.c) === String(b.ref.clause)) - Number(a.ref?.clause !== undefined && clauseOf(a.c) === String(a.ref.clause)) || a.i - b.i);
    if (looked.length === 0) return { query: understood, hits, lookedUp: false };
    understood.understood.documentUse = 'lookup';
    const top = Math.max(hits[0]?.score ?? 0, 1);
    const first = looked.map((x, j) => ({ chunkId: x.c.id, score: top * 2 - j * 1e-6 }));
    const ids = new Set(first.map((h) => h.chunkId));
    return { query: understood, hits: [...first, ...hits.filter((h) => !ids.has(h.chunkId))].slice(0, Math.max(k, first.length)), lookedUp: true };
  };
}
