import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../config/errors';
import type { Postings } from './segment-file';

/**
 * The postings of one segment in one binary file, read with positioned reads (`fs.readSync` at an
 * offset) so that the operating system's page cache, not the process, holds what queries touch,
 * and every process serving the same snapshot (answer-pool workers, replicas) shares it.
 *
 *   magic (8)  "TRLYPST" + format byte
 *   lists      one per (view, term), in dictionary order: see `encodeList`
 *   dictionary per view, terms in UTF-8 byte order, in blocks of `DICTIONARY_BLOCK_TERMS`:
 *              block = varint offset of its first list, then per term:
 *              varint term bytes, term (UTF-8), varint df, varint (list bytes · 2 + has heading tf)
 *   sparse     per view: varint block count, then per block: varint term bytes, first term, varint
 *              block offset; the end of the last block is the start of the next view's or of `sparse`
 *   footer     (32) u32 magic, u32 version, u48 dictionary start, u48 sparse start, u48 sparse end, 2 spare
 *
 * Opening reads the footer and the sparse index (one term in `DICTIONARY_BLOCK_TERMS`): milliseconds.
 * A lookup reads one dictionary block and the term's list.
 */
export const POSTINGS_FILE_VERSION = 1;
const MAGIC = Buffer.from('TRLYPST\u0001', 'latin1');
const FOOTER_MAGIC = 0x50534c54; // "TLSP"
const FOOTER_BYTES = 32;

/** Terms per dictionary block: a lookup scans at most this many entries (about 1–2 KB). */
export const DICTIONARY_BLOCK_TERMS = 32;

/** Views a postings file holds, numbered as in the segment (see `VIEW_NUMBERS`). */
const VIEW_COUNT = 2;

/** Term frequencies at or above this byte value carry the rest as a varint after it. */
const TF_ESCAPE = 0xff;

/** A growable byte buffer with varint writes. */
class ByteSink {
  private bytes = Buffer.allocUnsafe(1 << 16);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }

  varint(value: number): void {
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.bytes[this.length++] = v;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  buffer(b: Uint8Array): void {
    this.room(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  take(): Buffer {
    const out = Buffer.from(this.bytes.subarray(0, this.length));
    this.length = 0;
    return out;
  }
}

/** Reads varints and bytes from a buffer, failing on a read past its end. */
class ByteSource {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new RangeError('varint past the end');
      const b = this.bytes[this.at++] as number;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 49) throw new RangeError('varint too long');
    }
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError('byte past the end');
    return this.bytes[this.at++] as number;
  }

  slice(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new RangeError('slice past the end');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/**
 * One term's list: chunk numbers as varint gaps (the first one absolute), the body tf of each in a
 * byte (255 and up: 255, then a varint of the rest), and, when a chunk has the term in its heading,
 * a varint count of such chunks followed by (varint position gap, varint heading tf) pairs.
 */
function encodeList(sink: ByteSink, list: { chunks: ArrayLike<number>; tfBody: ArrayLike<number>; tfHeading: ArrayLike<number> }): boolean {
  const n = list.chunks.length;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = list.chunks[i] ?? 0;
    if (i > 0 && c <= previous) throw new Error(`postings: chunk numbers must ascend (${previous} then ${c})`);
    sink.varint(i === 0 ? c : c - previous);
    previous = c;
  }
  for (let i = 0; i < n; i++) {
    const tf = list.tfBody[i] ?? 0;
    if (tf < TF_ESCAPE) sink.byte(tf);
    else {
      sink.byte(TF_ESCAPE);
      sink.varint(tf - TF_ESCAPE);
    }
  }
  let headed = 0;
  for (let i = 0; i < n; i++) if ((list.tfHeading[i] ?? 0) > 0) headed += 1;
  if (headed === 0) return false;
  sink.varint(headed);
  let last = 0;
  for (let i = 0; i < n; i++) {
    const tf = list.tfHeading[i] ?? 0;
    if (tf === 0) continue;
    sink.varint(i - last);
    sink.varint(tf);
    last = i;
  }
  return true;
}

/** Decodes `encodeList` output of `n` chunks; throws RangeError when it is malformed. */
function decodeList(bytes: Uint8Array, n: number, hasHeading: boolean): Postings {
  const src = new ByteSource(bytes);
  const chunks = new Uint32Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) {
    c = i === 0 ? src.varint() : c + src.varint();
    chunks[i] = c;
  }
  let tfBody: Uint8Array | Uint16Array = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let tf = src.byte();
    if (tf === TF_ESCAPE) {
      tf += src.varint();
      if (tfBody instanceof Uint8Array) tfBody = Uint16Array.from(tfBody);
    }
    tfBody[i] = tf;
  }
  let tfHeading: Uint8Array | Uint16Array | undefined;
  if (hasHeading) {
    const headed = src.varint();
    const positions: number[] = [];
    const values: number[] = [];
    let at = 0;
    for (let j = 0; j < headed; j++) {
      at += src.varint();
      if (at >= n) throw new RangeError('heading position past the list');
      positions.push(at);
      values.push(src.varint());
    }
    tfHeading = values.some((v) => v > 0xff) ? new Uint16Array(n) : new Uint8Array(n);
    for (let j = 0; j < positions.length; j++) tfHeading[positions[j] as number] = values[j] as number;
  }
  if (src.at !== bytes.length) throw new RangeError('bytes left after the list');
  return { chunks, tfBody, tfHeading };
}

