import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';
import { createPostingsFileWriter } from './postings-file';
import { createPostingsRuns } from './postings-runs';
import { analyseBatch, type AnalysedBatch } from './segment-batch';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION, SEGMENT_SCHEMA } from './segment-file';
import { postingsPathOf } from './snapshot-paths';
import { STORE_SCHEMA } from './sqlite-store';
import { sha256File } from './verify-snapshot';

/** Chunks whose postings `SegmentWriter.add` holds in memory before writing them as one block. */
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
  /**
   * Adds documents analysed elsewhere (`analyseBatch`, e.g. on a worker thread), after everything
   * added before. The segment is the same, byte for byte, as when each document is `add`ed.
   */
  addBatch(documents: readonly SourceDocument[], batch: AnalysedBatch): void;
  /** Writes the last block and the columns, and makes the file appear at `path` (renamed from `.partial`). */
  finish(): SegmentSummary;
  /** Removes the unfinished file. */
  abort(): void;
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
  const runs = createPostingsRuns({ path: blocksPath });
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
  // What `add` was given since the last block: analysed together once it holds `blockChunks` chunks.
  let pending: { documents: SourceDocument[]; chunks: Array<readonly Chunk[]>; count: number } = { documents: [], chunks: [], count: 0 };
  let closed = false;

  const addRows = db.transaction((doc: SourceDocument, chunks: readonly Chunk[], first: number) => {
    insertDoc.run(doc.id, doc.title, JSON.stringify(doc.meta), JSON.stringify(doc.source), doc.source.contentHash, doc.text);
    chunks.forEach((c, i) => insertChunk.run(c.id, c.docId, c.ordinal, c.locator, JSON.stringify(c.headingPath), c.text, c.start, c.end, c.kind, first + i));
  });
  const addBatch = (docs: readonly SourceDocument[], batch: AnalysedBatch) => {
    const first = lengths.length;
    let at = first;
    docs.forEach((doc, i) => {
      const chunks = batch.chunks[i] ?? [];
      addRows(doc, chunks, at);
      at += chunks.length;
    });
    if (at - first !== batch.lengths.length) throw new Error(`segment batch: ${at - first} chunks, ${batch.lengths.length} analysed`);
    documents += docs.length;
    runs.addEncodedRun(batch.run, first);
    batch.lengths.forEach((length, i) => {
      lengths.push(length);
      totalLength += length;
      articles.push(batch.articles[i] ?? -1);
      const key = batch.docNumberKeys[i] ?? '';
      let keyId = docKeys.get(key);
      if (keyId === undefined) {
        keyId = docKeys.size;
        docKeys.set(key, keyId);
      }
      docKeyIds.push(keyId);
    });
  };
  const flush = () => {
    if (pending.documents.length === 0) return;
    const { documents: docs, chunks } = pending;
    pending = { documents: [], chunks: [], count: 0 };
    addBatch(docs, analyseBatch({ documents: docs, chunks }));
  };

  return {
    add(doc, chunks) {
      pending.documents.push(doc);
      pending.chunks.push(chunks);
      pending.count += chunks.length;
      if (pending.count >= blockChunks) flush();
    },
    addBatch(docs, batch) {
      flush();
      addBatch(docs, batch);
    },
    finish() {
      flush();
      // Term by term, in UTF-8 byte order (the postings file's dictionary order): one term's
      // merged list in memory at a time.
      const postingsWriter = createPostingsFileWriter({ path: postingsPath });
      let postings: { bytes: number; sha256: string };
      try {
        runs.merge((view, term, list) => postingsWriter.add(view, term, list));
        postings = postingsWriter.finish();
      } catch (error) {
        postingsWriter.abort();
        throw error;
      }
      runs.dispose();
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
      }
      closed = true;
      runs.dispose();
      rmSync(partial, { force: true });
      rmSync(postingsPath, { force: true });
    },
  };
}
