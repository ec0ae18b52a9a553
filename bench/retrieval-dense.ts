import { performance } from 'node:perf_hooks';
import type { Config } from '../src/config/config';
import { loadConfiguredEmbedder } from '../src/embed/load-configured-embedder';
import { embedWithCache } from '../src/index/embedding-cache-embed';
import { openEmbeddingCache } from '../src/index/embedding-cache';
import { passageText } from '../src/index/embedding-vector-part';
import { openSnapshot } from '../src/index/open-snapshot';
import type { SnapshotVectors } from '../src/index/snapshot-vectors';
import { buildVectorIndex } from '../src/index/vector-index-hnsw';
import { createHybridRetriever, denseCandidates } from '../src/retrieve/hybrid-retriever';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import type { BenchCorpus } from './retrieval-corpus';
import { evaluate } from './retrieval-evaluate';
import { measureMemory, type ChildResult, type EngineRow } from './retrieval-memory';
import { percentile } from './retrieval-metrics';

/** Fusion settings compared side by side: the shipped one first. */
function fusionVariants(config: Config): Array<{ label: string; method: 'weighted' | 'rrf'; lexicalWeight: number }> {
  const t = config.tunables;
  const shipped = { label: `hybrid, ${t.fusionMethod === 'rrf' ? `RRF k=${t.rrfK}` : 'weighted'} w=${t.lexicalWeight} (shipped)`, method: t.fusionMethod, lexicalWeight: t.lexicalWeight };
  const others = [
    { label: 'hybrid, weighted w=0.3', method: 'weighted' as const, lexicalWeight: 0.3 },
    { label: 'hybrid, weighted w=0.5', method: 'weighted' as const, lexicalWeight: 0.5 },
    { label: 'hybrid, weighted w=0.7', method: 'weighted' as const, lexicalWeight: 0.7 },
    { label: `hybrid, RRF k=${t.rrfK} w=0.5`, method: 'rrf' as const, lexicalWeight: 0.5 },
  ].filter((v) => !(v.method === shipped.method && v.lexicalWeight === shipped.lexicalWeight));
  return [shipped, ...others];
}

/**
 * Dense-only and hybrid rows with the configured embedding model: every chunk embedded as a passage
 * (the shipped `passageText`), an HNSW index with the shipped tunables, then the questions through
 * the vector index alone and through the shipped hybrid retriever under several fusion settings;
 * plus the top cosine and hybrid confidence of dev vs off-topic questions, to calibrate
 * `denseConfidenceFloor` / `denseConfidenceCeiling`.
 */
export async function runDense({ corpus, config, pool, cachePath }: { corpus: BenchCorpus; config: Config; pool: number; cachePath?: string }): Promise<ChildResult> {
  const snapshot = openSnapshot({ dataDir: corpus.dataDir, tunables: config.tunables });
  const { entries, questions, describe, offTopic } = corpus;
  return measureMemory(async (mark) => {
    const t0 = performance.now();
    const load = await loadConfiguredEmbedder({ config });
    if (load.embedder === undefined) throw new Error(load.reason.message);
    const embedder = load.embedder;
    const modelLoadMs = performance.now() - t0;
    const texts = entries.map((e) => passageText({ chunk: e, title: corpus.titles[e.chunkId] }));
    const t1 = performance.now();
    let vectors: Float32Array[];
    let embedded = texts.length;
    if (cachePath === undefined) vectors = await embedder.embed(texts, { kind: 'passage' });
    else {
      const cache = openEmbeddingCache({ path: cachePath });
      const result = await embedWithCache({ embedder, cache, texts, kind: 'passage' });
      cache.close();
      vectors = result.vectors;
      embedded = result.embedded;
    }
    const embedMs = performance.now() - t1;
    const t2 = performance.now();
    const t = config.tunables;
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label, vector })), dimensions: embedder.dimensions, modelId: embedder.modelId, m: t.hnswM, efConstruction: t.hnswEfConstruction, efSearch: t.hnswEfSearch });
    const hnswMs = performance.now() - t2;
    mark();
    const snapshotVectors: SnapshotVectors = { index, chunkIds: entries.map((e) => e.chunkId) };
    const buildMs = embedMs + hnswMs;

    const denseSearch = async (q: string) => {
      const [vector] = await embedder.embed([analyzeQuery({ query: q }).text], { kind: 'query' });
      return vector === undefined ? [] : denseCandidates({ vectors: snapshotVectors, vector, k: pool }).map((h) => h.id);
    };
    const rows: EngineRow[] = [{ engine: `dense only (${embedder.modelId} ${embedder.variant ?? ''}, HNSW)`, group: 'project', buildMs, ...(await evaluate({ search: denseSearch, questions, describe })) }];
    const hybridFor = (method: 'weighted' | 'rrf', lexicalWeight: number) =>
      createHybridRetriever({ store: snapshot.store, lexical: snapshot.lexical, vectors: snapshotVectors, embedder, tunables: { ...t, fusionMethod: method, lexicalWeight } });
    for (const variant of fusionVariants(config)) {
      const retriever = hybridFor(variant.method, variant.lexicalWeight);
      const evaluation = await evaluate({ search: async (q) => (await retriever.retrieve({ query: q, k: pool })).passages.map((p) => p.chunk.id), questions, describe });
      rows.push({ engine: variant.label, group: 'project', buildMs, ...evaluation });
    }

    // Confidence study with the shipped settings, questions as written.
    const shipped = hybridFor(t.fusionMethod, t.lexicalWeight);
    const study = async (list: readonly { question: string }[]) => {
      const confidence: number[] = [];
      const topCosine: number[] = [];
      for (const { question } of list) {
        const r = await shipped.retrieve({ query: question, k: 10 });
        confidence.push(r.confidence);
        topCosine.push(r.passages[0]?.scores.dense ?? Number.NaN);
      }
      return { confidence, topCosine: topCosine.filter(Number.isFinite) };
    };
    const dev = await study(questions);
    const off = await study(offTopic);
    const threshold = t.refusalThreshold;
    await embedder.dispose();
    return {
      rows,
      extra: {
        modelId: embedder.modelId,
        variant: embedder.variant,
        dimensions: embedder.dimensions,
        modelLoadMs,
        embedMs,
        hnswMs,
        embedded,
        passagesPerSecond: embedded / (embedMs / 1000),
        confidence: {
          floor: t.denseConfidenceFloor,
          ceiling: t.denseConfidenceCeiling,
          refusalThreshold: threshold,
          devTopCosine: { p10: percentile(dev.topCosine, 10), median: percentile(dev.topCosine, 50) },
          offTopicTopCosine: { median: percentile(off.topCosine, 50), p90: percentile(off.topCosine, 90) },
          devConfidence: { p10: percentile(dev.confidence, 10), median: percentile(dev.confidence, 50) },
          offTopicConfidence: { median: percentile(off.confidence, 50), p90: percentile(off.confidence, 90) },
          devRefused: dev.confidence.filter((c) => c < threshold).length,
          offTopicAccepted: off.confidence.filter((c) => c >= threshold).length,
          offTopicCount: off.confidence.length,
        },
      },
    };
  });
}
