import { createParagraphLocator } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { StoredDocument } from '../index/store';

/** Parsed documents kept between questions (a snapshot's documents never change). */
export const DOCUMENT_CACHE_SIZE = 8;

/** What the answer stage reads of the snapshot beyond retrieval: the store's documents and chunks. */
export interface DocumentReader {
  getDocument(id: string): StoredDocument | undefined;
  chunksOfDocument(docId: string): Chunk[];
}

/** A stored document with its chunks and, built on first use, its paragraph locator. */
export interface DocumentView {
  doc: StoredDocument;
  chunks: Chunk[];
  /** See `createParagraphLocator`. */
  paragraphLocator(ranges: ReadonlyArray<{ start: number; end: number }>): string | undefined;
}

/** The documents of one snapshot, read and parsed once each (least recently used out past DOCUMENT_CACHE_SIZE). */
export function createDocumentCache(reader: DocumentReader): (docId: string) => DocumentView | undefined {
  const cache = new Map<string, DocumentView | undefined>();
  return (docId) => {
    if (cache.has(docId)) {
      const hit = cache.get(docId);
      cache.delete(docId);
      cache.set(docId, hit);
      return hit;
    }
    const doc = reader.getDocument(docId);
    let view: DocumentView | undefined;
    if (doc !== undefined) {
      let locate: ReturnType<typeof createParagraphLocator> | undefined;
      view = {
        doc,
        chunks: reader.chunksOfDocument(docId),
        paragraphLocator: (ranges) => (locate ??= createParagraphLocator(doc.text))(ranges),
      };
    }
    cache.set(docId, view);
    while (cache.size > DOCUMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return view;
  };
}
