/**
 * One measurement of bench:scale in its own process: `node --expose-gc --import tsx
 * bench/scale-child.ts --laws DIR --size N --part lexical|hnsw [--ef-construction E] --dir DIR --out FILE`.
 * lexical: build the BM25F index over N synthetic chunks, write the chunk store and the index file
 * into DIR, time `LexicalRetriever.retrieve` (k = 50) on the 100 dev questions as written and
 * without diacritics. hnsw: N random unit vectors of 384 dimensions, build, time k = 50 searches
 * for 100 random queries, recall@10 against exact search on 50 of them, write the index files.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { describeError } from '../src/config/errors';
import { bm25Params, buildBm25Index, loadBm25Index } from '../src/index/bm25-index';
import { lexicalEntries } from '../src/index/lexical-entries';
import { SNAPSHOT_FILES } from '../src/index/snapshot-paths';
import { VECTOR_CHUNKS_FILE } from '../src/index/snapshot-vectors';
import { openSqliteStore, writeSqliteStore } from '../src/index/sqlite-store';
import { VECTOR_INDEX_FILES } from '../src/index/vector-index-meta';
import { buildVectorIndex } from '../src/index/vector-index-hnsw';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { randomUnitVectors } from '../test/helpers/random-vectors';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { VARIANTS } from './retrieval-evaluate';
import { measureMemory } from './retrieval-memory';
import { percentile } from './retrieval-metrics';
import { lawChunks, synthesize } from './scale-synth';

const { values: args } = parseArgs({
  options: {
    laws: { type: 'string' },
    questions: { type: 'string' },
    size: { type: 'string' },
    part: { type: 'string' },
    'ef-construction': { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string' },
  },
});
const size = Number(args.size);
if (args.laws === undefined || args.questions === undefined || args.dir === undefined || args.out === undefined || !(size > 0)) throw new Error('usage: scale-child.ts --laws DIR --questions FILE --size N --part lexical|hnsw --dir DIR --out FILE');
const dir = args.dir;
const tunables = loadConfig().tunables;
const DIMENSIONS = 384;
const K = tunables.fusionCandidates;

const bytes = (file: string) => statSync(join(dir, file)).size;

/** Labels of the 10 vectors closest to `query` by dot product (vectors are unit length: cosine), exactly. */
function exactTop10(vectors: readonly Float32Array[], query: Float32Array): Set<number> {
  const best: Array<{ label: number; score: number }> = [];
  vectors.forEach((v, label) => {
    let score = 0;
    for (let i = 0; i < v.length; i++) score += (v[i] as number) * (query[i] as number);
    if (best.length < 10 || score > (best[9] as { score: number }).score) {
      best.push({ label, score });
      best.sort((a, b) => b.score - a.score);
      if (best.length > 10) best.pop();
    }
  });
  return new Set(best.map((b) => b.label));
}
const corpus = synthesize({ base: await lawChunks({ lawsDir: args.laws, tunables }), size });

async function lexical() {
  const questions = readJsonl(args.questions as string, questionSchema);
  const entries = lexicalEntries(corpus);
  const t0 = performance.now();
  writeSqliteStore({ path: join(dir, SNAPSHOT_FILES.store), ...corpus });
  const storeMs = performance.now() - t0;
  return measureMemory(async (mark) => {
    const t1 = performance.now();
    const index = buildBm25Index({ entries, params: bm25Params(tunables) });
    const buildMs = performance.now() - t1;
    mark();
    const store = openSqliteStore({ path: join(dir, SNAPSHOT_FILES.store) });
    const retriever = createLexicalRetriever({ store, lexical: index });
    for (const q of questions.slice(0, 5)) await retriever.retrieve({ query: q.question, k: K });
    const times: number[] = [];
    for (const variant of VARIANTS) {
      for (const q of questions) {
        const t = performance.now();
        await retriever.retrieve({ query: variant.text(q.question), k: K });
        times.push(performance.now() - t);
      }
    }
    store.close();
    // The index file: JSON with base64 postings, held as one string while written and read.
    let serialize: { ms: number; loadMs: number; bytes: number } | { error: string };
    try {
      const t2 = performance.now();
      const buffer = index.serialize();
      const ms = performance.now() - t2;
      writeFileSync(join(dir, SNAPSHOT_FILES.lexical), buffer);
      const t3 = performance.now();
      loadBm25Index({ buffer, params: tunables, source: 'scale' });
      serialize = { ms, loadMs: performance.now() - t3, bytes: buffer.length };
    } catch (error) {
      serialize = { error: describeError(error) };
    }
    return { rows: [], extra: { chunks: corpus.chunks.length, documents: corpus.documents.length, storeMs, storeBytes: bytes(SNAPSHOT_FILES.store), buildMs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), queries: times.length, serialize } };
  });
}

async function hnsw() {
  const efConstruction = Number(args['ef-construction'] ?? tunables.hnswEfConstruction);
  const vectors = randomUnitVectors({ count: size, dimensions: DIMENSIONS, seed: 11 });
  const queries = randomUnitVectors({ count: 100, dimensions: DIMENSIONS, seed: 12 });
  return measureMemory(async (mark) => {
    const t0 = performance.now();
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label, vector })), dimensions: DIMENSIONS, modelId: 'random-unit-384', m: tunables.hnswM, efConstruction, efSearch: tunables.hnswEfSearch });
    const buildMs = performance.now() - t0;
    mark();
    for (const q of queries.slice(0, 5)) index.search({ vector: q, k: K });
    const times: number[] = [];
    const found: number[][] = [];
    for (const q of queries) {
      const t = performance.now();
      const hits = index.search({ vector: q, k: K });
      times.push(performance.now() - t);
      found.push(hits.slice(0, 10).map((h) => h.label));
    }
    // Recall@10 of the approximate search against exact cosine, on the first 50 queries.
    let recalled = 0;
    for (const [i, q] of queries.slice(0, 50).entries()) {
      const exact = exactTop10(vectors, q);
      recalled += (found[i] ?? []).filter((label) => exact.has(label)).length;
    }
    const t1 = performance.now();
    await index.save({ dir });
    const saveMs = performance.now() - t1;
    writeFileSync(join(dir, VECTOR_CHUNKS_FILE), `${JSON.stringify(corpus.chunks.map((c) => c.id))}\n`);
    return {
      rows: [],
      extra: {
        chunks: size,
        efConstruction,
        m: tunables.hnswM,
        efSearch: tunables.hnswEfSearch,
        buildMs,
        saveMs,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        recallAt10: recalled / (50 * 10),
        bytes: bytes(VECTOR_INDEX_FILES.graph) + bytes(VECTOR_INDEX_FILES.meta) + bytes(VECTOR_CHUNKS_FILE),
      },
    };
  });
}

const result = args.part === 'hnsw' ? await hnsw() : await lexical();
writeFileSync(args.out, JSON.stringify(result));
