import type { Chunk } from '../chunk/types';
import type { SourceInfo } from '../ingest/types';
import type { DocumentSummary } from '../retrieve/types';

/** A document as the store keeps it: what retrieval cites, where it came from, and its full text. */
export interface StoredDocument extends DocumentSummary {
  source: SourceInfo;
  text: string;
}

/** A document without its text, for listings. */
export interface DocumentListing extends DocumentSummary {
  source: SourceInfo;
  chunkCount: number;
}

/**
 * Read access to the documents and chunks of one snapshot. The default implementation is a
 * read-only SQLite file inside the snapshot (`sqlite-store.ts`); the interface is synchronous
 * because that store is embedded and answers in microseconds.
 */
export interface Store {
  getDocument(id: string): StoredDocument | undefined;
  /** Title and metadata only: what a citation needs, without loading the text. */
  getDocumentSummary(id: string): DocumentSummary | undefined;
  getChunk(id: string): Chunk | undefined;
  /** The chunks with these ids, in the order asked; unknown ids are left out. */
  getChunks(ids: readonly string[]): Chunk[];
  /** Every document, ordered by id. */
  listDocuments(): DocumentListing[];
  /** The chunks of a document in reading order (by ordinal). */
  chunksOfDocument(docId: string): Chunk[];
  close(): void;
}
