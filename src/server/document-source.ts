import type { Chunk } from '../chunk/types';
import type { DocumentMeta } from '../ingest/types';

/** A document as the viewer shows it. */
export interface DocumentView {
  id: string;
  title: string;
  meta: DocumentMeta;
  /** The full text; chunk offsets (`start`, `end`) point into it. */
  text: string;
}

/**
 * What the document viewer (`GET /documents/:docId`) needs from the index's chunk store. The real
 * store implements it at integration; tests use an in-memory one.
 */
export interface DocumentSource {
  getDocument(id: string): Promise<DocumentView | undefined>;
  /** The document's chunks, in any order; an unknown document has none. */
  getChunks(docId: string): Promise<Chunk[]>;
}
