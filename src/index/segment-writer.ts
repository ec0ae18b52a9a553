import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';
import { analyseEntry, ViewBuilder, type Bm25View } from './bm25-data';
import { lexicalEntries } from './lexical-entries';
import { createPostingsFileWriter } from './postings-file';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION, SEGMENT_SCHEMA, VIEW_NUMBERS } from './segment-file';
import { postingsPathOf } from './snapshot-paths';
import { STORE_SCHEMA } from './sqlite-store';
import { sha256File } from './verify-snapshot';

/** Chunks whose postings a segment build holds in memory before writing them as one block. */
export const SEGMENT_BLOCK_CHUNKS = 4096;

/** What a finished segment holds. */
export interface SegmentSummary {
  documents: number;
  chunks: number;
  /** Sum of the chunks' body lengths (syllables): BM25's average length is taken over live chunks. */
  totalLength: number;
  bytes: number;
  sha256: string;
  /** Size and sha256 of the segment's postings file. */
  postings: { bytes: number; sha256: string };
}

export interface SegmentWriter {
  /** Adds a document and its chunks (in reading order); chunks are numbered in the order they arrive. */
  add(document: SourceDocument, chunks: readonly Chunk[]): void;
  /** Writes the last block and the columns, and makes the file appear at `path` (renamed from `.partial`). */
  finish(): SegmentSummary;
  /** Removes the unfinished file. */
  abort(): void;
}

/** A block's postings of term t, in the temporary blocks file: u32 chunks × n, u16 body tf × n, u16 heading tf × n. */
function blockBlob(view: Bm25View, t: number): Buffer {
  const start = view.starts[t] ?? 0;
  const end = view.starts[t + 1] ?? 0;
  const n = end - start;
  const out = Buffer.allocUnsafe(n * 8);
  Buffer.from(view.chunks.buffer, view.chunks.byteOffset + start * 4, n * 4).copy(out, 0);
  Buffer.from(view.tfBody.buffer, view.tfBody.byteOffset + start * 2, n * 2).copy(out, n * 4);
  Buffer.from(view.tfHeading.buffer, view.tfHeading.byteOffset + start * 2, n * 2).copy(out, n * 6);
  return out;
}

/** Concatenates a term's blocks (ascending block numbers hold ascending chunk numbers). */
function mergeBlocks(blobs: readonly Buffer[]): { chunks: Uint32Array; tfBody: Uint16Array; tfHeading: Uint16Array } {
  const n = blobs.reduce((sum, b) => sum + b.length / 8, 0);
  const chunks = new Uint32Array(n);
  const tfBody = new Uint16Array(n);
  const tfHeading = new Uint16Array(n);
  let at = 0;
  for (const blob of blobs) {
    const m = blob.length / 8;
    const copy = new Uint8Array(blob);
    chunks.set(new Uint32Array(copy.buffer, 0, m), at);
    tfBody.set(new Uint16Array(copy.buffer, m * 4, m), at);
    tfHeading.set(new Uint16Array(copy.buffer, m * 6, m), at);
    at += m;
  }
  return { chunks, tfBody, tfHeading };
}

