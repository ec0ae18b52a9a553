import type { Store } from '../index/store';
import type { DocumentSource } from './document-source';

/**
 * The document viewer over the index's chunk store. `store` is a getter so that the viewer always
 * reads the snapshot currently served, also after a reindex switched to a new one.
 */
export function documentSourceFromStore({ store }: { store: () => Store }): DocumentSource {
  return {
    async getDocument(id) {
      const doc = store().getDocument(id);
      return doc === undefined ? undefined : { id: doc.id, title: doc.title, meta: doc.meta, text: doc.text };
    },
    async getChunks(docId) {
      return store().chunksOfDocument(docId);
    },
  };
}