const writeU48 = (b: Buffer, value: number, at: number) => b.writeUIntLE(value, at, 6);

export interface PostingsFileWriter {
  /** Adds a term's list; terms come in (view, UTF-8 byte order) order, chunk numbers ascending. */
  add(view: number, term: string, list: { chunks: ArrayLike<number>; tfBody: ArrayLike<number>; tfHeading: ArrayLike<number> }): void;
  /** Writes the dictionary and footer, syncs and renames `<path>.partial` to `path`. */
  finish(): { bytes: number; sha256: string };
  abort(): void;
}

/** Streams a postings file: lists are written as they come, the dictionary (compact) is kept until `finish`. */
export function createPostingsFileWriter({ path }: { path: string }): PostingsFileWriter {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const hash = createHash('sha256');
  let offset = 0;
  let closed = false;
  const pending = new ByteSink();
  const write = (b: Buffer) => {
    hash.update(b);
    let done = 0;
    while (done < b.length) done += writeSync(fd, b, done, b.length - done, offset + done);
    offset += b.length;
  };
  const flush = () => {
    if (pending.length > 0) write(pending.take());
  };
  write(MAGIC);
  const dictionaries = Array.from({ length: VIEW_COUNT }, () => ({ blocks: [] as Buffer[], firstTerms: [] as Buffer[], block: new ByteSink(), inBlock: 0 }));
  let lastView = -1;
  let lastTerm: Buffer | undefined;
  const list = new ByteSink();

  const closeBlock = (d: (typeof dictionaries)[number]) => {
    if (d.inBlock === 0) return;
    d.blocks.push(d.block.take());
    d.inBlock = 0;
  };

  return {
    add(view, term, postings) {
      if (!Number.isInteger(view) || view < 0 || view >= VIEW_COUNT) throw new Error(`postings: no view ${view}`);
      const bytes = Buffer.from(term, 'utf8');
      if (view < lastView || (view === lastView && lastTerm !== undefined && Buffer.compare(lastTerm, bytes) >= 0)) throw new Error(`postings: terms out of order at "${term}"`);
      lastView = view;
      lastTerm = bytes;
      const start = offset + pending.length;
      const hasHeading = encodeList(list, postings);
      const encoded = list.take();
      pending.buffer(encoded);
      if (pending.length >= 1 << 20) flush();
      const d = dictionaries[view] as (typeof dictionaries)[number];
      if (d.inBlock === 0) {
        d.firstTerms.push(bytes);
        d.block.varint(start);
      }
      d.block.varint(bytes.length);
      d.block.buffer(bytes);
      d.block.varint(postings.chunks.length);
      d.block.varint(encoded.length * 2 + (hasHeading ? 1 : 0));
      d.inBlock += 1;
      if (d.inBlock >= DICTIONARY_BLOCK_TERMS) closeBlock(d);
    },
    finish() {
      flush();
      const dictionaryStart = offset;
      const sparse = new ByteSink();
      for (const d of dictionaries) {
        closeBlock(d);
        sparse.varint(d.blocks.length);
        d.blocks.forEach((block, i) => {
          const first = d.firstTerms[i] as Buffer;
          sparse.varint(first.length);
          sparse.buffer(first);
          sparse.varint(offset);
          write(block);
        });
      }
      const sparseStart = offset;
      write(sparse.take());
      const footer = Buffer.alloc(FOOTER_BYTES);
      footer.writeUInt32LE(FOOTER_MAGIC, 0);
      footer.writeUInt32LE(POSTINGS_FILE_VERSION, 4);
      writeU48(footer, dictionaryStart, 8);
      writeU48(footer, sparseStart, 14);
      writeU48(footer, offset, 20);
      write(footer);
      fsyncSync(fd);
      closeSync(fd);
      closed = true;
      renameSync(partial, path);
      return { bytes: offset, sha256: hash.digest('hex') };
    },
    abort() {
      if (!closed) closeSync(fd);
      closed = true;
      rmSync(partial, { force: true });
    },
  };
}

/** The sparse index of one view: block i's first term is `terms[termStarts[i] .. termEnds[i])`. */
interface SparseView {
  terms: Buffer;
  termStarts: Uint32Array;
  termEnds: Uint32Array;
  /** File offset of each dictionary block; `ends[i]` where it stops. */
  starts: Float64Array;
  ends: Float64Array;
}

