import Database from 'better-sqlite3';
import type { SegmentEntry } from './manifest';
import { snapshotPaths } from './snapshot-paths';

/** What a build needs of each live document of a snapshot: no text, meta, or chunk counts. */
export interface LiveDocument {
  id: string;
  title: string;
  source: { contentHash: string };
}

/**
 * The live documents of a snapshot's segments (deleted ones left out), sorted by id, read with one
 * narrow query per segment file: a one-document update at 3,400 documents needs their ids, titles
 * and content hashes, and `Store.listDocuments` also parses every document's meta and source and
 * counts its chunks.
 */
export function liveDocuments({ dataDir, entries }: { dataDir: string; entries: readonly SegmentEntry[] }): LiveDocument[] {
  const paths = snapshotPaths({ dataDir });
  const all: LiveDocument[] = [];
  for (const entry of entries) {
    const deleted = new Set(entry.deletedDocuments);
    const db = new Database(paths.segment(entry.id), { readonly: true, fileMustExist: true });
    try {
      for (const row of db.prepare<[], { id: string; title: string; content_hash: string }>('SELECT id, title, content_hash FROM documents').iterate()) {
        if (!deleted.has(row.id)) all.push({ id: row.id, title: row.title, source: { contentHash: row.content_hash } });
      }
    } finally {
      db.close();
    }
  }
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
