import { chunkDocument } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';
import type { Bm25Params } from './bm25-index';
import type { ChunkerSettings, SegmentEntry } from './manifest';
import { openSegments } from './open-segments';
import { batchDocuments, SEGMENT_BATCH_CHARS, type AnalysedBatch } from './segment-batch';
import { openSegmentBatchPool } from './segment-batch-pool';
import { openSegmentReader } from './segment-reader';
import { createSegmentWriter, type SegmentWriter } from './segment-writer';
import { newSnapshotId } from './snapshot-id';
import { snapshotPaths } from './snapshot-paths';
import { throwIfAborted } from './write-snapshot';

/**
 * Segments a snapshot may have before neighbouring small ones are merged. Each query reads every
 * segment, so more segments cost query time; merging costs write time in proportion to the merged
 * segments' size, and merging the smallest neighbours keeps that small (the big segment of the
 * first build is rewritten only when it is among the two smallest, i.e. almost never).
 */
export const MAX_SEGMENTS = 8;

/** Documents written between two checks of the abort signal. */
const ABORT_CHECK_EVERY = 32;

interface PlanOptions {
  dataDir: string;
  base: readonly SegmentEntry[];
  remove: ReadonlySet<string>;
  documents: readonly SourceDocument[];
  /** The chunks of a document; when absent, documents are chunked with `chunker`. */
  chunksOf?: (doc: SourceDocument) => readonly Chunk[];
  chunker: Pick<ChunkerSettings, 'targetChars' | 'overlapChars' | 'articleMaxChars'>;
  /**
   * Worker threads that chunk and analyse the new documents (`indexThreadCount`) while this
   * thread writes, when they fill more than one batch; 0 does everything here. The segment is
   * the same either way.
   */
  threads?: number;
  /** Text characters per batch sent to a thread (default `SEGMENT_BATCH_CHARS`). */
  batchChars?: number;
  /** Called as documents are written, with how many of `documents` are. */
  onDocuments?: (done: number) => void;
  params: Bm25Params;
  /** Called with the id of every segment file written, so that a failed write can remove them. */
  onWritten: (segmentId: string) => void;
  abortSignal?: AbortSignal;
}

/** Marks the documents of `remove` deleted in the segments that hold them (each opened briefly). */
function withDeletions({ dataDir, base, remove }: Pick<PlanOptions, 'dataDir' | 'base' | 'remove'>): SegmentEntry[] {
  if (remove.size === 0) return base.map((e) => ({ ...e }));
  const paths = snapshotPaths({ dataDir });
  const ids = [...remove];
  return base.map((entry) => {
    const reader = openSegmentReader({ path: paths.segment(entry.id) });
    try {
      const already = new Set(entry.deletedDocuments);
      const hit = reader.documentsAmong(ids).filter((id) => !already.has(id));
      if (hit.length === 0) return { ...entry };
      const { lengths } = reader.columns();
      const numbers = reader.numbersOfDocuments(hit);
      let length = 0;
      for (const n of numbers) length += lengths[n] ?? 0;
      return { ...entry, deletedDocuments: [...entry.deletedDocuments, ...hit].sort(), liveChunks: entry.liveChunks - numbers.length, liveLength: entry.liveLength - length };
    } finally {
      reader.close();
    }
  });
}

