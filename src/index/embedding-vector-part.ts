import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../chunk/types';
import type { Tunables } from '../config/tunables';
import type { Embedder } from '../embed/embedder';
import { embedWithCache } from './embedding-cache-embed';
import { openEmbeddingCache } from './embedding-cache';
import type { EmbeddingManifest, VectorSnapshotPart } from './snapshot-part';
import { readVectorLabels, VECTOR_CHUNKS_FILE } from './snapshot-vectors';
import { AppError } from '../config/errors';
import type { VectorIndex } from './vector-index';
import { buildVectorIndex, updateVectorIndex } from './vector-index-hnsw';
import { readVectorIndexMeta, VECTOR_INDEX_FILES, VECTOR_INDEX_FORMAT_VERSION } from './vector-index-meta';
import { planVectorUpdate, type VectorUpdatePlan } from './vector-update-plan';
import { throwIfAborted } from './write-snapshot';

/**
 * The text a chunk is embedded as: its document's title, then the chunk text (which already starts
 * with the article heading for a khoản). A khoản alone rarely says which law it belongs to, and a
 * question often names the subject the title carries ("đăng ký thường trú", "kết hôn").
 */
export function passageText({ chunk, title }: { chunk: Pick<Chunk, 'text'>; title: string | undefined }): string {
  const head = title?.trim() ?? '';
  return head === '' || chunk.text.startsWith(head) ? chunk.text : `${head}\n${chunk.text}`;
}

export interface EmbeddingVectorPartOptions {
  embedder: Embedder;
  /** The embedding cache file, `join(dataDir, EMBEDDING_CACHE_FILE)`; kept across snapshots. */
  cachePath: string;
  tunables: Pick<Readonly<Tunables>, 'hnswM' | 'hnswEfConstruction' | 'hnswEfSearch' | 'hnswMaxDeletedShare'>;
}

/**
 * The update of the base snapshot's graph, when it can be updated: same model, vector length and
 * graph parameters, files readable, and no more than `hnswMaxDeletedShare` of its labels deleted
 * afterwards. Undefined means: build the graph afresh (updating is an optimisation, never a reason to fail).
 */
function planUpdate({ base, chunks, embedder, tunables }: { base: { dir: string; removedDocuments: ReadonlySet<string> }; chunks: readonly Chunk[]; embedder: Embedder; tunables: EmbeddingVectorPartOptions['tunables'] }): VectorUpdatePlan | undefined {
  try {
    const meta = readVectorIndexMeta({ path: join(base.dir, VECTOR_INDEX_FILES.meta) });
    if (meta.modelId !== embedder.modelId || meta.dimensions !== embedder.dimensions || meta.formatVersion !== VECTOR_INDEX_FORMAT_VERSION) return undefined;
    if (meta.params.m !== tunables.hnswM || meta.params.efConstruction !== tunables.hnswEfConstruction) return undefined;
    const previous = readVectorLabels(join(base.dir, VECTOR_CHUNKS_FILE));
    if (previous.length !== meta.count) return undefined;
    const plan = planVectorUpdate({ previous, previousDeleted: meta.deleted, chunks, removedDocuments: base.removedDocuments });
    return plan.deleted > tunables.hnswMaxDeletedShare * plan.labels.length ? undefined : plan;
  } catch {
    return undefined;
  }
}

/**
 * The dense part of a snapshot: every chunk embedded as a passage through the embedding cache (text
 * already embedded by this model is not embedded again), an HNSW index over the vectors, and
 * `vectors-chunks.json` mapping labels back to chunk ids. Derived from a base snapshot, the base's
 * graph is copied and updated (`updateVectorIndex`): only the new and changed documents' chunks are
 * embedded and inserted, the removed ones marked deleted; past `hnswMaxDeletedShare` deleted, or
 * when the base cannot be updated, the graph is built afresh (label = position of the chunk).
 * An abort stops between model batches; finished batches stay cached, the partial snapshot folder
 * is removed by `writeSnapshot`.
 */
export function createEmbeddingVectorPart({ embedder, cachePath, tunables }: EmbeddingVectorPartOptions): VectorSnapshotPart {
  const graphParams = { m: tunables.hnswM, efConstruction: tunables.hnswEfConstruction, efSearch: tunables.hnswEfSearch };
  return {
    async write({ dir, chunks, documents = [], base, onProgress, abortSignal }): Promise<EmbeddingManifest> {
      const titles = new Map(documents.map((d) => [d.id, d.title]));
      const update = base === undefined ? undefined : planUpdate({ base, chunks, embedder, tunables });
      const toEmbed = update === undefined ? chunks : update.add.map((a) => a.chunk);
      const kept = chunks.length - toEmbed.length;
      const texts = toEmbed.map((chunk) => passageText({ chunk, title: titles.get(chunk.docId) }));
      const cache = openEmbeddingCache({ path: cachePath });
      let result: Awaited<ReturnType<typeof embedWithCache>>;
      const started = performance.now();
      try {
        result = await embedWithCache({
          embedder,
          cache,
          texts,
          kind: 'passage',
          // Progress over all the snapshot's chunks: the kept ones count as done and cached.
          ...(onProgress === undefined ? {} : { onProgress: (p) => onProgress({ ...p, done: kept + p.done, total: chunks.length, cached: kept + p.cached }) }),
          ...(abortSignal === undefined ? {} : { abortSignal }),
        });
      } finally {
        cache.close();
      }
      const embedSeconds = (performance.now() - started) / 1000;
      throwIfAborted(abortSignal);
      const model = { dimensions: embedder.dimensions, modelId: embedder.modelId, ...(embedder.variant === undefined ? {} : { variant: embedder.variant }), ...graphParams };
      let index: VectorIndex | undefined;
      let labels: ReadonlyArray<string | null> = chunks.map((c) => c.id);
      if (update !== undefined && base !== undefined) {
        try {
          index = updateVectorIndex({ dir: base.dir, ...model, add: update.add.map(({ label }, i) => ({ label, vector: result.vectors[i] as Float32Array })), remove: update.remove });
          labels = update.labels;
        } catch (error) {
          // A base graph that cannot be read or updated: build afresh (its new vectors are cached now).
          if (!(error instanceof AppError) || error.code === 'ABORTED') throw error;
          return this.write({ dir, chunks, documents, ...(onProgress === undefined ? {} : { onProgress }), ...(abortSignal === undefined ? {} : { abortSignal }) });
        }
      }
      index ??= buildVectorIndex({ items: result.vectors.map((vector, label) => ({ label, vector })), ...model });
      await index.save({ dir });
      writeFileSync(join(dir, VECTOR_CHUNKS_FILE), `${JSON.stringify(labels)}\n`);
      return {
        modelId: embedder.modelId,
        dimensions: embedder.dimensions,
        ...(embedder.variant === undefined ? {} : { variant: embedder.variant }),
        count: chunks.length,
        // For the record and the index report: what this build cost.
        cached: kept + result.cached,
        embedded: result.embedded,
        embedSeconds: Math.round(embedSeconds * 10) / 10,
        graph: update === undefined ? { built: chunks.length } : { updated: { added: update.add.length, deleted: update.remove.length, deletedTotal: update.deleted } },
      };
    },
  };
}
