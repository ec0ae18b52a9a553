import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../chunk/types';
import { AppError } from '../config/errors';
import type { SourceDocument } from '../ingest/types';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { bm25Params, type Bm25Params } from './bm25-index';
import { readCurrentSnapshotId, switchCurrentSnapshot } from './current-pointer';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION } from './segment-file';
import { SNAPSHOT_SCHEMA_VERSION, type ChunkerSettings, type SegmentEntry, type SnapshotManifest } from './manifest';
import { openSegments } from './open-segments';
import { pruneSegments } from './prune-segments';
import { pruneSnapshots } from './prune-snapshots';
import { liveDocuments } from './segment-documents';
import { planSegments } from './segment-plan';
import { newSnapshotId } from './snapshot-id';
import type { VectorPartProgress, VectorSnapshotPart } from './snapshot-part';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { verifySegments } from './verify-segments';
import { recordSnapshotFiles, verifySnapshot } from './verify-snapshot';
import type { WriteLock } from './write-lock';

/** Snapshots kept on disk (the current one and the ones before it, for rollback). */
export const SNAPSHOTS_KEPT = 3;

export interface WriteSnapshotOptions {
  dataDir: string;
  /** Proof that the caller holds the data folder's write lock (`acquireWriteLock`). */
  lock: WriteLock;
  /** The documents to add: all of them for a build from nothing, the new and changed ones for an update. */
  documents: readonly SourceDocument[];
  /**
   * Their chunks, or a function chunking one document (called once per document, as it is written);
   * when absent, each document is chunked with `chunker` (on the analysis threads, if any).
   */
  chunks?: readonly Chunk[] | ((doc: SourceDocument) => readonly Chunk[]);
  /** Worker threads that chunk and analyse `documents` beside the writer (`indexThreadCount`); 0 (default) none. */
  analysisThreads?: number;
  /** Text characters sent to an analysis thread at once (default `SEGMENT_BATCH_CHARS`). */
  analysisBatchChars?: number;
  /** Called as documents are written into the new segment, with how many of `documents` are. */
  onDocuments?: (done: number) => void;
  /**
   * The snapshot the new one is derived from: its segments are shared (named again, not copied)
   * and the documents in `remove` (deleted, or replaced by one in `documents`) are marked deleted.
   */
  base?: { manifest: SnapshotManifest; remove: ReadonlySet<string> };
  chunker: ChunkerSettings;
  lexicalParams: Bm25Params;
  /** Counts of the ingestion that produced the documents, for the manifest. */
  ingest: { filesSeen: number; problems: number };
  knowledgeFingerprint: string;
  /** The dense part of the index, when an embedding model is available. */
  vectors?: VectorSnapshotPart;
  onStep?: (step: 'store' | 'lexical' | 'vectors' | 'switch') => void;
  /** Progress of the vector part (chunks embedded, rate, ETA), after `onStep('vectors')`. */
  onVectorProgress?: (progress: VectorPartProgress) => void;
  abortSignal?: AbortSignal;
}

/** sha256 over the sorted (document id, content hash) pairs. */
export function corpusHash(documents: ReadonlyArray<{ id: string; source: { contentHash: string } }>): string {
  const hash = createHash('sha256');
  for (const line of documents.map((d) => `${d.id}\t${d.source.contentHash}\n`).sort()) hash.update(line);
  return hash.digest('hex');
}

export function throwIfAborted(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Index build cancelled; the current snapshot is unchanged.', { cause: abortSignal.reason });
}

/**
 * Writes a snapshot: the new documents as one new segment (`data/segments/`), the base snapshot's
 * segments named again with their new deletions, small neighbouring segments merged
 * (`planSegments`), optional vectors, then the manifest into `snapshots/<id>.partial/`, renamed to
 * `snapshots/<id>/`; CURRENT is switched atomically and old snapshots and unnamed segments are
 * pruned. On any failure (or a crash) nothing the current snapshot names is touched: the new
 * segments and the partial folder are removed (or swept by the next write) and CURRENT still
 * names the previous snapshot, which stays loadable throughout. Throws INDEX_EMPTY (writing
 * nothing) when the snapshot would hold no chunk.
 */
