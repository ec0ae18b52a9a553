/**
 * One immutable segment of the index: a SQLite file holding a batch of documents with their chunks
 * (the store's tables, so `openSqliteStore` reads it) and the BM25F postings of those chunks.
 * Snapshots name the segments they are made of, with the documents deleted from each, so a change
 * writes one small segment and shares every other one with the snapshot before it.
 *
 *   chunks.n     the chunk's number inside the segment (0, 1, … in the order chunks were added)
 *   postings     (view, term) → blob (see `encodePostings`), ascending chunk numbers. A build collects
 *                the postings of `SEGMENT_BLOCK_CHUNKS` chunks at a time into a temporary file of
 *                blocks and merges them term by term at the end, so it holds one block in memory,
 *                never the corpus, and the segment has one row per term
 *   columns      per-chunk arrays: lengths (u32), articles (i32), docKeyIds (u32) into docKeys (JSON)
 *   info         format, version, chunk count, total body length
 */
export const SEGMENT_FORMAT = 'troly-segment';
/** Bumped whenever the tables or the blob layout change; segments of another version are refused. */
export const SEGMENT_FORMAT_VERSION = 2;

export const SEGMENT_SCHEMA = `
ALTER TABLE chunks ADD COLUMN n INTEGER;
CREATE UNIQUE INDEX chunks_by_number ON chunks (n);
CREATE TABLE postings (view INTEGER NOT NULL, term TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (view, term)) WITHOUT ROWID;
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

const HEADER_BYTES = 8;
const widthOf = (values: ArrayLike<number>): 0 | 1 | 2 => {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] ?? 0);
  return max === 0 ? 0 : max <= 0xff ? 1 : 2;
};

/**
 * A term's postings as stored: header (u32 count, u8 body tf width, u8 heading tf width, 2 spare),
 * u32 chunk numbers, then the tf arrays of width 2 (u16) before those of width 1 (u8), so every
 * array starts aligned and is read without copying; a heading width of 0 means no heading array.
 * Term frequencies are capped at 65,535. Most are below 256 and take one byte.
 */
export function encodePostings({ chunks, tfBody, tfHeading }: { chunks: ArrayLike<number>; tfBody: ArrayLike<number>; tfHeading: ArrayLike<number> }): Buffer {
  const n = chunks.length;
  const body = Math.max(1, widthOf(tfBody));
  const heading = widthOf(tfHeading);
  const out = Buffer.alloc(HEADER_BYTES + n * (4 + body + heading));
  out.writeUInt32LE(n, 0);
  out.writeUInt8(body, 4);
  out.writeUInt8(heading, 5);
  let at = HEADER_BYTES;
  for (let i = 0; i < n; i++, at += 4) out.writeUInt32LE(chunks[i] ?? 0, at);
  const arrays = [{ values: tfBody, width: body }, { values: tfHeading, width: heading }].filter((a) => a.width > 0).sort((a, b) => b.width - a.width);
  for (const { values, width } of arrays) {
    for (let i = 0; i < n; i++, at += width) {
      const v = Math.min(values[i] ?? 0, 0xffff);
      if (width === 2) out.writeUInt16LE(v, at);
      else out.writeUInt8(v, at);
    }
  }
  return out;
}

/** Reads `encodePostings` output; views into `bytes` when aligned (copies otherwise). Undefined when malformed. */
export function decodePostings(bytes: Uint8Array): Postings | undefined {
  if (bytes.length < HEADER_BYTES) return undefined;
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const n = header.getUint32(0, true);
  const body = header.getUint8(4);
  const heading = header.getUint8(5);
  if ((body !== 1 && body !== 2) || heading > 2 || bytes.length !== HEADER_BYTES + n * (4 + body + heading)) return undefined;
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const base = aligned.byteOffset + HEADER_BYTES;
  const chunks = new Uint32Array(aligned.buffer, base, n);
  let at = base + n * 4;
  const take = (width: number): Uint8Array | Uint16Array => {
    const array = width === 2 ? new Uint16Array(aligned.buffer, at, n) : new Uint8Array(aligned.buffer, at, n);
    at += n * width;
    return array;
  };
  // Same order as written: the u16 array(s) first.
  if (heading === 2 && body === 1) {
    const tfHeading = take(2);
    return { chunks, tfBody: take(1), tfHeading };
  }
  const tfBody = take(body);
  return { chunks, tfBody, tfHeading: heading === 0 ? undefined : take(heading) };
}
