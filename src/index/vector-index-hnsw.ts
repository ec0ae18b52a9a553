import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { AppError, describeError } from '../config/errors';
import { DEFAULT_TUNABLES } from '../config/tunables';
import type { VectorHit, VectorIndex, VectorSearchOptions } from './vector-index';
import {
  assertVectorIndexCompatible,
  readVectorIndexMeta,
  VECTOR_INDEX_FILES,
  VECTOR_INDEX_FORMAT_VERSION,
  type VectorIndexMeta,
} from './vector-index-meta';

/** Fixed so that the same vectors in the same order always build the same graph. */
const DEFAULT_SEED = 100;

export interface HnswParams {
  /** Graph degree (tunable `hnswM`). */
  m?: number;
  /** Construction beam width (tunable `hnswEfConstruction`). */
  efConstruction?: number;
  /** Default search beam width (tunable `hnswEfSearch`). */
  efSearch?: number;
  seed?: number;
}

/**
 * Builds an HNSW index (hnswlib-node, cosine space) from `(label, vector)` pairs. Labels are
 * non-negative integers chosen by the caller and must be unique; every vector must have
 * `dimensions` values.
 */
export function buildVectorIndex({ items, dimensions, modelId, variant, m = DEFAULT_TUNABLES.hnswM, efConstruction = DEFAULT_TUNABLES.hnswEfConstruction, efSearch = DEFAULT_TUNABLES.hnswEfSearch, seed = DEFAULT_SEED }: HnswParams & {
  items: readonly { label: number; vector: Float32Array | readonly number[] }[];
  dimensions: number;
  modelId: string;
  variant?: string;
}): VectorIndex {
  const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  // hnswlib cannot allocate an index of 0 elements; an empty index still gets room for one.
  index.initIndex({ maxElements: Math.max(1, items.length), m, efConstruction, randomSeed: seed });
  const seen = new Set<number>();
  for (const { label, vector } of items) {
    if (!Number.isSafeInteger(label) || label < 0 || seen.has(label)) {
      throw new AppError('INPUT_INVALID', `Vector labels must be unique non-negative integers; got ${label}${seen.has(label) ? ' twice' : ''}.`);
    }
    if (vector.length !== dimensions) {
      throw new AppError('INPUT_INVALID', `Vector for label ${label} has ${vector.length} values; the index was created for ${dimensions}.`);
    }
    seen.add(label);
    index.addPoint(Array.from(vector), label);
  }
  const meta: VectorIndexMeta = {
    format: 'hnswlib',
    formatVersion: VECTOR_INDEX_FORMAT_VERSION,
    space: 'cosine',
    modelId,
    ...(variant === undefined ? {} : { variant }),
    dimensions,
    count: items.length,
    deleted: 0,
    graphBytes: 0,
    params: { m, efConstruction, efSearch, seed },
  };
  return wrap(index, meta);
}

interface LoadOptions {
  dir: string;
  modelId: string;
  dimensions: number;
  efSearch?: number;
}

/** Checks done before the native reader sees the file (hnswlib trusts the header it reads). */
function prepareLoad({ dir, modelId, dimensions }: LoadOptions): { meta: VectorIndexMeta; graphPath: string; index: hnswlib.HierarchicalNSW } {
  const meta = readVectorIndexMeta({ path: join(dir, VECTOR_INDEX_FILES.meta) });
  assertVectorIndexCompatible({ meta, modelId, dimensions });
  const graphPath = join(dir, VECTOR_INDEX_FILES.graph);
  let bytes: number | undefined;
  try {
    bytes = statSync(graphPath).size;
  } catch {
    bytes = undefined;
  }
  if (bytes !== meta.graphBytes) {
    throw new AppError('SNAPSHOT_CORRUPT', `Vector index ${graphPath} is ${bytes === undefined ? 'missing' : `${bytes} bytes`}; its description says ${meta.graphBytes}. Run "troly index" to rebuild the snapshot.`);
  }
  return { meta, graphPath, index: new hnswlib.HierarchicalNSW('cosine', meta.dimensions) };
}

function finishLoad({ meta, graphPath, index }: ReturnType<typeof prepareLoad>, efSearch: number | undefined): VectorIndex {
  if (index.getCurrentCount() !== meta.count) {
    throw new AppError('SNAPSHOT_CORRUPT', `Vector index ${graphPath} holds ${index.getCurrentCount()} vectors; its description says ${meta.count}. Run "troly index" to rebuild the snapshot.`);
  }
  return wrap(index, { ...meta, params: { ...meta.params, efSearch: efSearch ?? meta.params.efSearch } });
}

const unreadable = (graphPath: string, cause: unknown) =>
  new AppError('SNAPSHOT_CORRUPT', `Vector index ${graphPath} cannot be read: ${describeError(cause)}. Run "troly index" to rebuild the snapshot.`, { cause });

/**
 * Loads the index saved in snapshot folder `dir`, refusing (SNAPSHOT_INCOMPATIBLE) one built with
 * another model or dimensions than the configured embedder's, and (SNAPSHOT_CORRUPT) files that
 * are missing, malformed or do not match their description.
 */
