import type { Chunk } from '../chunk/types';
import type { DocumentMeta, DocumentPage } from '../ingest/types';

/** A document as the viewer shows it. */
export interface DocumentView {
  id: string;
  title: string;
  meta: DocumentMeta;
  /** The full text; chunk offsets (`start`, `end`) point into it. */
  text: string;
  /** Where each page of a paged source is in the text; OCR'd pages carry their confidence. */
  pages?: DocumentPage[];
}

/**
 * What the document viewer (`GET /documents/:docId`) needs from the index's chunk store. The real
 * store implements it at integration; tests use an in-memory one.
 */
export interface DocumentSource {
  getDocument(id: string): Promise<DocumentView | undefined>;
  /** The document's chunks, in any order; an unknown document has none. */
  getChunks(docId: string): Promise<Chunk[]>;
  /** A JPEG of an OCR'd page of the document's source file, shown beside its recognised text; undefined when there is none. */
  pageImage?(docId: string, page: number): Promise<Buffer | undefined>;
}
