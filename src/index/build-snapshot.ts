import { AppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { ingestFolder } from '../ingest/index';
import { ingestLimits } from '../ingest/ingest-limits';
import { readQuarantine } from '../ingest/quarantine';
import type { IngestResult } from '../ingest/types';
import { bm25Params } from './bm25-index';
import { chunkerSettings } from './chunker-settings';
import { openBaseSnapshot } from './base-snapshot';
import { openIngestCache } from './ingest-cache';
import { indexThreadCount } from './segment-batch-pool';
import { knowledgeFingerprint } from './knowledge-fingerprint';
import type { SnapshotManifest } from './manifest';
import type { VectorSnapshotPart } from './snapshot-part';
import { acquireWriteLock } from './write-lock';
import { throwIfAborted, writeSnapshot } from './write-snapshot';

/** Where a build is: `done` of `total` items of the current phase (files, documents, or 0/1 for a step). */
export interface BuildProgress {
  phase: 'ingest' | 'chunk' | 'store' | 'lexical' | 'vectors' | 'switch';
  done: number;
  total: number;
  /** The file just read, during ingestion. */
  path?: string;
  /** During ingestion, while a file's scanned pages are OCR'd: pages done of pages to read. */
  pages?: { done: number; total: number };
  /** During `vectors`: chunks whose vector came from the embedding cache. */
  cached?: number;
  /** During `vectors`: chunks the model embeds per second (0 before the first batch). */
  chunksPerSecond?: number;
  /** During `vectors`: seconds left at that rate (undefined before the first batch). */
  etaSeconds?: number | undefined;
}

export interface BuildSnapshotOptions {
  knowledgeDir: string;
  dataDir: string;
  tunables: Readonly<Tunables>;
  onProgress?: (progress: BuildProgress) => void;
  /** Called before each file is parsed (the indexer child reports it, so that a file that kills it is named). */
  onFileStart?: (path: string) => void;
  /** The dense part of the index, when an embedding model is available. */
  vectors?: VectorSnapshotPart;
  abortSignal?: AbortSignal;
  /**
   * Incremental build (default true): unchanged files are not parsed again (`data/ingest-cache.sqlite`)
   * and the new snapshot is the current one plus a segment with the new and changed documents,
   * minus the deleted and changed ones: unchanged documents are not chunked, tokenised or copied.
   * False rebuilds everything from the files.
   */
  reuseChunks?: boolean;
}

export interface BuildSnapshotResult {
  /** What ingestion read and every problem it met: the report shown to the admin. */
  ingest: IngestResult;
  chunkCount: number;
  /** Documents kept from the previous snapshot as they were (not chunked or indexed again). */
  reusedDocuments: number;
  /** The new current snapshot, or null when no document produced a chunk (CURRENT is then untouched). */
  manifest: SnapshotManifest | null;
}

/**
 * Builds a new snapshot of the knowledge folder and makes it current: ingest every file, chunk
 * every document, write store + lexical index (+ vectors), switch CURRENT atomically. One writer at
 * a time (INDEX_LOCKED otherwise); the snapshot in service stays loadable throughout, and a failed
 * or aborted build (ABORTED) leaves it current.
 */
export async function buildSnapshot({ knowledgeDir, dataDir, tunables, onProgress, onFileStart, vectors, abortSignal, reuseChunks = true }: BuildSnapshotOptions): Promise<BuildSnapshotResult> {
  const lock = acquireWriteLock({ dataDir });
  try {
    // Taken before reading, so that a file changed during the build makes the next start reindex.
    const fingerprint = knowledgeFingerprint({ dir: knowledgeDir });
    const limits = ingestLimits(tunables);
    const cache = reuseChunks ? openIngestCache({ dataDir, limits }) : undefined;
    let ingest: IngestResult;
    try {
      ingest = await ingestFolder({
        dir: knowledgeDir,
        limits,
        quarantine: readQuarantine({ dataDir }),
        ...(onFileStart === undefined ? {} : { onFileStart }),
        onProgress: (p) => onProgress?.({ phase: 'ingest', done: p.done, total: p.total, path: p.path, ...(p.pages === undefined ? {} : { pages: p.pages }) }),
        ...(abortSignal === undefined ? {} : { abortSignal }),
        ...(cache === undefined ? {} : { cache }),
      });
      throwIfAborted(abortSignal);
      cache?.sweep();
    } finally {
      cache?.close();
    }
    const settings = chunkerSettings(tunables);
    const base = reuseChunks ? openBaseSnapshot({ dataDir, tunables }) : undefined;
    const ingested = new Map(ingest.documents.map((d) => [d.id, d.source.contentHash]));
    const remove = new Set([...(base?.hashes ?? new Map<string, string>())].filter(([id, hash]) => ingested.get(id) !== hash).map(([id]) => id));
    const added = ingest.documents.filter((d) => base?.hashes.get(d.id) !== d.source.contentHash);
    const reusedDocuments = ingest.documents.length - added.length;
    let manifest: SnapshotManifest;
    try {
      manifest = await writeSnapshot({
        dataDir,
        lock,
        documents: added,
        // Chunked with `settings`, on the analysis threads beside the writer.
        analysisThreads: indexThreadCount(tunables.indexThreads),
        onDocuments: (done) => onProgress?.({ phase: 'chunk', done, total: added.length }),
        ...(base === undefined ? {} : { base: { manifest: base.manifest, remove } }),
        chunker: settings,
        lexicalParams: bm25Params(tunables),
        ingest: { filesSeen: ingest.filesSeen, problems: ingest.problems.length },
        knowledgeFingerprint: fingerprint,
        onStep: (phase) => onProgress?.({ phase, done: 0, total: 1 }),
        onVectorProgress: (p) => onProgress?.({ phase: 'vectors', done: p.done, total: p.total, cached: p.cached, chunksPerSecond: p.chunksPerSecond, etaSeconds: p.etaSeconds }),
        ...(vectors === undefined ? {} : { vectors }),
        ...(abortSignal === undefined ? {} : { abortSignal }),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'INDEX_EMPTY') return { ingest, chunkCount: 0, reusedDocuments, manifest: null };
      throw error;
    }
    return { ingest, chunkCount: manifest.counts.chunks, reusedDocuments, manifest };
  } finally {
    lock.release();
  }
}
