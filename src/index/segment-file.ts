/**
 * One immutable segment of the index: a SQLite file holding a batch of documents with their chunks
 * (the store's tables, so `openSqliteStore` reads it) and the BM25F postings of those chunks.
 * Snapshots name the segments they are made of, with the documents deleted from each, so a change
 * writes one small segment and shares every other one with the snapshot before it.
 *
 *   chunks.n     the chunk's number inside the segment (0, 1, … in the order chunks were added)
 *   postings     (view, term, block) → blob: u32 chunk numbers × n, u16 body tf × n, u16 heading tf × n,
 *                ascending chunk numbers; one block per `SEGMENT_BLOCK_CHUNKS` chunks written, so a
 *                build holds one block's postings in memory, never the corpus's
 *   columns      per-chunk arrays: lengths (u32), articles (i32), docKeyIds (u32) into docKeys (JSON)
 *   info         format, version, chunk count, total body length
 */
export const SEGMENT_FORMAT = 'troly-segment';
/** Bumped whenever the tables or the blob layout change; segments of another version are refused. */
export const SEGMENT_FORMAT_VERSION = 1;

export const SEGMENT_SCHEMA = `
ALTER TABLE chunks ADD COLUMN n INTEGER;
CREATE UNIQUE INDEX chunks_by_number ON chunks (n);
CREATE TABLE postings (view INTEGER NOT NULL, term TEXT NOT NULL, block INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (view, term, block)) WITHOUT ROWID;
CREATE TABLE columns (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** View numbers in the postings table. */
export const VIEW_NUMBERS = Object.freeze({ accented: 0, folded: 1 });

/** Bytes per posting: u32 chunk number, u16 body tf, u16 heading tf. */
export const POSTING_BYTES = 8;
