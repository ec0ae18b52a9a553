/**
 * Retrieval benchmark on the three development sets (`../shared/bench/`: alqac2023, alqac2024,
 * zalo2021), each as written, without diacritics and with seeded typing noise:
 * `npm run bench:retrieval [-- --cache DIR --sets a,b --peers fts5,minisearch-vi --ablation-variants …]`.
 * Snapshots are built through the real pipeline once into --cache and reused (Zalo: 85k chunks).
 * Rows: the lexical engine before query understanding (baseline), the shipped retriever (query
 * understanding + learned ranking) with every question ranked by the weights of the fold that left
 * it out, the same with each technique turned off (ablation), and peers (SQLite FTS5 and
 * MiniSearch fed our tokens) in their own processes. Writes bench/results/retrieval.md/.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { lexicalEntries } from '../src/index/lexical-entries';
import { openSnapshot, type Snapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import type { RankWeights } from '../src/retrieve/rank-features';
import type { Retriever } from '../src/retrieve/types';
import { DEFAULT_UNDERSTANDING, type UnderstandingOptions } from '../src/retrieve/understanding';
import { questionSchema, readJsonl, writeCorpus, type BenchQuestion } from './retrieval-corpus';
import { foldOf } from './retrieval-folds';
import type { ChildResult } from './retrieval-memory';
import { percentile, summariseRanks, type RetrievalScores } from './retrieval-metrics';
import { QUESTION_VARIANTS, runQuestions, type QuestionVariant } from './retrieval-quality';
import { renderSetsReport, SHIPPED_SUBSET, type SetsReport, type MatrixRow, type PeerRow } from './retrieval-sets-report';
import { BENCH_SETS, benchSetPaths, ensureSetSnapshot, type BenchSetName } from './retrieval-sets';

const { values: args } = parseArgs({
  options: {
    cache: { type: 'string', default: '/tmp/troly-retrieval-cache' },
    sets: { type: 'string', default: BENCH_SETS.join(',') },
    peers: { type: 'string', default: 'fts5,minisearch-vi' },
    'ablation-variants': { type: 'string', default: 'written,typing noise' },
    /** Ablation rows on the first N questions of each set only (the 85k-chunk set is slow on a shared machine); default all. */
    'ablation-limit': { type: 'string' },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
    /** Comma-separated retrieval.json files of runs over different sets (run side by side), merged into one report. */
    merge: { type: 'string' },
  },
});

