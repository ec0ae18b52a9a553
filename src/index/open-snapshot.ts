import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { BM25_FORMAT, BM25_FORMAT_VERSION } from './bm25-codec';
import { loadBm25Index } from './bm25-index';
import { readCurrentSnapshotId } from './current-pointer';
import type { LexicalIndex } from './lexical-index';
import { chunkerSettings } from './chunker-settings';
import { assertCompatible, readManifest, type SnapshotManifest } from './manifest';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { openSnapshotVectors, type ConfiguredEmbedding, type SnapshotVectors } from './snapshot-vectors';
import { openSqliteStore } from './sqlite-store';
import { checkSnapshotFiles } from './verify-snapshot';
import type { Store } from './store';

/** One loaded, read-only index snapshot. */
export interface Snapshot {
  id: string;
  dir: string;
  manifest: SnapshotManifest;
  store: Store;
  lexical: LexicalIndex;
  /**
   * The dense part: present when the manifest has `embedding` and `openSnapshot` was given the
   * configured embedding model (without a model, the snapshot is used lexical-only).
   */
  vectors?: SnapshotVectors;
  close(): void;
}

/**
 * Opens the snapshot CURRENT names (or `id`). Throws SNAPSHOT_MISSING when there is none,
 * SNAPSHOT_CORRUPT when its files are missing or unreadable, SNAPSHOT_INCOMPATIBLE when it was
 * built by another schema version, chunker settings or text analysis, or — when `embedding` (the
 * loaded model's id and vector length) is given and the snapshot has vectors — by another
 * embedding model; every message says to run "troly index". Without `embedding` the vectors are
 * not opened.
 */
export function openSnapshot({ dataDir, tunables, id, embedding }: {
  dataDir: string;
  tunables: Readonly<Tunables>;
  id?: string;
  embedding?: ConfiguredEmbedding | undefined;
}): Snapshot {
  const snapshotId = id ?? readCurrentSnapshotId({ dataDir });
  if (snapshotId === undefined) {
    throw new AppError('SNAPSHOT_MISSING', `No index snapshot in ${dataDir} (no CURRENT file). Run "troly index" to build one from the knowledge folder.`);
  }
  const dir = snapshotPaths({ dataDir }).dir(snapshotId);
  if (!existsSync(dir)) {
    throw new AppError('SNAPSHOT_MISSING', `Snapshot ${snapshotId} named by ${dataDir}/CURRENT does not exist in ${dataDir}/snapshots. Run "troly index" to build a new one.`);
  }
  const manifest = readManifest({ path: join(dir, SNAPSHOT_FILES.manifest) });
  if (manifest.id !== snapshotId) {
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot folder ${snapshotId} holds the manifest of ${manifest.id}. Run "troly index" to build a new snapshot.`);
  }
  assertCompatible({ manifest, chunker: chunkerSettings(tunables), analyzer: analyzerFingerprint() });
  // Cheap (sizes, headers); the full check (hashes, SQLite quick_check) is `verifySnapshot`, run before serving.
  checkSnapshotFiles({ id: snapshotId, dir, files: manifest.files });
  if (manifest.lexical.format !== BM25_FORMAT || manifest.lexical.version !== BM25_FORMAT_VERSION) {
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `Snapshot ${snapshotId} has a ${manifest.lexical.format} v${manifest.lexical.version} lexical index; this program reads ${BM25_FORMAT} v${BM25_FORMAT_VERSION}. Run "troly index" to rebuild it.`,
    );
  }
  const lexicalPath = join(dir, manifest.lexical.file);
  let buffer: Buffer;
  try {
    buffer = readFileSync(lexicalPath);
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId} has no readable lexical index ${lexicalPath}. Run "troly index" to rebuild it.`, { cause });
  }
  const lexical = loadBm25Index({ buffer, params: tunables, source: lexicalPath });
  if (lexical.size !== manifest.counts.chunks) {
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId}: the manifest counts ${manifest.counts.chunks} chunks, the lexical index ${lexical.size}. Run "troly index" to rebuild it.`);
  }
  const vectors =
    embedding === undefined || manifest.embedding === null ? undefined : openSnapshotVectors({ dir, manifest, configured: embedding, efSearch: tunables.hnswEfSearch });
  const store = openSqliteStore({ path: join(dir, SNAPSHOT_FILES.store) });
  return { id: snapshotId, dir, manifest, store, lexical, ...(vectors === undefined ? {} : { vectors }), close: () => store.close() };
}
