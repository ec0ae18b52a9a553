import { chunkDocument } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { Tunables } from '../config/tunables';
import { ingestFolder } from '../ingest/index';
import { ingestLimits } from '../ingest/ingest-limits';
import { readQuarantine } from '../ingest/quarantine';
import type { IngestResult } from '../ingest/types';
import { bm25Params } from './bm25-index';
import { chunkerSettings } from './chunker-settings';
import { openChunkReuse } from './chunk-reuse';
import { openIngestCache } from './ingest-cache';
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
   * and unchanged documents (same id and content hash) keep their chunks from the current snapshot.
   * False rebuilds everything from the files.
   */
  reuseChunks?: boolean;
}

export interface BuildSnapshotResult {
  /** What ingestion read and every problem it met: the report shown to the admin. */
  ingest: IngestResult;
  chunkCount: number;
  /** Documents whose chunks came from the previous snapshot instead of the chunker. */
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
    const chunks: Chunk[] = [];
    let reusedDocuments = 0;
    const reuse = reuseChunks ? openChunkReuse({ dataDir, tunables }) : undefined;
    try {
      ingest.documents.forEach((doc, i) => {
        const previous = reuse?.chunksFor(doc);
        if (previous !== undefined) reusedDocuments += 1;
        chunks.push(...(previous ?? chunkDocument({ doc, targetChars: settings.targetChars, overlapChars: settings.overlapChars, articleMaxChars: settings.articleMaxChars })));
        onProgress?.({ phase: 'chunk', done: i + 1, total: ingest.documents.length });
      });
    } finally {
      reuse?.close();
    }
    throwIfAborted(abortSignal);
    if (chunks.length === 0) return { ingest, chunkCount: 0, reusedDocuments, manifest: null };
    const manifest = await writeSnapshot({
      dataDir,
      lock,
      documents: ingest.documents,
      chunks,
      chunker: settings,
      lexicalParams: bm25Params(tunables),
      ingest: { filesSeen: ingest.filesSeen, problems: ingest.problems.length },
      knowledgeFingerprint: fingerprint,
      onStep: (phase) => onProgress?.({ phase, done: 0, total: phase === 'vectors' ? chunks.length : 1 }),
      onVectorProgress: (p) => onProgress?.({ phase: 'vectors', done: p.done, total: p.total, cached: p.cached, chunksPerSecond: p.chunksPerSecond, etaSeconds: p.etaSeconds }),
      ...(vectors === undefined ? {} : { vectors }),
      ...(abortSignal === undefined ? {} : { abortSignal }),
    });
    return { ingest, chunkCount: chunks.length, reusedDocuments, manifest };
  } finally {
    lock.release();
  }
}
