import type { Tunables } from '../config/tunables';
import { AppError } from '../config/errors';
import type { Embedder } from '../embed/embedder';
import type { LexicalIndex } from '../index/lexical-index';
import type { SnapshotVectors } from '../index/snapshot-vectors';
import type { Store } from '../index/store';
import { denseConfidence, hybridConfidence, lexicalConfidence } from './confidence';
import { fuse, type ScoredItem } from './fusion';
import { DEFAULT_K } from './lexical-retriever';
import { createPassageReader } from './passage-reader';
import { createQueryPlanner } from './query-planner';
import type { RetrievalResult, Retriever, RetrieveOptions } from './types';

/** The tunables hybrid retrieval reads. */
export type HybridTunables = Pick<Readonly<Tunables>, 'fusionCandidates' | 'fusionMethod' | 'lexicalWeight' | 'rrfK' | 'denseConfidenceFloor' | 'denseConfidenceCeiling'>;

export interface HybridRetrieverOptions {
  store: Store;
  lexical: LexicalIndex;
  vectors: SnapshotVectors;
  /** The model the vectors were built with (the caller checked id and dimensions). */
  embedder: Embedder;
  tunables: HybridTunables;
}

/** The dense list for one query vector: chunk ids with their cosine similarity, best first. */
export function denseCandidates({ vectors, vector, k }: { vectors: SnapshotVectors; vector: Float32Array; k: number }): ScoredItem[] {
  return vectors.index.search({ vector, k }).flatMap(({ label, score }) => {
    const id = vectors.chunkIds[label];
    return id === undefined ? [] : [{ id, score }];
  });
}

/**
 * A `Retriever` (`mode: 'hybrid'`) that runs the lexical index and the vector index side by side —
 * `fusionCandidates` from each (at least k), the question embedded as a query — and merges them
 * with `fuse` (weighted or reciprocal-rank, per the tunables). Each passage carries the fused score
 * and both raw scores (BM25F and cosine) when both lists found it. The lexical list goes through
 * query understanding (`createQueryPlanner`: named documents, corrections, expansions, scaffolding);
 * the question is embedded as typed. Confidence: `hybridConfidence` of the top passage.
 */
export function createHybridRetriever({ store, lexical, vectors, embedder, tunables }: HybridRetrieverOptions): Retriever {
  const readPassages = createPassageReader({ store });
  const plan = createQueryPlanner({ store, lexical });
  return {
    async retrieve({ query, k = DEFAULT_K, abortSignal }: RetrieveOptions): Promise<RetrievalResult> {
      if (abortSignal?.aborted === true) throw new AppError('ABORTED', 'Retrieval cancelled by the caller.', { cause: abortSignal.reason });
      const pool = Math.max(k, tunables.fusionCandidates);
      const { query: analysis, hits } = plan({ query, k: pool });
      const lexicalList = hits.map((h) => ({ id: h.chunkId, score: h.score }));
      const [vector] = await embedder.embed([analysis.text], { kind: 'query', ...(abortSignal === undefined ? {} : { abortSignal }) });
      if (vector === undefined) throw new AppError('EMBEDDING_FAILED', `Embedder ${embedder.modelId} returned no vector for the query.`);
      const denseList = denseCandidates({ vectors, vector, k: pool });
      const fused = fuse({ lexical: lexicalList, dense: denseList, method: tunables.fusionMethod, lexicalWeight: tunables.lexicalWeight, rrfK: tunables.rrfK }).slice(0, k);
      const passages = readPassages(fused);
      const top = fused[0];
      const confidence =
        top === undefined
          ? 0
          : hybridConfidence({
              lexical: lexicalConfidence({ terms: lexical.explain({ query: analysis, chunkId: top.id }) }),
              dense: denseConfidence({ similarity: top.scores.dense, floor: tunables.denseConfidenceFloor, ceiling: tunables.denseConfidenceCeiling }),
            });
      return { passages, confidence, mode: 'hybrid', understood: analysis.understood };
    },
  };
}
