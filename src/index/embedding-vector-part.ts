import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../chunk/types';
import type { Tunables } from '../config/tunables';
import type { Embedder } from '../embed/embedder';
import { embedWithCache } from './embedding-cache-embed';
import { openEmbeddingCache } from './embedding-cache';
import type { EmbeddingManifest, VectorSnapshotPart } from './snapshot-part';
import { VECTOR_CHUNKS_FILE } from './snapshot-vectors';
import { buildVectorIndex } from './vector-index-hnsw';
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
  tunables: Pick<Readonly<Tunables>, 'hnswM' | 'hnswEfConstruction' | 'hnswEfSearch'>;
}

/**
 * The dense part of a snapshot: every chunk embedded as a passage through the embedding cache (text
 * already embedded by this model is not embedded again), an HNSW index over the vectors (label =
 * position of the chunk in the build), and `vectors-chunks.json` mapping labels back to chunk ids.
 * An abort stops between model batches; finished batches stay cached, the partial snapshot folder
 * is removed by `writeSnapshot`.
 */
export function createEmbeddingVectorPart({ embedder, cachePath, tunables }: EmbeddingVectorPartOptions): VectorSnapshotPart {
  return {
    async write({ dir, chunks, documents = [], onProgress, abortSignal }): Promise<EmbeddingManifest> {
      const titles = new Map(documents.map((d) => [d.id, d.title]));
      const texts = chunks.map((chunk) => passageText({ chunk, title: titles.get(chunk.docId) }));
      const cache = openEmbeddingCache({ path: cachePath });
      let result: Awaited<ReturnType<typeof embedWithCache>>;
      const started = performance.now();
      try {
        result = await embedWithCache({
          embedder,
          cache,
          texts,
          kind: 'passage',
          ...(onProgress === undefined ? {} : { onProgress }),
          ...(abortSignal === undefined ? {} : { abortSignal }),
        });
      } finally {
        cache.close();
      }
      const embedSeconds = (performance.now() - started) / 1000;
      throwIfAborted(abortSignal);
      const index = buildVectorIndex({
        items: result.vectors.map((vector, label) => ({ label, vector })),
        dimensions: embedder.dimensions,
        modelId: embedder.modelId,
        ...(embedder.variant === undefined ? {} : { variant: embedder.variant }),
        m: tunables.hnswM,
        efConstruction: tunables.hnswEfConstruction,
        efSearch: tunables.hnswEfSearch,
      });
      await index.save({ dir });
      writeFileSync(join(dir, VECTOR_CHUNKS_FILE), `${JSON.stringify(chunks.map((c) => c.id))}\n`);
      return {
        modelId: embedder.modelId,
        dimensions: embedder.dimensions,
        ...(embedder.variant === undefined ? {} : { variant: embedder.variant }),
        count: chunks.length,
        // For the record and the index report: what this build cost.
        cached: result.cached,
        embedded: result.embedded,
        embedSeconds: Math.round(embedSeconds * 10) / 10,
      };
    },
  };
}