/** Writes one new segment from documents as they come; undefined when there are none. */
async function writeSegment({ dataDir, onWritten, abortSignal }: Pick<PlanOptions, 'dataDir' | 'onWritten' | 'abortSignal'>, fill: (writer: SegmentWriter, check: () => void) => void | Promise<void>): Promise<SegmentEntry | undefined> {
  const id = newSnapshotId();
  const writer = createSegmentWriter({ path: snapshotPaths({ dataDir }).segment(id) });
  let added = 0;
  try {
    await fill(writer, () => {
      added += 1;
      if (added % ABORT_CHECK_EVERY === 0) throwIfAborted(abortSignal);
    });
  } catch (error) {
    writer.abort();
    throw error;
  }
  let summary: ReturnType<SegmentWriter['finish']>;
  try {
    summary = writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
  onWritten(id);
  return summary.documents === 0
    ? undefined
    : { id, documents: summary.documents, chunks: summary.chunks, bytes: summary.bytes, sha256: summary.sha256, postings: summary.postings, deletedDocuments: [], liveChunks: summary.chunks, liveLength: summary.totalLength };
}

/** Rewrites neighbouring segments as one, with their live documents only, in snapshot order. */
async function merge(options: PlanOptions, entries: readonly SegmentEntry[]): Promise<SegmentEntry | undefined> {
  const opened = openSegments({ dataDir: options.dataDir, entries, params: options.params, snapshotId: 'merge' });
  try {
    return await writeSegment(options, (writer, check) => {
      opened.parts.forEach((part, i) => {
        const deleted = new Set(entries[i]?.deletedDocuments ?? []);
        for (const docId of part.reader.documentOrder()) {
          if (deleted.has(docId)) continue;
          const doc = opened.store.getDocument(docId);
          if (doc === undefined) continue;
          writer.add(doc, opened.store.chunksOfDocument(docId));
          check();
        }
      });
    });
  } finally {
    opened.close();
  }
}

/** Writes `documents` into the new segment: here, or analysed on `threads` workers in batches, in order. */
async function fillNew(options: PlanOptions, writer: SegmentWriter, check: () => void): Promise<void> {
  const { documents, chunker, onDocuments } = options;
  const chunksOf = options.chunksOf ?? ((doc: SourceDocument) => chunkDocument({ doc, targetChars: chunker.targetChars, overlapChars: chunker.overlapChars, articleMaxChars: chunker.articleMaxChars }));
  const batchChars = options.batchChars ?? SEGMENT_BATCH_CHARS;
  let chars = 0;
  for (const doc of documents) chars += doc.text.length;
  // One batch or less (an update of a few documents): starting a thread would cost more than it saves.
  const threads = chars <= batchChars ? 0 : (options.threads ?? 0);
  let done = 0;
  if (threads === 0) {
    for (const doc of documents) {
      writer.add(doc, chunksOf(doc));
      check();
      onDocuments?.(++done);
    }
    return;
  }
  const pool = openSegmentBatchPool({ threads });
  // Batches in flight: one running on each worker and one waiting, so that a worker never idles
  // while the writer catches up; more would only hold more documents' postings in memory.
  const inFlight = threads + 1;
  const queue: Array<{ docs: SourceDocument[]; result: Promise<AnalysedBatch> }> = [];
  const writeNext = async () => {
    const next = queue.shift();
    if (next === undefined) return;
    writer.addBatch(next.docs, await next.result);
    done += next.docs.length;
    for (let i = 0; i < next.docs.length; i++) check();
    onDocuments?.(done);
  };
  try {
    for (const docs of batchDocuments(documents, batchChars)) {
      const result = pool.analyse({ documents: docs, chunker, ...(options.chunksOf === undefined ? {} : { chunks: docs.map(chunksOf) }) });
      result.catch(() => undefined); // awaited in order by writeNext; a later batch may fail first
      queue.push({ docs, result });
      while (queue.length >= inFlight) await writeNext();
    }
    while (queue.length > 0) await writeNext();
  } finally {
    await pool.close();
  }
}

/**
 * The segments of the next snapshot: the base's, with `remove` marked deleted, then one new
 * segment holding `documents`; segments with no live document left are dropped; while there are
 * more than `MAX_SEGMENTS`, the two neighbours with the fewest live chunks are merged. Order is
 * kept throughout (a new document comes after every older one), so the snapshot's chunk order is
 * the order a fresh build of its documents, oldest first, would number them.
 */
export async function planSegments(options: PlanOptions): Promise<SegmentEntry[]> {
  let entries = withDeletions(options);
  const added = await writeSegment(options, (writer, check) => fillNew(options, writer, check));
  if (added !== undefined) entries.push(added);
  entries = entries.filter((e) => e.documents > e.deletedDocuments.length);
  while (entries.length > MAX_SEGMENTS) {
    let best = 0;
    for (let i = 1; i + 1 < entries.length; i++) {
      const size = (e: number) => entries[e]?.liveChunks ?? 0;
      if (size(i) + size(i + 1) < size(best) + size(best + 1)) best = i;
    }
    const merged = await merge(options, entries.slice(best, best + 2));
    entries.splice(best, 2, ...(merged === undefined ? [] : [merged]));
  }
  return entries;
}
