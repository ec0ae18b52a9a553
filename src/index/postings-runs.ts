import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { Bm25View } from './bm25-data';

/**
 * The temporary file a segment build spills its postings to, one sorted run per block of chunks,
 * merged term by term at the end (a k-way merge reading each run sequentially): the build holds one
 * block's postings and one term's merged list in memory, whatever the size of the corpus.
 *
 * A run is a sequence of records in (view, UTF-8 term bytes) order:
 *   u8 view, u32 term bytes, term, u32 n, n × u32 chunk, n × u16 body tf, n × u16 heading tf
 */
export interface PostingsRuns {
  /** Appends a block's two views as one run (chunk numbers above every earlier run's). */
  addRun(views: ReadonlyArray<{ view: number; data: Bm25View }>): void;
  /**
   * Appends a run encoded by `encodeRun` (on any thread) whose chunk numbers count from 0: `base`
   * is added to them when merged, and must be above every chunk number of the earlier runs (the
   * caller's chunk count so far).
   */
  addEncodedRun(run: Uint8Array, base: number): void;
  /** Calls `emit` once per (view, term) in order, with the term's lists concatenated across runs. */
  merge(emit: (view: number, term: string, list: { chunks: Uint32Array; tfBody: Uint16Array; tfHeading: Uint16Array }) => void): void;
  /** Closes and removes the file. */
  dispose(): void;
}

const READ_BYTES = 1 << 20;
const HEADER = 9;

/** A run read sequentially through a buffer. */
class RunCursor {
  private buffer = Buffer.allocUnsafe(READ_BYTES);
  private start = 0;
  private end = 0;
  view = 0;
  term = Buffer.alloc(0);
  n = 0;
  /** The current record's postings (u32 chunks, u16 body tf, u16 heading tf), a view into the buffer. */
  body = Buffer.alloc(0);

  constructor(
    private readonly fd: number,
    private position: number,
    private readonly stop: number,
    readonly index: number,
    /** Added to the run's chunk numbers. */
    readonly base: number,
  ) {}

