/**
 * Retrieval benchmark on the three development sets (`../shared/bench/`: alqac2023, alqac2024,
 * zalo2021), each as written, without diacritics and with seeded typing noise:
 * `npm run bench:retrieval [-- --cache DIR --sets a,b --peers fts5,minisearch-vi --ablation-variants …]`.
 * Snapshots are built through the real pipeline once into --cache and reused (Zalo: 85k chunks).
 * Rows: the lexical engine before query understanding (baseline), the shipped retriever (query
 * understanding + learned ranking) with every question ranked by the weights of the fold that left
 * it out, the same with each technique turned off (ablation), and peers (SQLite FTS5 and
 * MiniSearch fed our tokens) in their own processes. Writes bench/results/retrieval.md/.json after
 * every step (a run stopped midway leaves what it measured); a step that fails is listed in the
 * report and the run goes on. What makes it finish (≈ 30 min → see the report's step times):
 * ablation rows retrieve again only the questions whose search the technique changes
 * (`runAblation`), peer indexes are cached by corpus fingerprint (`retrieval-peer-cache.ts`), and
 * on a set larger than --peer-questions the peers answer a fixed sample (reported beside the
 * shipped retriever on the same sample).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { lexicalEntries } from '../src/index/lexical-entries';
import { openSnapshot, type Snapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import type { RankWeights } from '../src/retrieve/rank-features';
import type { Retriever } from '../src/retrieve/types';
import { buildDocumentCatalog } from '../src/retrieve/document-catalog';
import { DEFAULT_UNDERSTANDING, type UnderstandingOptions } from '../src/retrieve/understanding';
import { ABLATIONS, NO_UNDERSTANDING, runAblation } from './retrieval-ablation';
import { questionSchema, readJsonl, writeCorpus, type BenchQuestion } from './retrieval-corpus';
import { foldOf } from './retrieval-folds';
import type { ChildResult } from './retrieval-memory';
import { percentile, summariseRanks, type RetrievalScores } from './retrieval-metrics';
import { corpusFingerprint, isCorpusCurrent, markCorpusCurrent, peerIndexPath } from './retrieval-peer-cache';
import { QUESTION_VARIANTS, runQuestions, type QuestionRuns, type QuestionVariant } from './retrieval-quality';
import { isLongOrPersonal } from './retrieval-question-style';
import { BASELINE_CONFIG, renderSetsReport, SHIPPED_CONFIG, SHIPPED_SUBSET, type MatrixRow, type PeerRow, type SetsReport, type StepTime } from './retrieval-sets-report';
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
    /** Peers answer all questions of a set up to this size, else a fixed sample of about this many (each question kept with probability N / size, by a hash of its id): FTS5 and MiniSearch take 0.3–3 s of CPU a question at 85k chunks. */
    'peer-questions': { type: 'string', default: '150' },
    /** A peer's process is stopped after this many minutes (the row is then listed as failed). */
    'peer-timeout-min': { type: 'string', default: '20' },
    /** `off`: retrieve every question for every ablation row instead of reusing the shipped result where the search is provably the same (to check the reuse). */
    'ablation-reuse': { type: 'string', default: 'on' },
    /** Which parts run on each set: `quality` (baseline and shipped, three forms), `ablation` (needs the shipped rows of its forms, else runs them), `peers`. */
    parts: { type: 'string', default: 'quality,ablation,peers' },
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
    // A set measured in parts (say quality in one run, peers in another) is listed once.
    corpora: [...new Map(parts.flatMap((p) => p.corpora).map((c) => [c.set, c])).values()],
    matrix: parts.flatMap((p) => p.matrix),
    subsets: parts.flatMap((p) => p.subsets ?? []),
    peers: parts.flatMap((p) => p.peers),
    failures: parts.flatMap((p) => p.failures),
    steps: parts.flatMap((p) => p.steps ?? []),
    machine: { ...first.machine, loadAverage: parts.at(-1)?.machine.loadAverage ?? first.machine.loadAverage },
    // The parts ran side by side: the run took as long as the longest; it is complete when each is.
    totalS: Math.max(...parts.map((p) => p.totalS ?? 0)),
    complete: parts.every((p) => p.complete !== false),
  };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'retrieval.json'), `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(join(args.out, 'retrieval.md'), renderSetsReport(merged));
  process.exit(0);
}

const config = loadConfig();
const fitted = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'src/retrieve/ranking-weights.json'), 'utf8')) as { folds: number; pool?: number; foldWeights: RankWeights[]; weights: RankWeights; heldOut: unknown };
const VARIANTS = Object.keys(QUESTION_VARIANTS) as QuestionVariant[];
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A retriever per question: the held-out fold's weights, so no question is ranked by weights fitted on it. */
function heldOutRetrievers(snapshot: Snapshot, understanding: UnderstandingOptions, ranking: 'learned' | 'lexical' = 'learned'): (q: BenchQuestion) => Retriever {
  const byFold = fitted.foldWeights.map((rankWeights) => createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, understanding, ranking, rankWeights, ...(fitted.pool === undefined ? {} : { rerankPool: fitted.pool }) }));
  return (q) => byFold[foldOf(q.id, fitted.folds)] ?? byFold[0] ?? createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical });
}

const matrix: MatrixRow[] = [];
const subsets: MatrixRow[] = [];
const peers: PeerRow[] = [];
const failures: string[] = [];
const steps: StepTime[] = [];
const corpora: SetsReport['corpora'] = [];
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
const startedAt = performance.now();
const peerQuestionLimit = Number(args['peer-questions']);
const runParts = new Set(args.parts.split(','));

/** CPU seconds of the finished child processes (Linux /proc: cutime + cstime, in clock ticks of 1/100 s); 0 elsewhere. */
function childrenCpuS(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** Runs one step, timed (wall, and CPU of this process and its children); a step that throws is recorded and the run goes on. */
async function step<T>(name: string, work: () => Promise<T> | T): Promise<T | undefined> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const k0 = childrenCpuS();
  try {
    return await work();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    log(`bench:retrieval: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  } finally {
    const cpu = process.cpuUsage(c0);
    steps.push({ step: name, wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 + (childrenCpuS() - k0) });
    writeReport(false);
  }
}

