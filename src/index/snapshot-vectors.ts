import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../config/errors';
import type { SnapshotManifest } from './manifest';
import type { VectorIndex } from './vector-index';
import { loadVectorIndex, loadVectorIndexAsync } from './vector-index-hnsw';

/**
 * Chunk ids of the vector labels, in label order (label i = `chunkIds[i]`), beside `vectors.hnsw`;
 * null for a label deleted by an incremental update.
 */
export const VECTOR_CHUNKS_FILE = 'vectors-chunks.json';

/** The dense part of an opened snapshot. */
export interface SnapshotVectors {
  index: VectorIndex;
  /** `chunkIds[label]` is the chunk a vector hit stands for (undefined for a deleted label, which no search returns). */
  chunkIds: ReadonlyArray<string | undefined>;
}

/** The embedding model a program is configured with, as the snapshot must have been built with. */
export interface ConfiguredEmbedding {
  modelId: string;
  dimensions: number;
}

/**
 * Opens the vectors of snapshot folder `dir` (whose manifest has `embedding`). Throws
 * SNAPSHOT_INCOMPATIBLE when they were made by another model or with another vector length than
 * the configured embedder ("index built with X/384, configured Y/1024: run troly index"), and
 * SNAPSHOT_CORRUPT when the files are missing or disagree with the manifest.
 */
export function openSnapshotVectors(options: OpenVectorsOptions): SnapshotVectors {
  checkEmbedding(options);
  const { dir, configured, efSearch } = options;
  return withLabels(options, loadVectorIndex({ dir, modelId: configured.modelId, dimensions: configured.dimensions, ...(efSearch === undefined ? {} : { efSearch }) }));
}

/** `openSnapshotVectors` with the graph read off the event loop (see `loadVectorIndexAsync`). */
export async function openSnapshotVectorsAsync(options: OpenVectorsOptions): Promise<SnapshotVectors> {
  checkEmbedding(options);
  const { dir, configured, efSearch } = options;
  return withLabels(options, await loadVectorIndexAsync({ dir, modelId: configured.modelId, dimensions: configured.dimensions, ...(efSearch === undefined ? {} : { efSearch }) }));
}

/** Reads `vectors-chunks.json` (throws when it is missing or malformed). */
export function readVectorLabels(path: string): Array<string | null> {
  return z.array(z.string().min(1).nullable()).parse(JSON.parse(readFileSync(path, 'utf8')));
}

interface OpenVectorsOptions {
  dir: string;
  manifest: SnapshotManifest;
  configured: ConfiguredEmbedding;
  efSearch?: number;
}

function checkEmbedding({ manifest, configured }: OpenVectorsOptions): void {
  const built = manifest.embedding;
  if (built === null) {
    throw new AppError('INPUT_INVALID', `Snapshot ${manifest.id} has no vectors (it was built without an embedding model); check manifest.embedding before opening them.`);
  }
  if (built.modelId !== configured.modelId || built.dimensions !== configured.dimensions) {
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `Snapshot ${manifest.id}: index built with ${built.modelId}/${built.dimensions}, configured ${configured.modelId}/${configured.dimensions}: run troly index (or set TROLY_EMBEDDING_MODEL=${built.modelId}).`,
    );
  }
}

function withLabels({ dir, manifest }: OpenVectorsOptions, index: VectorIndex): SnapshotVectors {
  const path = join(dir, VECTOR_CHUNKS_FILE);
  let labels: Array<string | null>;
  try {
    labels = readVectorLabels(path);
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${manifest.id}: ${path} is missing or not a JSON array of chunk ids (null for deleted labels). Run "troly index" to rebuild it.`, { cause });
  }
  const live = labels.reduce((n, id) => (id === null ? n : n + 1), 0);
  if (labels.length !== index.size + index.deleted || live !== index.size || index.size !== manifest.counts.chunks) {
    throw new AppError(
      'SNAPSHOT_CORRUPT',
      `Snapshot ${manifest.id}: ${index.size} vectors (${index.deleted} more deleted), ${labels.length} vector labels of which ${live} live, ${manifest.counts.chunks} chunks in the manifest; live vectors, live labels and chunks must be equal. Run "troly index" to rebuild it.`,
    );
  }
  return { index, chunkIds: labels.map((id) => id ?? undefined) };
}