  /** Makes `bytes` bytes available from `start`; false at the end of the run. */
  private fill(bytes: number): boolean {
    if (this.end - this.start >= bytes) return true;
    if (bytes > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(bytes, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else this.buffer.copy(this.buffer, 0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
    while (this.end < bytes && this.position < this.stop) {
      const n = readSync(this.fd, this.buffer, this.end, Math.min(this.buffer.length - this.end, this.stop - this.position), this.position);
      if (n === 0) break;
      this.end += n;
      this.position += n;
    }
    return this.end - this.start >= bytes;
  }

  /** Reads the next record; false when the run is exhausted. */
  next(): boolean {
    if (!this.fill(HEADER)) return false;
    const termBytes = this.buffer.readUInt32LE(this.start + 1);
    if (!this.fill(HEADER + termBytes + 4)) throw new Error('postings run: truncated record');
    const n = this.buffer.readUInt32LE(this.start + HEADER + termBytes);
    const size = HEADER + termBytes + 4 + n * 8;
    if (!this.fill(size)) throw new Error('postings run: truncated record');
    this.view = this.buffer.readUInt8(this.start);
    // Copied: the buffer is reused by the next fill, and the term is compared after it.
    this.term = Buffer.from(this.buffer.subarray(this.start + HEADER, this.start + HEADER + termBytes));
    this.n = n;
    this.body = this.buffer.subarray(this.start + HEADER + termBytes + 4, this.start + size);
    this.start += size;
    return true;
  }
}

const before = (a: RunCursor, b: RunCursor): boolean => {
  if (a.view !== b.view) return a.view < b.view;
  const order = Buffer.compare(a.term, b.term);
  return order !== 0 ? order < 0 : a.index < b.index;
};

/**
 * One run's bytes: both views' records in (view, UTF-8 term) order. Pure, so that a worker thread
 * can encode a batch's postings and hand the bytes to the writer (`addEncodedRun`).
 */
export function encodeRun(views: ReadonlyArray<{ view: number; data: Bm25View }>): Uint8Array {
  const records: Buffer[] = [];
  let bytes = 0;
  for (const { view, data } of [...views].sort((a, b) => a.view - b.view)) {
    const encoded = data.terms.map((term, t) => ({ t, bytes: Buffer.from(term, 'utf8') })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
    for (const { t, bytes: term } of encoded) {
      const from = data.starts[t] ?? 0;
      const n = (data.starts[t + 1] ?? 0) - from;
      const record = Buffer.allocUnsafe(HEADER + term.length + 4 + n * 8);
      record.writeUInt8(view, 0);
      record.writeUInt32LE(term.length, 1);
      term.copy(record, HEADER);
      let at = HEADER + term.length;
      record.writeUInt32LE(n, at);
      at += 4;
      Buffer.from(data.chunks.buffer, data.chunks.byteOffset + from * 4, n * 4).copy(record, at);
      Buffer.from(data.tfBody.buffer, data.tfBody.byteOffset + from * 2, n * 2).copy(record, at + n * 4);
      Buffer.from(data.tfHeading.buffer, data.tfHeading.byteOffset + from * 2, n * 2).copy(record, at + n * 6);
      records.push(record);
      bytes += record.length;
    }
  }
  // A fresh ArrayBuffer of exactly the run (not Node's shared pool), so that it can be transferred.
  const run = new Uint8Array(bytes);
  let at = 0;
  for (const record of records) {
    run.set(record, at);
    at += record.length;
  }
  return run;
}

export function createPostingsRuns({ path }: { path: string }): PostingsRuns {
  rmSync(path, { force: true });
  const fd = openSync(path, 'w+');
  let closed = false;
  let offset = 0;
  const runs: Array<{ start: number; end: number; base: number }> = [];
  let lastBase = 0;
  const write = (b: Buffer) => {
    let done = 0;
    while (done < b.length) done += writeSync(fd, b, done, b.length - done, offset + done);
    offset += b.length;
  };

  const addEncoded = (run: Uint8Array, base: number) => {
    // Runs merge in the order they were added: bases must not go down (the caller numbers chunks).
    if (!Number.isSafeInteger(base) || base < lastBase) throw new Error(`postings run: base ${base} is below the previous run's (${lastBase})`);
    lastBase = base;
    const start = offset;
    write(Buffer.from(run.buffer, run.byteOffset, run.byteLength));
    runs.push({ start, end: offset, base });
  };

  return {
    addRun(views) {
      addEncoded(encodeRun(views), 0);
    },
    addEncodedRun: addEncoded,
    merge(emit) {
      // A binary heap of cursors, smallest (view, term, run) on top.
      const heap: RunCursor[] = [];
      const swap = (i: number, j: number) => {
        [heap[i], heap[j]] = [heap[j] as RunCursor, heap[i] as RunCursor];
      };
      const up = (start: number) => {
        for (let i = start; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!before(heap[i] as RunCursor, heap[p] as RunCursor)) return;
          swap(i, p);
          i = p;
        }
      };
      const down = (start: number) => {
        for (let i = start; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && before(heap[l] as RunCursor, heap[m] as RunCursor)) m = l;
          if (r < heap.length && before(heap[r] as RunCursor, heap[m] as RunCursor)) m = r;
          if (m === i) return;
          swap(i, m);
          i = m;
        }
      };
      runs.forEach((run, i) => {
        const cursor = new RunCursor(fd, run.start, run.end, i, run.base);
        if (cursor.next()) {
          heap.push(cursor);
          up(heap.length - 1);
        }
      });
      while (heap.length > 0) {
        const top = heap[0] as RunCursor;
        const view = top.view;
        const term = top.term;
        const parts: Array<{ part: Uint8Array; base: number }> = [];
        let total = 0;
        // Same key in several runs: lowest run first (ascending chunk numbers).
        while (heap.length > 0 && (heap[0] as RunCursor).view === view && (heap[0] as RunCursor).term.equals(term)) {
          const cursor = heap[0] as RunCursor;
          parts.push({ part: new Uint8Array(cursor.body), base: cursor.base }); // a copy, aligned at 0: the buffer is reused
          total += cursor.n;
          if (cursor.next()) down(0);
          else {
            const last = heap.pop() as RunCursor;
            if (heap.length > 0) {
              heap[0] = last;
              down(0);
            }
          }
        }
        const chunks = new Uint32Array(total);
        const tfBody = new Uint16Array(total);
        const tfHeading = new Uint16Array(total);
        let at = 0;
        for (const { part, base } of parts) {
          const m = part.length / 8;
          chunks.set(new Uint32Array(part.buffer, 0, m), at);
          if (base !== 0) for (let i = at; i < at + m; i++) chunks[i] = (chunks[i] as number) + base;
          tfBody.set(new Uint16Array(part.buffer, m * 4, m), at);
          tfHeading.set(new Uint16Array(part.buffer, m * 6, m), at);
          at += m;
        }
        emit(view, term.toString('utf8'), { chunks, tfBody, tfHeading });
      }
    },
    dispose() {
      if (!closed) closeSync(fd);
      closed = true;
      rmSync(path, { force: true });
    },
  };
}
