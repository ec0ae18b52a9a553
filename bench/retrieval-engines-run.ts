/**
 * Engine comparison on the ALQAC 2023 laws, one run, side by side: `npm run bench:retrieval:engines [--
 * --laws DIR --questions FILE --out DIR --engines a,b,… --allow-test-model --embedding-cache FILE]`.
 * Indexes the laws through the real pipeline (buildSnapshot), then runs each engine in its own
 * child process (memory measured there) on the same chunks and questions with the same
 * article-level scoring, as written and without diacritics: this project lexical-only, dense-only
 * and hybrid (when a real embedding model is installed), and MiniSearch, FlexSearch, Orama with
 * their default tokenizers and with ours, plus SQLite FTS5. Writes bench/results/retrieval.md/.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { bm25Params } from '../src/index/bm25-index';
import { buildSnapshot } from '../src/index/build-snapshot';
import { lexicalEntries } from '../src/index/lexical-entries';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import { offTopicSchema, questionSchema, readJsonl, writeCorpus, type BenchCorpus } from './retrieval-corpus';
import { evaluate } from './retrieval-evaluate';
import type { ChildResult, EngineRow } from './retrieval-memory';
import { percentile } from './retrieval-metrics';
import { inspectBenchModel } from './retrieval-model';
import { renderReport, type RetrievalReport } from './retrieval-report';
import { sweepBm25 } from './retrieval-sweep';

const ALL_ENGINES = ['troly-bm25f', 'dense', 'minisearch-default', 'minisearch-vi', 'flexsearch-default', 'flexsearch-vi', 'orama-default', 'orama-vi', 'fts5'];
const { values: args } = parseArgs({
  options: {
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    questions: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl') },
    offtopic: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/retrieval-offtopic.jsonl') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
    engines: { type: 'string', default: ALL_ENGINES.join(',') },
    /** Run the dense rows even with the generated tiny test model (to exercise the code path; numbers meaningless). */
    'allow-test-model': { type: 'boolean', default: false },
    /** Reuse passage vectors across runs (the build time then excludes cached embeddings). */
    'embedding-cache': { type: 'string' },
  },
});

const POOL = 50;
const config = loadConfig();
const tunables = config.tunables;
const questions = readJsonl(args.questions, questionSchema);
const offTopic = readJsonl(args.offtopic, offTopicSchema);
const selected = args.engines.split(',').filter((e) => e !== '');
const model = inspectBenchModel({ config });
const runDense = selected.includes('dense') && (model.status === 'real' || (model.status === 'test-model' && args['allow-test-model']));

