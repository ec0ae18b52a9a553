/**
 * One measurement of bench:scale in its own process: `node --expose-gc --import tsx
 * bench/scale-child.ts --laws DIR --size N --part lexical|segments|hnsw [--ef-construction E] [--queries N] --dir DIR --out FILE`.
 * `--queries` bounds the questions searched (each in every variant); default all of the file.
 * segments: the shipped index (segment files) written by writeSnapshot, opened, searched the same way,
 * then one document added and deleted (each timed to the new snapshot opened).
 * lexical: build the BM25F index over N synthetic chunks, write the chunk store and the index file
 * into DIR, time `LexicalRetriever.retrieve` (k = 50) on the 100 dev questions as written and
 * without diacritics. hnsw: N random unit vectors of 384 dimensions, build, time k = 50 searches
 * for 100 queries made near stored vectors, how often that vector comes first, write the index files.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Retriever } from '../src/retrieve/types';
import { loadConfig } from '../src/config/config';
import { describeError } from '../src/config/errors';
import { bm25Params, buildBm25Index, loadBm25Index } from '../src/index/bm25-index';
import { lexicalEntries } from '../src/index/lexical-entries';
/** File names of the in-memory BM25F measured here (the shipped index is segments: scale-segments.ts). */
const STORE_FILE = 'store.sqlite';
const LEXICAL_FILE = 'lexical.bin';
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
import type { Chunk } from '../src/chunk/types';
import type { SourceDocument } from '../src/ingest/types';
import { chunkerSettings } from '../src/index/chunker-settings';
import type { SnapshotManifest } from '../src/index/manifest';
import { openSnapshot } from '../src/index/open-snapshot';
import { acquireWriteLock } from '../src/index/write-lock';
import { writeSnapshot } from '../src/index/write-snapshot';

const { values: args } = parseArgs({
  options: {
    laws: { type: 'string' },
    questions: { type: 'string' },
    size: { type: 'string' },
    part: { type: 'string' },
    'ef-construction': { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string' },
    queries: { type: 'string' },
  },
});
const size = Number(args.size);
if (args.laws === undefined || args.questions === undefined || args.dir === undefined || args.out === undefined || !(size > 0)) throw new Error('usage: scale-child.ts --laws DIR --questions FILE --size N --part lexical|segments|hnsw --dir DIR --out FILE');
const dir = args.dir;
const questionLimit = args.queries === undefined ? Infinity : Number(args.queries);
if (!(questionLimit > 0)) throw new Error('scale-child.ts: --queries must be a positive number');
const readQuestions = () => readJsonl(args.questions as string, questionSchema).slice(0, questionLimit);
const tunables = loadConfig().tunables;
const DIMENSIONS = 384;
const K = tunables.fusionCandidates;

const bytes = (file: string) => statSync(join(dir, file)).size;

/** Noise added to a stored vector to make a query: cos(query, source) = 1/√(1 + σ²) ≈ 0.9 for σ = 0.484. */
const QUERY_NOISE = 0.484;

/**
 * Queries that have a clear answer, as a real question has a relevant passage: stored vectors
 * (every `step`-th) plus random noise of length σ, renormalised. Uniformly random queries would
 * have none — in 384 random dimensions every stored vector is about equally far — and their
 * "nearest neighbours" would measure noise, not the index.
 */
function queriesNear(vectors: readonly Float32Array[], count: number): Array<{ source: number; vector: Float32Array }> {
  const noise = randomUnitVectors({ count, dimensions: DIMENSIONS, seed: 12 });
  const step = Math.max(1, Math.floor(vectors.length / count));
  return noise.map((n, i) => {
    const source = (i * step) % vectors.length;
    const v = vectors[source] as Float32Array;
    const q = v.map((x, j) => x + QUERY_NOISE * (n[j] as number));
    const norm = Math.hypot(...q) || 1;
    return { source, vector: q.map((x) => x / norm) };
  });
}

const corpus = synthesize({ base: await lawChunks({ lawsDir: args.laws, tunables }), size });

async function lexical() {
  const questions = readQuestions();
  const entries = lexicalEntries(corpus);
  const t0 = performance.now();
  writeSqliteStore({ path: join(dir, STORE_FILE), ...corpus });
  const storeMs = performance.now() - t0;
  return measureMemory(async (mark) => {
    const t1 = performance.now();
    const index = buildBm25Index({ entries, params: bm25Params(tunables) });
    const buildMs = performance.now() - t1;
    mark();
    const store = openSqliteStore({ path: join(dir, STORE_FILE) });
    const retriever = createLexicalRetriever({ store, lexical: index });
    for (const q of questions.slice(0, 5)) await retriever.retrieve({ query: q.question, k: K });
    const times = await searchTimes(retriever, questions);
    store.close();
    // The index file (lexical.bin): a binary container, written and read as one Buffer.
    let serialize: { ms: number; loadMs: number; bytes: number } | { error: string };
    try {
      const t2 = performance.now();
      const buffer = index.serialize();
      const ms = performance.now() - t2;
      writeFileSync(join(dir, LEXICAL_FILE), buffer);
      const t3 = performance.now();
      loadBm25Index({ buffer, params: tunables, source: 'scale' });
      serialize = { ms, loadMs: performance.now() - t3, bytes: buffer.length };
    } catch (error) {
      serialize = { error: describeError(error) };
    }
    return { rows: [], extra: { chunks: corpus.chunks.length, documents: corpus.documents.length, storeMs, storeBytes: bytes(STORE_FILE), buildMs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), queries: times.length, serialize } };
  });
}

