/**
 * Retrieval benchmark on the ALQAC 2023 laws: `npm run bench:retrieval [-- --laws DIR --questions FILE
 * --out DIR --engines bm25,minisearch,fts5]`. Indexes the laws through the real pipeline
 * (buildSnapshot), scores the dev questions at article level as written and without diacritics,
 * times build, load and queries, compares other lexical engines on the same tokens, and writes
 * bench/results/retrieval.md and .json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { bm25Params } from '../src/index/bm25-index';
import { buildSnapshot } from '../src/index/build-snapshot';
import { lexicalEntries } from '../src/index/lexical-entries';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import { foldDiacritics } from '../src/text/index';
import { fts5Engine, miniSearchEngine, type BenchEngine } from './retrieval-engines';
import { sweepBm25 } from './retrieval-sweep';
import { firstRelevantRank, percentile, rankArticles, summariseRanks } from './retrieval-metrics';
import { renderReport, type EngineRun, type RetrievalReport } from './retrieval-report';

const { values: args } = parseArgs({
  options: {
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    questions: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl') },
    offtopic: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/retrieval-offtopic.jsonl') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
    engines: { type: 'string', default: 'bm25,minisearch,fts5' },
  },
});

const questionSchema = z.object({ id: z.string(), question: z.string(), relevant: z.array(z.object({ law: z.string(), article: z.string() })).min(1) });
const offTopicSchema = z.object({ id: z.string(), question: z.string() });
const readJsonl = <T>(path: string, schema: z.ZodType<T>): T[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => schema.parse(JSON.parse(l)));

/** Pool of chunks each ranking takes, so that ten distinct articles remain after merging khoản chunks. */
const POOL = 50;
const config = loadConfig();
const tunables = config.tunables;
const questions = readJsonl(args.questions, questionSchema);
const offTopic = readJsonl(args.offtopic, offTopicSchema);
const variants = [
  { name: 'accented' as const, text: (q: string) => q },
  { name: 'folded' as const, text: (q: string) => foldDiacritics(q) },
];

