import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Chunk } from '../chunk/types';
import { AppError } from '../config/errors';
import type { SourceDocument } from '../ingest/types';
import type { DocumentSummary } from '../retrieve/types';
import type { DocumentListing, Store, StoredDocument } from './store';

/** The store's tables; a segment file (`segment-writer.ts`) has them too, so a store opens either. */
export const STORE_SCHEMA = `
CREATE TABLE documents (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, meta TEXT NOT NULL, source TEXT NOT NULL,
  content_hash TEXT NOT NULL, text TEXT NOT NULL
);
CREATE TABLE chunks (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,
  locator TEXT NOT NULL, heading_path TEXT NOT NULL, text TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL
);
CREATE INDEX chunks_by_document ON chunks (doc_id, ordinal);
`;

// The store file is input like any other: rows are checked on the way out.
const metaSchema = z.looseObject({
  docNumber: z.string().optional(),
  issuedDate: z.string().optional(),
  issuer: z.string().optional(),
  docType: z.string().optional(),
  inForce: z.boolean().optional(),
  sourceUrl: z.string().optional(),
});
const pageSchema = z.object({
  number: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  ocr: z.object({ confidence: z.number(), low: z.boolean() }).optional(),
});
const sourceSchema = z.object({
  path: z.string(),
  format: z.string(),
  bytes: z.number(),
  contentHash: z.string(),
  pages: z.array(pageSchema).optional(),
  extraction: z.looseObject({}).optional(),
});
const headingPathSchema = z.array(z.string());

interface DocumentRow {
  id: string;
  title: string;
  meta: string;
  source: string;
  text?: string;
  chunk_count?: number;
}
interface ChunkRow {
  id: string;
  doc_id: string;
  ordinal: number;
  locator: string;
  heading_path: string;
  text: string;
  start: number;
  end: number;
  kind: string;
}

/** Writes a new store file with these documents and chunks, in one transaction. The file must not exist. */
export function writeSqliteStore({ path, documents, chunks }: { path: string; documents: readonly SourceDocument[]; chunks: readonly Chunk[] }): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    db.exec(STORE_SCHEMA);
    const insertDoc = db.prepare('INSERT INTO documents (id, title, meta, source, content_hash, text) VALUES (?, ?, ?, ?, ?, ?)');
    const insertChunk = db.prepare('INSERT INTO chunks (id, doc_id, ordinal, locator, heading_path, text, start, "end", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const d of documents) insertDoc.run(d.id, d.title, JSON.stringify(d.meta), JSON.stringify(d.source), d.source.contentHash, d.text);
      for (const c of chunks) insertChunk.run(c.id, c.docId, c.ordinal, c.locator, JSON.stringify(c.headingPath), c.text, c.start, c.end, c.kind);
    })();
  } finally {
    db.close();
  }
}

/** Opens a store file read-only. Throws SNAPSHOT_CORRUPT when it is missing or not a store. */
export function openSqliteStore({ path }: { path: string }): Store {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM documents, chunks LIMIT 1').get();
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Store ${path} cannot be opened as a snapshot store (expected an SQLite file with documents and chunks tables). Run "troly index" to rebuild it.`, { cause });
  }
  const docStmt = db.prepare<[string], DocumentRow>('SELECT id, title, meta, source, text FROM documents WHERE id = ?');
  const summaryStmt = db.prepare<[string], DocumentRow>('SELECT id, title, meta, source FROM documents WHERE id = ?');
  const listStmt = db.prepare<[], DocumentRow>(
    'SELECT d.id, d.title, d.meta, d.source, (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.id) AS chunk_count FROM documents d ORDER BY d.id',
  );
  const chunkStmt = db.prepare<[string], ChunkRow>('SELECT * FROM chunks WHERE id = ?');
  const chunksStmt = db.prepare<[string], ChunkRow>('SELECT * FROM chunks WHERE id IN (SELECT value FROM json_each(?))');
  const ofDocStmt = db.prepare<[string], ChunkRow>('SELECT * FROM chunks WHERE doc_id = ? ORDER BY ordinal');

  const summary = (row: DocumentRow): DocumentSummary => {
    const doc: DocumentSummary = { id: row.id, title: row.title, meta: metaSchema.parse(JSON.parse(row.meta)) };
    const scanned = (sourceSchema.parse(JSON.parse(row.source)).pages ?? []).filter((p) => p.ocr !== undefined).map(({ start, end }) => ({ start, end }));
    if (scanned.length > 0) doc.scanned = scanned;
    return doc;
  };
  const toChunk = (row: ChunkRow): Chunk => ({
    id: row.id,
    docId: row.doc_id,
    ordinal: row.ordinal,
    locator: row.locator,
    headingPath: headingPathSchema.parse(JSON.parse(row.heading_path)),
    text: row.text,
    start: row.start,
    end: row.end,
    kind: row.kind === 'legal' ? 'legal' : 'section',
  });

  return {
    getDocument(id): StoredDocument | undefined {
      const row = docStmt.get(id);
      return row === undefined ? undefined : { ...summary(row), source: sourceSchema.parse(JSON.parse(row.source)), text: row.text ?? '' };
    },
    getDocumentSummary(id) {
      const row = summaryStmt.get(id);
      return row === undefined ? undefined : summary(row);
    },
    getChunk(id) {
      const row = chunkStmt.get(id);
      return row === undefined ? undefined : toChunk(row);
    },
    getChunks(ids) {
      // One statement for the lot (a search reads its 50 candidates at once), in the order asked.
      if (ids.length === 0) return [];
      const rows = new Map(chunksStmt.all(JSON.stringify(ids)).map((row) => [row.id, row]));
      const out: Chunk[] = [];
      for (const id of ids) {
        const row = rows.get(id);
        if (row !== undefined) out.push(toChunk(row));
      }
      return out;
    },
    listDocuments(): DocumentListing[] {
      return listStmt.all().map((row) => ({ ...summary(row), source: sourceSchema.parse(JSON.parse(row.source)), chunkCount: row.chunk_count ?? 0 }));
    },
    chunksOfDocument(docId) {
      return ofDocStmt.all(docId).map(toChunk);
    },
    close() {
      db.close();
    },
  };
}
