import type { Chunk } from '../chunk/types';
import type { DocumentListing, Store } from './store';

/** One segment's store and the documents deleted from it in this snapshot. */
export interface StorePart {
  store: Store;
  deletedDocuments: ReadonlySet<string>;
}

/**
 * The store of a snapshot made of segments: each segment file is a store of its own documents; a
 * document lives in one segment (a replaced document is deleted from its old segment and written
 * to a new one), so a lookup takes the first segment that has it and has not deleted it.
 */
export function createSegmentStore({ parts, close }: { parts: readonly StorePart[]; close: () => void }): Store {
  const liveChunk = (chunk: Chunk | undefined, part: StorePart) => (chunk !== undefined && !part.deletedDocuments.has(chunk.docId) ? chunk : undefined);
  const getChunk = (id: string): Chunk | undefined => {
    for (const part of parts) {
      const chunk = liveChunk(part.store.getChunk(id), part);
      if (chunk !== undefined) return chunk;
    }
    return undefined;
  };
  const first = <T>(id: string, read: (store: Store) => T | undefined): T | undefined => {
    for (const part of parts) {
      if (part.deletedDocuments.has(id)) continue;
      const found = read(part.store);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    getDocument: (id) => first(id, (s) => s.getDocument(id)),
    getDocumentSummary: (id) => first(id, (s) => s.getDocumentSummary(id)),
    getChunk,
    getChunks(ids) {
      // Each segment is asked once for the ids not found live in an earlier one (as getChunk does id by id).
      const found = new Map<string, Chunk>();
      let missing = [...new Set(ids)];
      for (const part of parts) {
        if (missing.length === 0) break;
        for (const chunk of part.store.getChunks(missing)) if (liveChunk(chunk, part) !== undefined) found.set(chunk.id, chunk);
        missing = missing.filter((id) => !found.has(id));
      }
      const out: Chunk[] = [];
      for (const id of ids) {
        const chunk = found.get(id);
        if (chunk !== undefined) out.push(chunk);
      }
      return out;
    },
    listDocuments(): DocumentListing[] {
      const all = parts.flatMap((p) => p.store.listDocuments().filter((d) => !p.deletedDocuments.has(d.id)));
      return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    chunksOfDocument(docId) {
      return first(docId, (s) => {
        const chunks = s.chunksOfDocument(docId);
        return chunks.length > 0 ? chunks : undefined;
      }) ?? [];
    },
    close,
  };
}