if (args.merge !== undefined) {
  const parts = args.merge.split(',').map((file) => JSON.parse(readFileSync(file, 'utf8')) as SetsReport);
  const first = parts[0];
  if (first === undefined) throw new Error('--merge needs at least one retrieval.json');
  const merged: SetsReport = {
    ...first,
    command: parts.map((p) => p.command).join(' ; '),
    corpora: parts.flatMap((p) => p.corpora),
    matrix: parts.flatMap((p) => p.matrix),
    peers: parts.flatMap((p) => p.peers),
    failures: parts.flatMap((p) => p.failures),
    machine: { ...first.machine, loadAverage: parts.at(-1)?.machine.loadAverage ?? first.machine.loadAverage },
  };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'retrieval.json'), `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(join(args.out, 'retrieval.md'), renderSetsReport(merged));
  process.exit(0);
}

const config = loadConfig();
const fitted = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'src/retrieve/ranking-weights.json'), 'utf8')) as { folds: number; pool?: number; foldWeights: RankWeights[]; weights: RankWeights; heldOut: unknown };
const NONE: UnderstandingOptions = { ...DEFAULT_UNDERSTANDING, scaffolding: false, chatCode: false, spelling: false, abbreviations: false, everyday: false, documents: 'off', feedback: false };
const ABLATIONS: Array<{ name: string; understanding: UnderstandingOptions; ranking?: 'lexical' }> = [
  { name: 'without scaffolding removal', understanding: { ...DEFAULT_UNDERSTANDING, scaffolding: false } },
  { name: 'without chat code', understanding: { ...DEFAULT_UNDERSTANDING, chatCode: false } },
  { name: 'without spelling repair', understanding: { ...DEFAULT_UNDERSTANDING, spelling: false } },
  { name: 'without abbreviations', understanding: { ...DEFAULT_UNDERSTANDING, abbreviations: false } },
  { name: 'without everyday→legal lexicon', understanding: { ...DEFAULT_UNDERSTANDING, everyday: false } },
  { name: 'documents as boost, not filter', understanding: { ...DEFAULT_UNDERSTANDING, documents: 'boost' } },
  { name: 'without document references', understanding: { ...DEFAULT_UNDERSTANDING, documents: 'off' } },
  { name: 'without learned ranking (BM25F order)', understanding: DEFAULT_UNDERSTANDING, ranking: 'lexical' },
];
const VARIANTS = Object.keys(QUESTION_VARIANTS) as QuestionVariant[];
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A retriever per question: the held-out fold's weights, so no question is ranked by weights fitted on it. */
function heldOutRetrievers(snapshot: Snapshot, understanding: UnderstandingOptions, ranking: 'learned' | 'lexical' = 'learned'): (q: BenchQuestion) => Retriever {
  const byFold = fitted.foldWeights.map((rankWeights) => createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, understanding, ranking, rankWeights, ...(fitted.pool === undefined ? {} : { rerankPool: fitted.pool }) }));
  return (q) => byFold[foldOf(q.id, fitted.folds)] ?? byFold[0] ?? createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical });
}

const matrix: MatrixRow[] = [];
const peers: PeerRow[] = [];
const failures: string[] = [];
const corpora: SetsReport['corpora'] = [];
for (const name of args.sets.split(',') as BenchSetName[]) {
  const { dataDir } = await ensureSetSnapshot({ name, cacheDir: args.cache, tunables: config.tunables, log });
  const snapshot = openSnapshot({ dataDir, tunables: config.tunables });
  const questions = readJsonl(benchSetPaths(name).questions, questionSchema);
  const documents = snapshot.store.listDocuments();
  corpora.push({ set: name, documents: documents.length, chunks: snapshot.lexical.size, questions: questions.length });
  const record = async (config: string, variant: QuestionVariant, retrieverFor: (q: BenchQuestion) => Retriever, limit = questions.length) => {
    log(`bench:retrieval: ${name} · ${config} · ${variant}…`);
    const asked = questions.slice(0, limit);
    const runs = await runQuestions({ snapshot, questions: asked, variant, retrieverFor });
    matrix.push({ set: name, config, variant, questions: asked.length, ...summariseRanks(runs.ranks), p50Ms: percentile(runs.times, 50), p95Ms: percentile(runs.times, 95), changed: runs.changed });
  };
  const ablationLimit = args['ablation-limit'] === undefined ? questions.length : Math.min(questions.length, Number(args['ablation-limit']));
  const baseline = createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, understanding: NONE, ranking: 'lexical' });
  for (const variant of VARIANTS) {
    await record('baseline: BM25F, no query understanding', variant, () => baseline);
    await record('shipped: understanding + learned ranking (held-out folds)', variant, heldOutRetrievers(snapshot, DEFAULT_UNDERSTANDING));
  }
  for (const variant of args['ablation-variants'].split(',') as QuestionVariant[]) {
    if (ablationLimit < questions.length) await record(`${SHIPPED_SUBSET}`, variant, heldOutRetrievers(snapshot, DEFAULT_UNDERSTANDING), ablationLimit);
    for (const a of ABLATIONS) await record(`shipped ${a.name}`, variant, heldOutRetrievers(snapshot, a.understanding, a.ranking ?? 'learned'), ablationLimit);
  }
  // Peers, each in its own process, on the same chunks.
  const selected = args.peers.split(',').filter((p) => p !== '');
  if (selected.length > 0) {
    const chunks = documents.flatMap((d) => snapshot.store.chunksOfDocument(d.id));
    const docs = new Map(documents.map((d) => [d.id, d]));
    const corpusPath = join(args.cache, `${name}-corpus.json`);
    writeCorpus(corpusPath, {
      dataDir,
      entries: lexicalEntries({ documents: documents.map((d) => ({ ...d, text: '' })), chunks }),
      describe: Object.fromEntries(chunks.map((c) => [c.id, { title: docs.get(c.docId)?.title ?? '', locator: c.locator }])),
      titles: Object.fromEntries(chunks.map((c) => [c.id, docs.get(c.docId)?.title ?? ''])),
      questions,
      offTopic: [],
    });
    for (const engine of selected) {
      log(`bench:retrieval: ${name} · peer ${engine}…`);
      const out = join(args.cache, `${name}-${engine}.json`);
      const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/retrieval-child.ts'), '--corpus', corpusPath, '--engine', engine, '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 30 * 60 * 1000 });
      if (child.status !== 0) {
        failures.push(`${name} ${engine}: exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-2).join(' / ')}`);
        continue;
      }
      const result = JSON.parse(readFileSync(out, 'utf8')) as ChildResult;
      for (const row of result.rows) {
        for (const variant of ['accented', 'folded'] as const) {
          const v = row[variant];
          peers.push({ set: name, engine: row.engine, variant: variant === 'accented' ? 'written' : 'no diacritics', ...pick(v), p50Ms: v.p50Ms, p95Ms: v.p95Ms, buildMs: row.buildMs, peakRssMB: result.memory?.peakRssMB });
        }
      }
    }
  }
  snapshot.close();
}

function pick(s: RetrievalScores): RetrievalScores {
  return { recallAt1: s.recallAt1, recallAt5: s.recallAt5, recallAt10: s.recallAt10, mrrAt10: s.mrrAt10 };
}

const report: SetsReport = {
  createdAt: new Date().toISOString(),
  command: `npm run bench:retrieval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  corpora,
  matrix,
  peers,
  failures,
  fitted: { folds: fitted.folds, weights: fitted.weights, heldOut: fitted.heldOut },
};
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'retrieval.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(args.out, 'retrieval.md'), renderSetsReport(report));
process.stdout.write(renderSetsReport(report));