for (const name of args.sets.split(',') as BenchSetName[]) {
  const opened = await step(`${name}: snapshot`, async () => {
    const { dataDir } = await ensureSetSnapshot({ name, cacheDir: args.cache, tunables: config.tunables, log });
    return { dataDir, snapshot: openSnapshot({ dataDir, tunables: config.tunables }) };
  });
  if (opened === undefined) continue;
  const { dataDir, snapshot } = opened;
  const questions = readJsonl(benchSetPaths(name).questions, questionSchema);
  const documents = snapshot.store.listDocuments();
  corpora.push({ set: name, documents: documents.length, chunks: snapshot.lexical.size, questions: questions.length });
  const longOrPersonal = questions.map((q) => isLongOrPersonal(q.question));
  // The peers' questions: all of a small set; on a large one about --peer-questions of them, by a hash of the id (fixed, order-free).
  const peerSample = questions.map((q) => questions.length <= peerQuestionLimit || foldOf(`peer-sample:${q.id}`, questions.length) < peerQuestionLimit);
  const subsetRow = (config: string, variant: QuestionVariant, runs: QuestionRuns, label: string, keep: boolean[]) => {
    const ranks = runs.ranks.filter((_, i) => keep[i] === true);
    const times = runs.times.filter((_, i) => keep[i] === true);
    if (ranks.length > 0 && ranks.length < runs.ranks.length) subsets.push({ set: name, config, variant: `${variant} · ${label}`, questions: ranks.length, ...summariseRanks(ranks), p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), changed: 0 });
  };
  const record = async (config: string, variant: QuestionVariant, retrieverFor: (q: BenchQuestion) => Retriever, limit = questions.length): Promise<QuestionRuns | undefined> =>
    step(`${name}: ${config} · ${variant}`, async () => {
      log(`bench:retrieval: ${name} · ${config} · ${variant}…`);
      const asked = questions.slice(0, limit);
      const runs = await runQuestions({ snapshot, questions: asked, variant, retrieverFor });
      matrix.push({ set: name, config, variant, questions: asked.length, ...summariseRanks(runs.ranks), p50Ms: percentile(runs.times, 50), p95Ms: percentile(runs.times, 95), changed: runs.changed });
      if (limit === questions.length) {
        subsetRow(config, variant, runs, 'long or personal', longOrPersonal);
        if (args.peers !== '') subsetRow(config, variant, runs, 'peer sample', peerSample);
      }
      return runs;
    });
  const ablationLimit = args['ablation-limit'] === undefined ? questions.length : Math.min(questions.length, Number(args['ablation-limit']));
  const baseline = createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, understanding: NO_UNDERSTANDING, ranking: 'lexical' });
  const shippedRuns = new Map<QuestionVariant, QuestionRuns>();
  for (const variant of runParts.has('quality') ? VARIANTS : []) {
    await record(BASELINE_CONFIG, variant, () => baseline);
    const runs = await record(SHIPPED_CONFIG, variant, heldOutRetrievers(snapshot, DEFAULT_UNDERSTANDING));
    if (runs !== undefined) shippedRuns.set(variant, runs);
  }
  const catalog = buildDocumentCatalog({ store: snapshot.store });
  for (const variant of runParts.has('ablation') ? (args['ablation-variants'].split(',').filter((v) => v !== '') as QuestionVariant[]) : []) {
    const asked = questions.slice(0, ablationLimit);
    const full = shippedRuns.get(variant);
    const shipped = full === undefined ? await record(SHIPPED_SUBSET, variant, heldOutRetrievers(snapshot, DEFAULT_UNDERSTANDING), ablationLimit) : { ranks: full.ranks.slice(0, ablationLimit), times: full.times.slice(0, ablationLimit), changed: full.changed };
    if (shipped === undefined) continue;
    const memo = new Map<string, { json: string; namesDocument: boolean }>();
    if (full !== undefined && ablationLimit < questions.length) matrix.push({ set: name, config: SHIPPED_SUBSET, variant, questions: ablationLimit, ...summariseRanks(shipped.ranks), p50Ms: percentile(shipped.times, 50), p95Ms: percentile(shipped.times, 95), changed: 0 });
    for (const a of ABLATIONS) {
      const config = `shipped ${a.name}`;
      await step(`${name}: ${config} · ${variant}`, async () => {
        log(`bench:retrieval: ${name} · ${config} · ${variant}…`);
        const retrieverFor = heldOutRetrievers(snapshot, a.understanding, a.ranking ?? 'learned');
        const runs = args['ablation-reuse'] === 'off'
          ? { ...(await runQuestions({ snapshot, questions: asked, variant, retrieverFor })), retrieved: asked.length }
          : await runAblation({ snapshot, questions: asked, variant, ablation: a, shipped, retrieverFor, catalog, memo });
        matrix.push({ set: name, config, variant, questions: asked.length, ...summariseRanks(runs.ranks), p50Ms: percentile(runs.times, 50), p95Ms: percentile(runs.times, 95), changed: runs.changed, retrieved: runs.retrieved });
      });
    }
  }
  // Peers, each in its own process, on the same chunks.
  const selected = runParts.has('peers') ? args.peers.split(',').filter((p) => p !== '') : [];
  if (selected.length > 0) {
    const prepared = await step(`${name}: peer corpus`, () => {
      const chunks = documents.flatMap((d) => snapshot.store.chunksOfDocument(d.id));
      const entries = lexicalEntries({ documents: documents.map((d) => ({ ...d, text: '' })), chunks });
      const fingerprint = corpusFingerprint(entries);
      const corpusPath = join(args.cache, `${name}-corpus.json`);
      // Written again only when the chunks (or the text analysis) changed: 130 MB of JSON on Zalo.
      if (!isCorpusCurrent(corpusPath, fingerprint)) {
        const docs = new Map(documents.map((d) => [d.id, d]));
        writeCorpus(corpusPath, {
          dataDir,
          entries,
          describe: Object.fromEntries(chunks.map((c) => [c.id, { title: docs.get(c.docId)?.title ?? '', locator: c.locator }])),
          titles: Object.fromEntries(chunks.map((c) => [c.id, docs.get(c.docId)?.title ?? ''])),
          questions,
          offTopic: [],
        });
        markCorpusCurrent(corpusPath, fingerprint);
      }
      const questionsPath = join(args.cache, `${name}-peer-questions.json`);
      writeFileSync(questionsPath, JSON.stringify(questions.filter((_, i) => peerSample[i] === true)));
      return { corpusPath, questionsPath, fingerprint };
    });
    for (const engine of prepared === undefined ? [] : selected) {
      if (prepared === undefined) break;
      await step(`${name}: peer ${engine}`, () => {
        log(`bench:retrieval: ${name} · peer ${engine}…`);
        const out = join(args.cache, `${name}-${engine}.json`);
        rmSync(out, { force: true });
        const index = peerIndexPath({ cacheDir: args.cache, set: name, engine, fingerprint: prepared.fingerprint });
        const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/retrieval-child.ts'), '--corpus', prepared.corpusPath, '--questions', prepared.questionsPath, '--engine', engine, '--out', out, ...(index === undefined ? [] : ['--index', index])], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: Number(args['peer-timeout-min']) * 60 * 1000 });
        if (child.status !== 0) throw new Error(`exit ${child.status ?? child.signal}${child.signal === 'SIGTERM' ? ` (over --peer-timeout-min ${args['peer-timeout-min']})` : ''}: ${child.stderr.trim().split('\n').slice(-2).join(' / ')}`);
        const result = JSON.parse(readFileSync(out, 'utf8')) as ChildResult;
        const asked = peerSample.filter(Boolean).length;
        for (const row of result.rows) {
          for (const variant of ['accented', 'folded'] as const) {
            const v = row[variant];
            peers.push({ set: name, engine: row.engine, variant: variant === 'accented' ? 'written' : 'no diacritics', questions: asked, ...pick(v), p50Ms: v.p50Ms, p95Ms: v.p95Ms, buildMs: row.buildMs, peakRssMB: result.memory?.peakRssMB, ...(row.note === undefined ? {} : { note: row.note }) });
          }
        }
      });
    }
  }
  snapshot.close();
}

function writeReport(final: boolean): SetsReport {
  const report: SetsReport = {
    createdAt: new Date().toISOString(),
    command: `npm run bench:retrieval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), loadAverageAtStart: loadAtStart },
    totalS: (performance.now() - startedAt) / 1000,
    complete: final,
    corpora,
    matrix,
    subsets,
    peers,
    failures,
    steps,
    fitted: { folds: fitted.folds, ...(fitted.pool === undefined ? {} : { pool: fitted.pool }), weights: fitted.weights, heldOut: fitted.heldOut },
  };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'retrieval.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'retrieval.md'), renderSetsReport(report));
  return report;
}

function pick(s: RetrievalScores): RetrievalScores {
  return { recallAt1: s.recallAt1, recallAt5: s.recallAt5, recallAt10: s.recallAt10, mrrAt10: s.mrrAt10 };
}

process.stdout.write(renderSetsReport(writeReport(true)));