export interface PostingsFileReader {
  readonly path: string;
  /** Bytes of the file (as checked against the manifest). */
  readonly bytes: number;
  /** The term's list in `view`, undefined when the segment lacks the term. */
  get(view: number, term: string): Postings | undefined;
  close(): void;
}

const corrupt = (path: string, what: string, cause?: unknown) =>
  new AppError('SNAPSHOT_CORRUPT', `Postings file ${path}: ${what}. Run "troly index --full" to rebuild the index.`, cause === undefined ? undefined : { cause });

/** Opens a postings file: reads its footer and sparse term index (one term per dictionary block). */
export function openPostingsFile({ path }: { path: string }): PostingsFileReader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw corrupt(path, 'cannot be opened', cause);
  }
  const read = (at: number, length: number): Buffer => {
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, at + done);
      if (n === 0) throw corrupt(path, `ends before byte ${at + length}`);
      done += n;
    }
    return out;
  };
  let bytes = 0;
  const views: SparseView[] = [];
  try {
    bytes = fstatSync(fd).size;
    if (bytes < MAGIC.length + FOOTER_BYTES || !read(0, MAGIC.length).equals(MAGIC)) throw corrupt(path, 'is not a postings file');
    const footer = read(bytes - FOOTER_BYTES, FOOTER_BYTES);
    if (footer.readUInt32LE(0) !== FOOTER_MAGIC) throw corrupt(path, 'has no footer (unfinished or damaged)');
    const version = footer.readUInt32LE(4);
    if (version !== POSTINGS_FILE_VERSION) throw corrupt(path, `is version ${version}; this program reads version ${POSTINGS_FILE_VERSION}`);
    const dictionaryStart = footer.readUIntLE(8, 6);
    const sparseStart = footer.readUIntLE(14, 6);
    const sparseEnd = footer.readUIntLE(20, 6);
    if (!(MAGIC.length <= dictionaryStart && dictionaryStart <= sparseStart && sparseStart <= sparseEnd && sparseEnd === bytes - FOOTER_BYTES)) throw corrupt(path, 'has inconsistent offsets');
    // Parsed into offsets over the one buffer read (no object per block): a few milliseconds.
    const sparse = read(sparseStart, sparseEnd - sparseStart);
    const src = new ByteSource(sparse);
    const all: number[] = [];
    for (let v = 0; v < VIEW_COUNT; v++) {
      const count = src.varint();
      const view: SparseView = { terms: sparse, termStarts: new Uint32Array(count), termEnds: new Uint32Array(count), starts: new Float64Array(count), ends: new Float64Array(count) };
      for (let i = 0; i < count; i++) {
        const length = src.varint();
        view.termStarts[i] = src.at;
        src.slice(length);
        view.termEnds[i] = src.at;
        const start = src.varint();
        view.starts[i] = start;
        all.push(start);
      }
      views.push(view);
    }
    if (src.at !== src.bytes.length) throw corrupt(path, 'has bytes after its term index');
    // Blocks were written one after another: each ends where the next begins.
    let k = 0;
    for (const view of views) {
      for (let i = 0; i < view.starts.length; i++, k++) {
        const end = all[k + 1] ?? sparseStart;
        if (end < (view.starts[i] ?? 0) || (view.starts[i] ?? 0) < dictionaryStart) throw corrupt(path, 'has a dictionary block out of place');
        view.ends[i] = end;
      }
    }
  } catch (error) {
    closeSync(fd);
    if (error instanceof AppError) throw error;
    throw corrupt(path, 'has a malformed term index', error);
  }

  /** The dictionary block that may hold `term`: the last whose first term is ≤ it. */
  const blockOf = (view: SparseView, term: Buffer): number => {
    let lo = 0;
    let hi = view.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (view.terms.compare(term, 0, term.length, view.termStarts[mid], view.termEnds[mid]) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  return {
    path,
    bytes,
    get(viewNumber, term) {
      const view = views[viewNumber];
      if (view === undefined) return undefined;
      const key = Buffer.from(term, 'utf8');
      const b = blockOf(view, key);
      if (b < 0) return undefined;
      try {
        const src = new ByteSource(read(view.starts[b] ?? 0, (view.ends[b] ?? 0) - (view.starts[b] ?? 0)));
        let listStart = src.varint();
        while (src.at < src.bytes.length) {
          const t = src.slice(src.varint());
          const n = src.varint();
          const packed = src.varint();
          const length = Math.floor(packed / 2);
          const order = Buffer.compare(t, key);
          if (order === 0) {
            if (listStart + length > bytes) throw new RangeError('list past the end of the file');
            return decodeList(read(listStart, length), n, packed % 2 === 1);
          }
          if (order > 0) return undefined;
          listStart += length;
        }
        return undefined;
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw corrupt(path, `the postings of "${term}" are malformed`, error);
      }
    },
    close: () => closeSync(fd),
  };
}
