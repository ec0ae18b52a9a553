import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../config/errors';
import type { Bm25ViewName } from './bm25-scoring';
import { sharedPostingsCache, type PostingsCache } from './postings-cache';
import { openPostingsFile, type PostingsFileReader } from './postings-file';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION, VIEW_NUMBERS, type Postings } from './segment-file';
import { postingsPathOf } from './snapshot-paths';

/** A term's postings in one segment. */
export type PostingBlock = Postings;

/** The per-chunk arrays of a segment (read on first use, then kept: 12 bytes a chunk). */
export interface SegmentColumns {
  lengths: Uint32Array;
  articles: Int32Array;
  docKeyIds: Uint32Array;
  docKeys: string[];
}

/** Read access to the index side of one segment file. */
export interface SegmentReader {
  readonly path: string;
  readonly chunkCount: number;
  readonly totalLength: number;
  columns(): SegmentColumns;
  /** The postings blocks of each of `terms` found in `view` (terms the segment lacks are absent). */
  postings(view: Bm25ViewName, terms: readonly string[]): Map<string, PostingBlock[]>;
  chunkIdAt(n: number): string | undefined;
  /** The ids of these chunk numbers, in their order (one statement for a search's hits). */
  chunkIdsAt(numbers: readonly number[]): Array<string | undefined>;
  numberOf(chunkId: string): number | undefined;
  /** Which of these document ids the segment holds. */
  documentsAmong(docIds: readonly string[]): string[];
  /** Chunk numbers of these documents' chunks. */
  numbersOfDocuments(docIds: readonly string[]): number[];
  /** Document ids in the order their first chunk was added (documents without chunks last). */
  documentOrder(): string[];
  close(): void;
}

const docKeysSchema = z.array(z.string());

/** A short key per segment path for the postings cache (a path is kept once per process, not per list). */
const fileKeys = new Map<string, string>();

/** An aligned copy when the blob does not start on an element boundary (small blobs come from a shared pool). */
function view<T extends Uint32Array | Int32Array>(make: new (b: ArrayBuffer, o: number, l: number) => T, bytes: Uint8Array, offset: number, length: number): T {
  const at = bytes.byteOffset + offset;
  if (at % make.prototype.BYTES_PER_ELEMENT === 0) return new make(bytes.buffer as ArrayBuffer, at, length);
  const copy = new Uint8Array(length * make.prototype.BYTES_PER_ELEMENT);
  copy.set(bytes.subarray(offset, offset + copy.length));
  return new make(copy.buffer, 0, length);
}

/**
 * Opens a segment file read-only, with its postings file: a few milliseconds, whatever its size
 * (SQLite pages and postings are read as queries touch them, with positioned reads). Throws SNAPSHOT_CORRUPT when the file is missing, not a segment, or of
 * another format version.
 */
