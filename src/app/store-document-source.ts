import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Store } from '../index/store';
import { renderPagePreview } from '../ingest/ocr/page-preview';
import type { DocumentSource } from './document-source';

/** The source file of a stored document, only if it resolves inside the knowledge folder (no `..`, no symlink out). */
async function sourceFile(knowledgeDir: string, relativePath: string): Promise<string | undefined> {
  try {
    const root = await realpath(knowledgeDir);
    const file = await realpath(resolve(root, relativePath));
    return file.startsWith(`${root}${sep}`) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The document viewer over the index's chunk store. `store` is a getter so that the viewer always
 * reads the snapshot currently served, also after a reindex switched to a new one.
 */
export function documentSourceFromStore({ store, knowledgeDir }: { store: () => Store; knowledgeDir?: string }): DocumentSource {
  return {
    async getDocument(id) {
      const doc = store().getDocument(id);
      if (doc === undefined) return undefined;
      return { id: doc.id, title: doc.title, meta: doc.meta, text: doc.text, ...(doc.source.pages === undefined ? {} : { pages: doc.source.pages }) };
    },
    async getChunks(docId) {
      return store().chunksOfDocument(docId);
    },
    async pageImage(docId, page) {
      const doc = store().getDocument(docId);
      // Only pages that were scans have an image worth showing; the others are their own text.
      if (knowledgeDir === undefined || doc === undefined || !(doc.source.pages ?? []).some((p) => p.number === page && p.ocr !== undefined)) return undefined;
      const file = await sourceFile(knowledgeDir, doc.source.path);
      return file === undefined ? undefined : renderPagePreview({ absolutePath: file, page });
    },
  };
}
