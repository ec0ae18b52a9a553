import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { sharedPostingsCache } from './postings-cache';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { readCurrentSnapshotId } from './current-pointer';
import type { LexicalIndex } from './lexical-index';
import { chunkerSettings } from './chunker-settings';
import { assertCompatible, readManifest, type SnapshotManifest } from './manifest';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { openSnapshotVectors, openSnapshotVectorsAsync, type ConfiguredEmbedding, type SnapshotVectors } from './snapshot-vectors';
import { openSegments } from './open-segments';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION } from './segment-file';
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
export function openSnapshot(options: OpenSnapshotOptions): Snapshot {
  const { opened, embedding, tunables } = openIndexPart(options);
  const { dir, manifest, store } = opened;
  let vectors: SnapshotVectors | undefined;
  try {
    vectors = embedding === undefined || manifest.embedding === null ? undefined : openSnapshotVectors({ dir, manifest, configured: embedding, efSearch: tunables.hnswEfSearch });
  } catch (error) {
    store.close();
    throw error;
  }
  return assemble(opened, vectors);
}

/**
 * `openSnapshot` for a server that keeps answering while it opens the next snapshot: the segments
 * open in milliseconds (nothing is read before a query needs it) and the vector graph, the one
 * large file, is read on a worker thread. The same checks and errors.
 */
export async function openSnapshotAsync(options: OpenSnapshotOptions): Promise<Snapshot> {
  const { opened, embedding, tunables } = openIndexPart(options);
  const { dir, manifest, store } = opened;
  let vectors: SnapshotVectors | undefined;
  try {
    vectors = embedding === undefined || manifest.embedding === null ? undefined : await openSnapshotVectorsAsync({ dir, manifest, configured: embedding, efSearch: tunables.hnswEfSearch });
  } catch (error) {
    store.close();
    throw error;
  }
  return assemble(opened, vectors);
}

export interface OpenSnapshotOptions {
  dataDir: string;
  tunables: Readonly<Tunables>;
  id?: string;
  embedding?: ConfiguredEmbedding | undefined;
}

interface OpenedIndexPart {
  snapshotId: string;
  dir: string;
  manifest: SnapshotManifest;
  store: Store;
  lexical: LexicalIndex;
}

function assemble({ snapshotId, dir, manifest, store, lexical }: OpenedIndexPart, vectors: SnapshotVectors | undefined): Snapshot {
  return { id: snapshotId, dir, manifest, store, lexical, ...(vectors === undefined ? {} : { vectors }), close: () => store.close() };
}

/** Everything but the vectors: manifest checks, then the segments (store and lexical index). */
function openIndexPart({ dataDir, tunables, id, embedding }: OpenSnapshotOptions): { opened: OpenedIndexPart; embedding: ConfiguredEmbedding | undefined; tunables: Readonly<Tunables> } {
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
  if (manifest.lexical.format !== SEGMENT_FORMAT || manifest.lexical.version !== SEGMENT_FORMAT_VERSION) {
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `Snapshot ${snapshotId} has a ${manifest.lexical.format} v${manifest.lexical.version} index; this program reads ${SEGMENT_FORMAT} v${SEGMENT_FORMAT_VERSION}. Run "troly index" to rebuild it.`,
    );
  }
  sharedPostingsCache.resize(tunables.postingsCacheBytes);
  const segments = openSegments({ dataDir, entries: manifest.lexical.segments, params: tunables, snapshotId });
  const { lexical, store } = segments;
  if (lexical.size !== manifest.counts.chunks) {
    store.close();
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId}: the manifest counts ${manifest.counts.chunks} chunks, its segments ${lexical.size}. Run "troly index" to rebuild it.`);
  }
  return { opened: { snapshotId, dir, manifest, store, lexical }, embedding, tunables };
}
