import type { Chunk } from '../../src/chunk/types';
import type { DocumentSource, DocumentView } from '../../src/app/document-source';

/** An in-memory `DocumentSource`; chunks are computed from the text by the caller (see residence-law fixture). */
export function createFakeDocumentSource({ documents }: { documents: Array<{ doc: DocumentView; chunks: Chunk[] }> }): DocumentSource {
  const byId = new Map(documents.map((entry) => [entry.doc.id, entry]));
  return {
    async getDocument(id) {
      return byId.get(id)?.doc;
    },
    async getChunks(docId) {
      return byId.get(docId)?.chunks ?? [];
    },
  };
}
