import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../config/errors';

/** File names of the vector part of a snapshot. */
export const VECTOR_INDEX_FILES = Object.freeze({ graph: 'vectors.hnsw', meta: 'vectors.json' });

/** Bumped when what `vectors.hnsw` or `vectors.json` hold changes; other versions are refused. */
export const VECTOR_INDEX_FORMAT_VERSION = 1;

/** `vectors.json`: what the HNSW graph file was built from and with. */
export const vectorIndexMetaSchema = z.object({
  format: z.literal('hnswlib'),
  formatVersion: z.number().int(),
  space: z.literal('cosine'),
  modelId: z.string().min(1),
  /** Weights variant of the model (e.g. `q8`), for the record; a different variant is accepted. */
  variant: z.string().min(1).optional(),
  dimensions: z.number().int().positive(),
  /** Labels in the graph, the deleted ones included (hnswlib's `getCurrentCount`). */
  count: z.number().int().min(0),
  /** Of those, the ones marked deleted by incremental updates (never returned by a search). */
  deleted: z.number().int().min(0).default(0),
  /** Size of `vectors.hnsw` in bytes: a cheap guard against a truncated or swapped file. */
  graphBytes: z.number().int().min(0),
  params: z.object({ m: z.number().int().positive(), efConstruction: z.number().int().positive(), efSearch: z.number().int().positive(), seed: z.number().int() }),
});

export type VectorIndexMeta = z.infer<typeof vectorIndexMetaSchema>;

/** Reads and validates `vectors.json`; SNAPSHOT_CORRUPT when absent or malformed. */
export function readVectorIndexMeta({ path }: { path: string }): VectorIndexMeta {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Vector index description ${path} cannot be read as JSON. Run "troly index" to rebuild the snapshot.`, { cause });
  }
  const parsed = vectorIndexMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('SNAPSHOT_CORRUPT', `Vector index description ${path} is not valid (${issues}). Run "troly index" to rebuild the snapshot.`);
  }
  return parsed.data;
}

/**
 * SNAPSHOT_INCOMPATIBLE when the index was built by another format version, another embedding
 * model or with vectors of another length than the configured model produces.
 */
export function assertVectorIndexCompatible({ meta, modelId, dimensions }: { meta: VectorIndexMeta; modelId: string; dimensions: number }): void {
  if (meta.formatVersion !== VECTOR_INDEX_FORMAT_VERSION) {
    throw new AppError('SNAPSHOT_INCOMPATIBLE', `Vector index format version ${meta.formatVersion}, this program reads ${VECTOR_INDEX_FORMAT_VERSION}: run troly index to rebuild it.`);
  }
  if (meta.modelId !== modelId || meta.dimensions !== dimensions) {
    throw new AppError(
      'SNAPSHOT_INCOMPATIBLE',
      `Vector index built with ${meta.modelId}/${meta.dimensions}, configured ${modelId}/${dimensions}: run troly index to rebuild it (or configure TROLY_EMBEDDING_MODEL=${meta.modelId}).`,
    );
  }
}