async function hnsw() {
  const efConstruction = Number(args['ef-construction'] ?? tunables.hnswEfConstruction);
  const vectors = randomUnitVectors({ count: size, dimensions: DIMENSIONS, seed: 11 });
  const queries = queriesNear(vectors, 100);
  return measureMemory(async (mark) => {
    const t0 = performance.now();
    const index = buildVectorIndex({ items: vectors.map((vector, label) => ({ label, vector })), dimensions: DIMENSIONS, modelId: 'random-unit-384', m: tunables.hnswM, efConstruction, efSearch: tunables.hnswEfSearch });
    const buildMs = performance.now() - t0;
    mark();
    for (const q of queries.slice(0, 5)) index.search({ vector: q.vector, k: K });
    const times: number[] = [];
    let first = 0;
    let top10 = 0;
    for (const q of queries) {
      const t = performance.now();
      const hits = index.search({ vector: q.vector, k: K });
      times.push(performance.now() - t);
      // The source is the exact nearest neighbour (cos ≈ 0.9; any other stored vector ≈ 0 ± 0.2).
      const rank = hits.findIndex((h) => h.label === q.source);
      if (rank === 0) first += 1;
      if (rank >= 0 && rank < 10) top10 += 1;
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
        sourceAt1: first / queries.length,
        sourceAt10: top10 / queries.length,
        bytes: bytes(VECTOR_INDEX_FILES.graph) + bytes(VECTOR_INDEX_FILES.meta) + bytes(VECTOR_CHUNKS_FILE),
      },
    };
  });
}

/**
 * The shipped index on the synthetic corpus: the segments a full build writes (through
 * `writeSnapshot`, as `troly index` does), opened from disk; keyword search through the same
 * retriever; then one document added as a new segment and one deleted, each timed to the new
 * snapshot opened.
 */
async function segments() {
  const questions = readQuestions();
  const dataDir = join(dir, 'data');
  const byDoc = new Map<string, Chunk[]>();
  for (const c of corpus.chunks) byDoc.set(c.docId, [...(byDoc.get(c.docId) ?? []), c]);
  const [extra, ...rest] = corpus.documents;
  const write = (documents: readonly SourceDocument[], base?: { manifest: SnapshotManifest; remove: Set<string> }) => {
    const lock = acquireWriteLock({ dataDir });
    return writeSnapshot({ dataDir, lock, documents, chunks: (d) => byDoc.get(d.id) ?? [], ...(base === undefined ? {} : { base }), chunker: chunkerSettings(tunables), lexicalParams: bm25Params(tunables), ingest: { filesSeen: 0, problems: 0 }, knowledgeFingerprint: 'scale' }).finally(() => lock.release());
  };
  return measureMemory(async (mark) => {
    const t0 = performance.now();
    const manifest = await write(rest);
    const buildMs = performance.now() - t0;
    mark();
    const t1 = performance.now();
    const snapshot = openSnapshot({ dataDir, tunables });
    const openMs = performance.now() - t1;
    const retriever = createLexicalRetriever(snapshot);
    const times = await searchTimes(retriever, questions);
    const rssAfterSearchMB = process.memoryUsage().rss / 1048576;
    snapshot.close();
    const update = async (documents: readonly SourceDocument[], base: { manifest: SnapshotManifest; remove: Set<string> }) => {
      const t = performance.now();
      const next = await write(documents, base);
      openSnapshot({ dataDir, tunables }).close();
      return { ms: performance.now() - t, manifest: next };
    };
    const added = await update(extra === undefined ? [] : [extra], { manifest, remove: new Set() });
    const deleted = await update([], { manifest: added.manifest, remove: new Set(extra === undefined ? [] : [extra.id]) });
    const diskBytes = manifest.lexical.segments.reduce((n, e) => n + e.bytes + e.postings.bytes, 0);
    return {
      rows: [],
      extra: { chunks: corpus.chunks.length, documents: corpus.documents.length, buildMs, openMs, diskBytes, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), queries: times.length, rssAfterSearchMB, addMs: added.ms, addedChunks: byDoc.get(extra?.id ?? '')?.length ?? 0, deleteMs: deleted.ms },
    };
  });
}

const result = args.part === 'hnsw' ? await hnsw() : args.part === 'segments' ? await segments() : await lexical();
writeFileSync(args.out, JSON.stringify(result));

/** Each question as written and in every variant, searched one after another: the time of each search, ms. */
async function searchTimes(retriever: Retriever, questions: ReadonlyArray<{ question: string }>): Promise<number[]> {
  const times: number[] = [];
  for (const variant of VARIANTS) {
    for (const q of questions) {
      const t = performance.now();
      await retriever.retrieve({ query: variant.text(q.question), k: K });
      times.push(performance.now() - t);
    }
  }
  return times;
}