const work = mkdtempSync(join(tmpdir(), 'troly-bench-'));
const dataDir = join(work, 'data');
try {
  // --- the shipped pipeline, lexical part (the dense part is built in its child) ---
  const marks = new Map<string, number>();
  const start = performance.now();
  const built = await buildSnapshot({ knowledgeDir: args.laws, dataDir, tunables, onProgress: (p) => void (marks.has(p.phase) || marks.set(p.phase, performance.now())) });
  const end = performance.now();
  if (built.manifest === null) throw new Error(`No chunks from ${args.laws}: is it the ALQAC laws folder? Pass --laws.`);
  const loadStart = performance.now();
  const snapshot = openSnapshot({ dataDir, tunables });
  const snapshotLoadMs = performance.now() - loadStart;
  const docs = new Map(snapshot.store.listDocuments().map((d) => [d.id, d]));
  const chunks = [...docs.keys()].flatMap((id) => snapshot.store.chunksOfDocument(id));
  const corpus: BenchCorpus = {
    dataDir,
    entries: lexicalEntries({ documents: built.ingest.documents, chunks }),
    describe: Object.fromEntries(chunks.map((c) => [c.id, { title: docs.get(c.docId)?.title ?? '', locator: c.locator }])),
    titles: Object.fromEntries(chunks.map((c) => [c.id, docs.get(c.docId)?.title ?? ''])),
    questions,
    offTopic,
  };
  const corpusPath = join(work, 'corpus.json');
  writeCorpus(corpusPath, corpus);

  // --- every engine in its own process ---
  const rows: EngineRow[] = [];
  const failures: string[] = [];
  let denseExtra: Record<string, unknown> | undefined;
  for (const engine of selected) {
    if (engine === 'dense' && !runDense) continue;
    process.stderr.write(`bench:retrieval: ${engine}…\n`);
    const out = join(work, `${engine}.json`);
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/retrieval-child.ts'), '--corpus', corpusPath, '--engine', engine, '--out', out, ...(args['embedding-cache'] ? ['--embedding-cache', args['embedding-cache']] : [])],
      { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 20 * 60 * 1000 },
    );
    if (child.status !== 0) {
      failures.push(`${engine}: exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      continue;
    }
    const result = JSON.parse(readFileSync(out, 'utf8')) as ChildResult;
    for (const row of result.rows) rows.push({ ...row, ...(result.memory === undefined ? {} : { memory: result.memory }), ...(engine === 'dense' ? { note: 'memory: one process for all dense/hybrid rows (model + vectors + lexical index)' } : {}) });
    if (engine === 'dense') denseExtra = result.extra;
  }

  // --- sensitivity of the shipped BM25F, and lexical confidence on dev vs off-topic (in this process) ---
  const params = bm25Params(tunables);
  const sweep = selected.includes('troly-bm25f')
    ? await sweepBm25({
        buffer: snapshot.lexical.serialize(),
        params,
        score: (index) => evaluate({ search: (q) => index.search({ query: analyzeQuery({ query: q }), k: POOL }).map((h) => h.chunkId), questions, describe: corpus.describe }),
      })
    : [];
  const retriever = createLexicalRetriever(snapshot);
  const dev: number[] = [];
  for (const q of questions) dev.push((await retriever.retrieve({ query: q.question, k: 1 })).confidence);
  const off: number[] = [];
  for (const q of offTopic) off.push((await retriever.retrieve({ query: q.question, k: 1 })).confidence);
  const threshold = tunables.refusalThreshold;
  const lexicalBytes = snapshot.lexical.serialize().length;
  snapshot.close();

  const report: RetrievalReport = {
    createdAt: new Date().toISOString(),
    command: `npm run bench:retrieval:engines${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version, loadAverage: (await import('node:os')).loadavg().map((l) => Number(l.toFixed(2))) },
    corpus: { lawsDir: args.laws, documents: built.ingest.documents.length, chunks: built.chunkCount, questions: questions.length },
    pipeline: {
      ingestMs: (marks.get('chunk') ?? end) - start,
      chunkMs: (marks.get('store') ?? end) - (marks.get('chunk') ?? end),
      storeAndIndexMs: end - (marks.get('store') ?? end),
      totalBuildMs: end - start,
      snapshotLoadMs,
      lexicalBytes,
    },
    model: { ...model, measured: runDense, ...(denseExtra === undefined ? {} : { run: denseExtra }) },
    tunables: { ...params, chunkTargetChars: tunables.chunkTargetChars, chunkOverlapChars: tunables.chunkOverlapChars, articleMaxChars: tunables.articleMaxChars, fusionCandidates: tunables.fusionCandidates, fusionMethod: tunables.fusionMethod, lexicalWeight: tunables.lexicalWeight, rrfK: tunables.rrfK, hnswM: tunables.hnswM, hnswEfConstruction: tunables.hnswEfConstruction, hnswEfSearch: tunables.hnswEfSearch },
    rows,
    failures,
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
  try {
    report.notes = readFileSync(resolve(PROJECT_ROOT, 'bench/retrieval-notes.md'), 'utf8').split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  } catch {
    // No notes file: the report is numbers only.
  }
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'retrieval-engines.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'retrieval-engines.md'), renderReport(report));
  process.stdout.write(renderReport(report));
} finally {
  rmSync(work, { recursive: true, force: true });
}