const typed = (a: Uint32Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Streams documents into a new segment file: rows are inserted as they come, chunk terms are
 * collected for `blockChunks` chunks and written as one postings block, so memory holds one block
 * whatever the size of the corpus. The file is written as `<path>.partial` and renamed on finish.
 */
export function createSegmentWriter({ path, blockChunks = SEGMENT_BLOCK_CHUNKS }: { path: string; blockChunks?: number }): SegmentWriter {
  const partial = `${path}.partial`;
  const blocksPath = `${path}.blocks.partial`;
  const postingsPath = postingsPathOf(path);
  rmSync(partial, { force: true });
  rmSync(blocksPath, { force: true });
  const blocksDb = new Database(blocksPath);
  blocksDb.pragma('journal_mode = OFF');
  blocksDb.pragma('synchronous = OFF');
  blocksDb.exec('CREATE TABLE blocks (view INTEGER NOT NULL, term TEXT NOT NULL, block INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (view, term, block)) WITHOUT ROWID');
  const insertBlock = blocksDb.prepare('INSERT INTO blocks (view, term, block, data) VALUES (?, ?, ?, ?)');
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(STORE_SCHEMA);
  db.exec(SEGMENT_SCHEMA);
  const insertDoc = db.prepare('INSERT INTO documents (id, title, meta, source, content_hash, text) VALUES (?, ?, ?, ?, ?, ?)');
  const insertChunk = db.prepare('INSERT INTO chunks (id, doc_id, ordinal, locator, heading_path, text, start, "end", kind, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertColumn = db.prepare('INSERT INTO columns (name, data) VALUES (?, ?)');
  const insertInfo = db.prepare('INSERT INTO info (key, value) VALUES (?, ?)');
  const lengths: number[] = [];
  const articles: number[] = [];
  const docKeyIds: number[] = [];
  const docKeys = new Map<string, number>();
  let documents = 0;
  let totalLength = 0;
  let block = 0;
  let views = { accented: new ViewBuilder(), folded: new ViewBuilder() };
  let inBlock = 0;
  let closed = false;

  const flush = blocksDb.transaction(() => {
    for (const name of ['accented', 'folded'] as const) {
      const view = views[name].finish();
      view.terms.forEach((term, t) => insertBlock.run(VIEW_NUMBERS[name], term, block, blockBlob(view, t)));
    }
    block += 1;
    views = { accented: new ViewBuilder(), folded: new ViewBuilder() };
    inBlock = 0;
  });
  const addRows = db.transaction((doc: SourceDocument, chunks: readonly Chunk[], first: number) => {
    insertDoc.run(doc.id, doc.title, JSON.stringify(doc.meta), JSON.stringify(doc.source), doc.source.contentHash, doc.text);
    chunks.forEach((c, i) => insertChunk.run(c.id, c.docId, c.ordinal, c.locator, JSON.stringify(c.headingPath), c.text, c.start, c.end, c.kind, first + i));
  });

  return {
    add(doc, chunks) {
      addRows(doc, chunks, lengths.length);
      documents += 1;
      for (const entry of lexicalEntries({ documents: [doc], chunks })) {
        const n = lengths.length;
        const analysed = analyseEntry(entry);
        views.accented.add(n, analysed.accented);
        views.folded.add(n, analysed.folded);
        lengths.push(analysed.length);
        totalLength += analysed.length;
        articles.push(analysed.article);
        let keyId = docKeys.get(analysed.docNumberKey);
        if (keyId === undefined) {
          keyId = docKeys.size;
          docKeys.set(analysed.docNumberKey, keyId);
        }
        docKeyIds.push(keyId);
        inBlock += 1;
        if (inBlock >= blockChunks) flush();
      }
    },
    finish() {
      if (inBlock > 0) flush();
      // Term by term, in key order (SQLite's BINARY collation: UTF-8 byte order, as the postings
      // file's dictionary wants): one term's blocks in memory at a time.
      const postingsWriter = createPostingsFileWriter({ path: postingsPath });
      let postings: { bytes: number; sha256: string };
      try {
        let key: { view: number; term: string } | undefined;
        let blobs: Buffer[] = [];
        const emit = () => {
          if (key !== undefined) postingsWriter.add(key.view, key.term, mergeBlocks(blobs));
        };
        for (const row of blocksDb.prepare<[], { view: number; term: string; data: Buffer }>('SELECT view, term, data FROM blocks ORDER BY view, term, block').iterate()) {
          if (key === undefined || key.view !== row.view || key.term !== row.term) {
            emit();
            key = { view: row.view, term: row.term };
            blobs = [];
          }
          blobs.push(row.data);
        }
        emit();
        postings = postingsWriter.finish();
      } catch (error) {
        postingsWriter.abort();
        throw error;
      }
      blocksDb.close();
      rmSync(blocksPath, { force: true });
      db.transaction(() => {
        insertColumn.run('lengths', typed(Uint32Array.from(lengths)));
        insertColumn.run('articles', typed(Int32Array.from(articles)));
        insertColumn.run('docKeyIds', typed(Uint32Array.from(docKeyIds)));
        insertColumn.run('docKeys', Buffer.from(JSON.stringify([...docKeys.keys()])));
        insertInfo.run('format', SEGMENT_FORMAT);
        insertInfo.run('version', String(SEGMENT_FORMAT_VERSION));
        insertInfo.run('chunks', String(lengths.length));
        insertInfo.run('totalLength', String(totalLength));
      })();
      db.close();
      closed = true;
      const fd = openSync(partial, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(partial, path);
      return { documents, chunks: lengths.length, totalLength, bytes: statSync(path).size, sha256: sha256File(path), postings };
    },
    abort() {
      if (!closed) {
        db.close();
        if (blocksDb.open) blocksDb.close();
      }
      closed = true;
      rmSync(partial, { force: true });
      rmSync(blocksPath, { force: true });
      rmSync(postingsPath, { force: true });
    },
  };
}
