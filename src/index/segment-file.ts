/**
 * One immutable segment of the index: a SQLite file holding a batch of documents with their chunks
 * (the store's tables, so `openSqliteStore` reads it) and the BM25F postings of those chunks.
 * Snapshots name the segments they are made of, with the documents deleted from each, so a change
 * writes one small segment and shares every other one with the snapshot before it.
 *
 *   chunks.n     the chunk's number inside the segment (0, 1, … in the order chunks were added)
 *   (postings)   not in SQLite: the `<id>.postings` file beside it (see `postings-file.ts`). A build
 *                collects the postings of one batch of documents at a time (`SEGMENT_BATCH_CHARS`,
 *                analysed on a worker thread, or `SEGMENT_BLOCK_CHUNKS` chunks on the writer's) into
 *                a temporary file of runs and merges them term by term at the end, so it holds a
 *                few batches in memory, never the corpus's postings
 *   columns      per-chunk arrays: lengths (u32), articles (i32), docKeyIds (u32) into docKeys (JSON)
 *   info         format, version, chunk count, total body length
 */
export const SEGMENT_FORMAT = 'troly-segment';
/** Bumped whenever the tables or the blob layout change; segments of another version are refused. */
export const SEGMENT_FORMAT_VERSION = 3;

export const SEGMENT_SCHEMA = `
ALTER TABLE chunks ADD COLUMN n INTEGER;
CREATE UNIQUE INDEX chunks_by_number ON chunks (n);
CREATE TABLE columns (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** View numbers in the postings table. */
export const VIEW_NUMBERS = Object.freeze({ accented: 0, folded: 1 });

/** One term's postings: parallel arrays, ascending chunk numbers; no heading array when no chunk has the term in its heading. */
export interface Postings {
  chunks: Uint32Array;
  tfBody: Uint8Array | Uint16Array;
  tfHeading: Uint8Array | Uint16Array | undefined;
}