export function openSegmentReader({ path, cache = sharedPostingsCache }: { path: string; cache?: PostingsCache }): SegmentReader {
  // Keyed by file: a segment never changes once written, so the next snapshot's reader of the same
  // segment finds the lists warm (a switch does not start from a cold cache).
  let fileKey = fileKeys.get(path);
  if (fileKey === undefined) {
    fileKey = fileKeys.size.toString(36);
    fileKeys.set(path, fileKey);
  }
  const prefixes = { accented: `${fileKey}\u0000a\u0000`, folded: `${fileKey}\u0000f\u0000` };
  let db: Database.Database;
  let info: Map<string, string>;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    info = new Map(db.prepare<[], { key: string; value: string }>('SELECT key, value FROM info').all().map((r) => [r.key, r.value]));
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Segment ${path} cannot be opened (expected an index segment, an SQLite file with an info table). Run "troly index --full" to rebuild the index.`, { cause });
  }
  const version = Number(info.get('version'));
  const chunkCount = Number(info.get('chunks'));
  const totalLength = Number(info.get('totalLength'));
  if (info.get('format') !== SEGMENT_FORMAT || version !== SEGMENT_FORMAT_VERSION || !Number.isInteger(chunkCount) || !Number.isInteger(totalLength)) {
    db.close();
    throw new AppError(
      'SNAPSHOT_CORRUPT',
      `Segment ${path} is ${info.get('format') ?? 'no segment'} v${info.get('version') ?? '?'}; this program reads ${SEGMENT_FORMAT} v${SEGMENT_FORMAT_VERSION}. Run "troly index --full" to rebuild the index.`,
    );
  }
  let postingsFile: PostingsFileReader;
  try {
    postingsFile = openPostingsFile({ path: postingsPathOf(path) });
  } catch (error) {
    db.close();
    throw error;
  }
  const idAtStmt = db.prepare<[number], { id: string }>('SELECT id FROM chunks WHERE n = ?');
  const idsAtStmt = db.prepare<[string], { n: number; id: string }>('SELECT n, id FROM chunks WHERE n IN (SELECT value FROM json_each(?))');
  const numberStmt = db.prepare<[string], { n: number }>('SELECT n FROM chunks WHERE id = ?');
  const ofDocsStmt = db.prepare<[string], { n: number }>('SELECT n FROM chunks WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY n');
  const orderStmt = db.prepare<[], { id: string }>('SELECT d.id FROM documents d LEFT JOIN chunks c ON c.doc_id = d.id GROUP BY d.id ORDER BY MIN(c.n) IS NULL, MIN(c.n)');
  const amongStmt = db.prepare<[string], { id: string }>('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))');
  const columnStmt = db.prepare<[string], { data: Buffer }>('SELECT data FROM columns WHERE name = ?');
  let columns: SegmentColumns | undefined;

  const column = (name: string): Buffer => {
    const row = columnStmt.get(name);
    if (row === undefined) throw new AppError('SNAPSHOT_CORRUPT', `Segment ${path} has no "${name}" column. Run "troly index --full" to rebuild the index.`);
    return row.data;
  };

  return {
    path,
    chunkCount,
    totalLength,
    columns() {
      if (columns !== undefined) return columns;
      const lengths = column('lengths');
      const articles = column('articles');
      const keyIds = column('docKeyIds');
      columns = {
        lengths: view(Uint32Array, lengths, 0, lengths.length / 4),
        articles: view(Int32Array, articles, 0, articles.length / 4),
        docKeyIds: view(Uint32Array, keyIds, 0, keyIds.length / 4),
        docKeys: docKeysSchema.parse(JSON.parse(column('docKeys').toString('utf8'))),
      };
      if (columns.lengths.length !== chunkCount || columns.articles.length !== chunkCount || columns.docKeyIds.length !== chunkCount) {
        throw new AppError('SNAPSHOT_CORRUPT', `Segment ${path}: its columns do not have one value per chunk (${chunkCount}). Run "troly index --full" to rebuild the index.`);
      }
      return columns;
    },
    postings(viewName, terms) {
      const out = new Map<string, PostingBlock[]>();
      const prefix = prefixes[viewName];
      for (const term of terms) {
        const key = prefix + term;
        let hit = cache.get(key);
        if (hit === undefined) {
          hit = postingsFile.get(VIEW_NUMBERS[viewName], term) ?? null;
          cache.set(key, hit);
        }
        if (hit !== null) out.set(term, [hit]);
      }
      return out;
    },
    chunkIdAt: (n) => idAtStmt.get(n)?.id,
    chunkIdsAt(numbers) {
      if (numbers.length === 0) return [];
      const ids = new Map(idsAtStmt.all(JSON.stringify(numbers)).map((r) => [r.n, r.id]));
      return numbers.map((n) => ids.get(n));
    },
    numberOf: (chunkId) => numberStmt.get(chunkId)?.n,
    numbersOfDocuments: (docIds) => (docIds.length === 0 ? [] : ofDocsStmt.all(JSON.stringify(docIds)).map((r) => r.n)),
    documentsAmong: (docIds) => (docIds.length === 0 ? [] : amongStmt.all(JSON.stringify(docIds)).map((r) => r.id)),
    documentOrder: () => orderStmt.all().map((r) => r.id),
    close: () => {
      db.close();
      postingsFile.close();
    },
  };
}