export async function writeSnapshot(options: WriteSnapshotOptions): Promise<SnapshotManifest> {
  const { dataDir, documents, abortSignal, onStep, base } = options;
  const paths = snapshotPaths({ dataDir });
  const id = newSnapshotId();
  const partial = paths.partialDir(id);
  mkdirSync(partial, { recursive: true });
  mkdirSync(paths.segmentsDir, { recursive: true });
  const written: string[] = [];
  let manifest: SnapshotManifest;
  try {
    const segments = await planSegments({
      dataDir,
      base: base?.manifest.lexical.segments ?? [],
      remove: base?.remove ?? new Set(),
      documents,
      ...(options.chunks === undefined ? {} : { chunksOf: chunkSource(options.chunks) }),
      chunker: options.chunker,
      threads: options.analysisThreads ?? 0,
      ...(options.analysisBatchChars === undefined ? {} : { batchChars: options.analysisBatchChars }),
      ...(options.onDocuments === undefined ? {} : { onDocuments: options.onDocuments }),
      params: options.lexicalParams,
      onWritten: (segmentId) => written.push(segmentId),
      ...(abortSignal === undefined ? {} : { abortSignal }),
    });
    // Chunking, tokenising and writing the new segment happen together, document by document (the
    // caller's chunk progress); 'store' marks the segments written.
    onStep?.('store');
    throwIfAborted(abortSignal);
    if (segments.every((e) => e.liveChunks === 0)) {
      throw new AppError('INDEX_EMPTY', 'No document produced a chunk, so there is nothing to index; the current snapshot is unchanged. Add documents with text to the knowledge folder.');
    }
    onStep?.('lexical');
    throwIfAborted(abortSignal);
    const opened = openSegments({ dataDir, entries: segments, params: options.lexicalParams, snapshotId: id });
    const live = liveDocuments({ dataDir, entries: segments });
    let embedding: SnapshotManifest['embedding'] = null;
    try {
      if (options.vectors !== undefined) {
        onStep?.('vectors');
        const chunks = opened.liveChunks();
        embedding = await options.vectors.write({
          dir: partial,
          chunks,
          documents: live,
          ...(base === undefined || base.manifest.embedding === null ? {} : { base: { dir: paths.dir(base.manifest.id), removedDocuments: base.remove } }),
          ...(options.onVectorProgress === undefined ? {} : { onProgress: options.onVectorProgress }),
          ...(abortSignal === undefined ? {} : { abortSignal }),
        });
        throwIfAborted(abortSignal);
      }
    } finally {
      opened.close();
    }
    manifest = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      id,
      createdAt: new Date().toISOString(),
      chunker: options.chunker,
      analyzer: analyzerFingerprint(),
      lexical: { format: SEGMENT_FORMAT, version: SEGMENT_FORMAT_VERSION, params: bm25Params(options.lexicalParams), segments },
      corpusHash: corpusHash(live),
      knowledgeFingerprint: options.knowledgeFingerprint,
      counts: {
        documents: live.length,
        chunks: segments.reduce((n, s: SegmentEntry) => n + s.liveChunks, 0),
        filesSeen: options.ingest.filesSeen,
        problems: options.ingest.problems,
      },
      embedding,
      files: recordSnapshotFiles({ dir: partial, except: [SNAPSHOT_FILES.manifest] }),
    };
    // Adopted only once read back whole: hashes recorded above, SQLite's own check here; of the
    // segments, the ones this update wrote (the others were checked when they were written).
    verifySnapshot({ id, dir: partial, files: undefined });
    verifySegments({ dataDir, snapshotId: id, entries: segments.filter((s) => written.includes(s.id)) });
    writeFileSync(join(partial, SNAPSHOT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    onStep?.('switch');
    // The last moment to stop: an abort seen by onStep (the indexer's parent died) must not switch.
    throwIfAborted(abortSignal);
    renameSync(partial, paths.dir(id));
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    for (const segmentId of written) {
      rmSync(paths.segment(segmentId), { force: true });
      rmSync(paths.segmentPostings(segmentId), { force: true });
    }
    throw error;
  }
  switchCurrentSnapshot({ dataDir, id });
  pruneSnapshots({ dataDir, keep: SNAPSHOTS_KEPT, currentId: readCurrentSnapshotId({ dataDir }) });
  pruneSegments({ dataDir });
  return manifest;
}

function chunkSource(chunks: NonNullable<WriteSnapshotOptions['chunks']>): (doc: SourceDocument) => readonly Chunk[] {
  if (typeof chunks === 'function') return chunks;
  const byDoc = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = byDoc.get(c.docId);
    if (list === undefined) byDoc.set(c.docId, [c]);
    else list.push(c);
  }
  return (doc) => byDoc.get(doc.id) ?? [];
}