const dataDir = mkdtempSync(join(tmpdir(), 'troly-bench-'));
try {
  // --- the shipped pipeline ---
  const marks = new Map<string, number>();
  const start = performance.now();
  const built = await buildSnapshot({
    knowledgeDir: args.laws,
    dataDir,
    tunables,
    onProgress: (p) => void (marks.has(p.phase) || marks.set(p.phase, performance.now())),
  });
  const end = performance.now();
  if (built.manifest === null) throw new Error(`No chunks from ${args.laws}: is it the ALQAC laws folder? Pass --laws.`);
  const chunkStart = marks.get('chunk') ?? end;
  const storeStart = marks.get('store') ?? end;
  const loadStart = performance.now();
  const snapshot = openSnapshot({ dataDir, tunables });
  const snapshotLoadMs = performance.now() - loadStart;
  const retriever = createLexicalRetriever(snapshot);
  const docs = new Map(snapshot.store.listDocuments().map((d) => [d.id, d]));
  const chunks = [...docs.keys()].flatMap((id) => snapshot.store.chunksOfDocument(id));
  const describe = new Map(chunks.map((c) => [c.id, { chunkId: c.id, locator: c.locator, title: docs.get(c.docId)?.title ?? '' }]));

  const engines: EngineRun[] = [];
  const params = bm25Params(tunables);
  const devConfidence: number[] = [];
  const selected = new Set(args.engines.split(','));

  const misses: Record<string, string[]> = {};
  /** Runs every question in both variants through `search`, returning scores and latencies. */
  async function evaluate(search: (q: string) => Promise<string[]>, missesOf?: string) {
    for (const q of questions.slice(0, 5)) await search(q.question); // warm-up
    const out = {} as Pick<EngineRun, 'accented' | 'folded'>;
    for (const variant of variants) {
      const ranks: Array<number | undefined> = [];
      const times: number[] = [];
      for (const q of questions) {
        const t = performance.now();
        const ids = await search(variant.text(q.question));
        times.push(performance.now() - t);
        const ranking = rankArticles(ids.flatMap((id) => describe.get(id) ?? []));
        const rank = firstRelevantRank(ranking, q.relevant);
        ranks.push(rank);
        if (missesOf !== undefined && (rank === undefined || rank > 5)) (misses[variant.name] ??= []).push(`${q.id} (rank ${rank ?? '>10'})`);
      }
      out[variant.name] = { ...summariseRanks(ranks), p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
    }
    return out;
  }

  if (selected.has('bm25')) {
    const results = await evaluate(async (q) => {
      const result = await retriever.retrieve({ query: q, k: POOL });
      if (devConfidence.length < questions.length * 2 + 5) devConfidence.push(result.confidence);
      return result.passages.map((p) => p.chunk.id);
    }, 'bm25');
    engines.push({
      engine: 'troly BM25F (shipped)',
      buildMs: end - storeStart,
      indexBytes: snapshot.lexical.serialize().length,
      loadMs: snapshotLoadMs,
      ...results,
    });
  }
  const alternatives: BenchEngine[] = [];
  if (selected.has('minisearch')) alternatives.push(miniSearchEngine(params));
  if (selected.has('fts5')) alternatives.push(fts5Engine(params));
  const entries = lexicalEntries({ documents: built.ingest.documents, chunks });
  for (const engine of alternatives) {
    const t0 = performance.now();
    engine.build(entries);
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    const indexBytes = engine.reload();
    const loadMs = performance.now() - t1;
    const results = await evaluate(async (q) => engine.search(analyzeQuery({ query: q }), POOL));
    engines.push({ engine: engine.name, buildMs, indexBytes, loadMs, ...results });
  }

  const sweep = selected.has('bm25')
    ? await sweepBm25({
        buffer: snapshot.lexical.serialize(),
        params,
        score: async (index) => evaluate(async (q) => index.search({ query: analyzeQuery({ query: q }), k: POOL }).map((h) => h.chunkId)),
      })
    : [];

  // --- confidence on the dev questions (first 5 are warm-up) vs. off-topic ones ---
  const dev = devConfidence.slice(5, 5 + questions.length);
  const off: number[] = [];
  for (const q of offTopic) off.push((await retriever.retrieve({ query: q.question, k: 1 })).confidence);
  const threshold = tunables.refusalThreshold;
  snapshot.close();

  const report: RetrievalReport = {
    createdAt: new Date().toISOString(),
    command: `npm run bench:retrieval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    corpus: { lawsDir: args.laws, documents: built.ingest.documents.length, chunks: built.chunkCount, questions: questions.length },
    pipeline: { ingestMs: chunkStart - start, chunkMs: storeStart - chunkStart, storeAndIndexMs: end - storeStart, totalBuildMs: end - start, snapshotLoadMs },
    tunables: { ...params, chunkTargetChars: tunables.chunkTargetChars, chunkOverlapChars: tunables.chunkOverlapChars, articleMaxChars: tunables.articleMaxChars },
    engines,
    misses,
    sweep,
    confidence: {
      devMedian: percentile(dev, 50),
      devP10: percentile(dev, 10),
      offTopicMedian: percentile(off, 50),
      offTopicP90: percentile(off, 90),
      refusalThreshold: threshold,
      devRefused: dev.filter((c) => c < threshold).length,
      offTopicAccepted: off.filter((c) => c >= threshold).length,
      offTopicCount: off.length,
    },
    notes: [],
  };
  const notesPath = resolve(PROJECT_ROOT, 'bench/retrieval-notes.md');
  try {
    report.notes = readFileSync(notesPath, 'utf8').split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  } catch {
    // No notes file: the report is numbers only.
  }
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'retrieval.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'retrieval.md'), renderReport(report));
  process.stdout.write(renderReport(report));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