export function loadVectorIndex(options: LoadOptions): VectorIndex {
  const loading = prepareLoad(options);
  try {
    loading.index.readIndexSync(loading.graphPath);
  } catch (cause) {
    throw unreadable(loading.graphPath, cause);
  }
  return finishLoad(loading, options.efSearch);
}

/** `loadVectorIndex` with the file read on a libuv worker thread: a server switching snapshots keeps answering meanwhile. */
export async function loadVectorIndexAsync(options: LoadOptions): Promise<VectorIndex> {
  const loading = prepareLoad(options);
  try {
    await loading.index.readIndex(loading.graphPath);
  } catch (cause) {
    throw unreadable(loading.graphPath, cause);
  }
  return finishLoad(loading, options.efSearch);
}

/**
 * A copy of the index saved in `dir` (a snapshot folder; its files are only read) with the labels
 * of `remove` marked deleted and `add` inserted, room made as needed: an update costs the new
 * vectors' insertions, not a rebuild. New labels must be unused (deleted labels are not reused).
 * SNAPSHOT_INCOMPATIBLE when the saved index was built for another model, vector length or graph
 * parameters than `params` (the caller then builds afresh with `buildVectorIndex`).
 */
export function updateVectorIndex({ dir, modelId, dimensions, m = DEFAULT_TUNABLES.hnswM, efConstruction = DEFAULT_TUNABLES.hnswEfConstruction, efSearch = DEFAULT_TUNABLES.hnswEfSearch, add, remove }: Omit<HnswParams, 'seed'> & {
  dir: string;
  modelId: string;
  dimensions: number;
  add: readonly { label: number; vector: Float32Array | readonly number[] }[];
  remove: readonly number[];
}): VectorIndex {
  const loading = prepareLoad({ dir, modelId, dimensions });
  const { meta, graphPath, index } = loading;
  if (meta.params.m !== m || meta.params.efConstruction !== efConstruction) {
    throw new AppError('SNAPSHOT_INCOMPATIBLE', `Vector index ${graphPath} was built with M ${meta.params.m} / efConstruction ${meta.params.efConstruction}, configured ${m} / ${efConstruction}: it is rebuilt.`);
  }
  try {
    index.readIndexSync(graphPath);
  } catch (cause) {
    throw unreadable(graphPath, cause);
  }
  finishLoad(loading, efSearch);
  let deleted = meta.deleted;
  for (const label of remove) {
    try {
      index.markDelete(label);
    } catch (cause) {
      throw new AppError('INPUT_INVALID', `Vector label ${label} cannot be deleted from ${graphPath} (absent, or deleted already): ${describeError(cause)}.`, { cause });
    }
    deleted += 1;
  }
  const count = meta.count + add.length;
  if (count > index.getMaxElements()) index.resizeIndex(count);
  for (const { label, vector } of add) {
    if (!Number.isSafeInteger(label) || label < meta.count) throw new AppError('INPUT_INVALID', `New vector labels must be unused integers from ${meta.count}; got ${label}.`);
    if (vector.length !== dimensions) throw new AppError('INPUT_INVALID', `Vector for label ${label} has ${vector.length} values; the index was created for ${dimensions}.`);
    index.addPoint(Array.from(vector), label);
  }
  if (index.getCurrentCount() !== count) throw new AppError('INPUT_INVALID', `Vector index update: ${index.getCurrentCount()} labels after adding ${add.length} to ${meta.count}; new labels must be unique.`);
  return wrap(index, { ...meta, count, deleted, params: { ...meta.params, efSearch } });
}

function wrap(index: hnswlib.HierarchicalNSW, meta: VectorIndexMeta): VectorIndex {
  const size = meta.count - meta.deleted;
  return {
    modelId: meta.modelId,
    dimensions: meta.dimensions,
    size,
    deleted: meta.deleted,
    search({ vector, k, ef = meta.params.efSearch, filter }: VectorSearchOptions): VectorHit[] {
      if (vector.length !== meta.dimensions) {
        throw new AppError('INPUT_INVALID', `Query vector has ${vector.length} values; the index holds ${meta.dimensions}-dimensional vectors of ${meta.modelId}.`);
      }
      const wanted = Math.min(Math.floor(k), size);
      if (wanted <= 0) return [];
      index.setEf(Math.max(ef, wanted));
      const { neighbors, distances } = index.searchKnn(Array.from(vector), wanted, filter);
      // hnswlib's cosine distance is 1 − cos.
      return neighbors.map((label, i) => ({ label, score: 1 - (distances[i] ?? 1) }));
    },
    async save({ dir }) {
      const graphPath = join(dir, VECTOR_INDEX_FILES.graph);
      await index.writeIndex(graphPath);
      const saved: VectorIndexMeta = { ...meta, graphBytes: statSync(graphPath).size };
      writeFileSync(join(dir, VECTOR_INDEX_FILES.meta), `${JSON.stringify(saved, null, 2)}\n`);
    },
  };
}
