import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../chunk/types';
import { AppError } from '../config/errors';
import type { SourceDocument } from '../ingest/types';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { BM25_FORMAT, BM25_FORMAT_VERSION } from './bm25-codec';
import { bm25Params, buildBm25Index, type Bm25Params } from './bm25-index';
import { readCurrentSnapshotId, switchCurrentSnapshot } from './current-pointer';
import { lexicalEntries } from './lexical-entries';
import { SNAPSHOT_SCHEMA_VERSION, type ChunkerSettings, type SnapshotManifest } from './manifest';
import { pruneSnapshots } from './prune-snapshots';
import { newSnapshotId } from './snapshot-id';
import type { VectorPartProgress, VectorSnapshotPart } from './snapshot-part';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { writeSqliteStore } from './sqlite-store';
import { recordSnapshotFiles, verifySnapshot } from './verify-snapshot';
import type { WriteLock } from './write-lock';

/** Snapshots kept on disk (the current one and the ones before it, for rollback). */
export const SNAPSHOTS_KEPT = 3;

export interface WriteSnapshotOptions {
  dataDir: string;
  /** Proof that the caller holds the data folder's write lock (`acquireWriteLock`). */
  lock: WriteLock;
  documents: readonly SourceDocument[];
  chunks: readonly Chunk[];
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
export function corpusHash(documents: readonly SourceDocument[]): string {
  const hash = createHash('sha256');
  for (const line of documents.map((d) => `${d.id}\t${d.source.contentHash}\n`).sort()) hash.update(line);
  return hash.digest('hex');
}

export function throwIfAborted(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Index build cancelled; the current snapshot is unchanged.', { cause: abortSignal.reason });
}

/**
 * Writes a complete snapshot into `snapshots/<id>.partial/` (store, lexical index, optional
 * vectors, manifest last), renames the folder to `snapshots/<id>/`, switches CURRENT to it
 * atomically and prunes old snapshots. On any failure the partial folder is removed and CURRENT
 * still names the previous snapshot, which stays loadable throughout.
 */
export async function writeSnapshot(options: WriteSnapshotOptions): Promise<SnapshotManifest> {
  const { dataDir, documents, chunks, abortSignal, onStep } = options;
  const paths = snapshotPaths({ dataDir });
  const id = newSnapshotId();
  const partial = paths.partialDir(id);
  mkdirSync(partial, { recursive: true });
  let manifest: SnapshotManifest;
  try {
    onStep?.('store');
    writeSqliteStore({ path: join(partial, SNAPSHOT_FILES.store), documents, chunks });
    throwIfAborted(abortSignal);
    onStep?.('lexical');
    const lexical = buildBm25Index({ entries: lexicalEntries({ documents, chunks }), params: options.lexicalParams });
    writeFileSync(join(partial, SNAPSHOT_FILES.lexical), lexical.serialize());
    throwIfAborted(abortSignal);
    let embedding: SnapshotManifest['embedding'] = null;
    if (options.vectors !== undefined) {
      onStep?.('vectors');
      embedding = await options.vectors.write({
        dir: partial,
        chunks,
        documents,
        ...(options.onVectorProgress === undefined ? {} : { onProgress: options.onVectorProgress }),
        ...(abortSignal === undefined ? {} : { abortSignal }),
      });
      throwIfAborted(abortSignal);
    }
    manifest = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      id,
      createdAt: new Date().toISOString(),
      chunker: options.chunker,
      analyzer: analyzerFingerprint(),
      lexical: { file: SNAPSHOT_FILES.lexical, format: BM25_FORMAT, version: BM25_FORMAT_VERSION, params: bm25Params(options.lexicalParams) },
      corpusHash: corpusHash(documents),
      knowledgeFingerprint: options.knowledgeFingerprint,
      counts: { documents: documents.length, chunks: chunks.length, filesSeen: options.ingest.filesSeen, problems: options.ingest.problems },
      embedding,
      files: recordSnapshotFiles({ dir: partial, except: [SNAPSHOT_FILES.manifest] }),
    };
    // Adopted only once read back whole: hashes recorded above, SQLite's own check here.
    verifySnapshot({ id, dir: partial, files: undefined });
    writeFileSync(join(partial, SNAPSHOT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    onStep?.('switch');
    // The last moment to stop: an abort seen by onStep (the indexer's parent died) must not switch.
    throwIfAborted(abortSignal);
    renameSync(partial, paths.dir(id));
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  switchCurrentSnapshot({ dataDir, id });
  pruneSnapshots({ dataDir, keep: SNAPSHOTS_KEPT, currentId: readCurrentSnapshotId({ dataDir }) });
  return manifest;
}
