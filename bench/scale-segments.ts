/**
 * The shipped index (segments) on a real knowledge folder, as a server sees it: `node --expose-gc
 * --import tsx bench/scale-segments.ts --knowledge DIR --questions FILE --work DIR --out FILE
 * [--queries 150] [--limit 60] [--ingest-cache FILE]`.
 * 1. full build in a child process (time, peak RSS); 2. start-up: open the live pipeline and
 * answer once (ready time); 3. keyword search p50 / p95 on the first `--queries` questions in every
 * variant (as written, without diacritics), after one warm-up pass, and answer p50 / p95 on the
 * first `--limit` of those (question, variant) pairs (an answer costs several searches: 926
 * answers did not finish within 18 minutes on the shared machine); 4. one
 * document added, replaced and deleted: the build in a child process (as the admin's reindex
 * runs it) and the switch in this one, timed from the change to the new snapshot answering,
 * while answers keep being asked (10 at a time) and the event loop's longest stall is recorded.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openLivePipeline } from '../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { loadPrompts } from '../src/prompts/catalog';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { openSnapshot } from '../src/index/open-snapshot';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { VARIANTS } from './retrieval-evaluate';
import { percentile } from './retrieval-metrics';

const { values: args } = parseArgs({ options: { knowledge: { type: 'string' }, questions: { type: 'string' }, work: { type: 'string' }, out: { type: 'string' }, 'ingest-cache': { type: 'string' }, queries: { type: 'string', default: '150' }, limit: { type: 'string', default: '60' } } });
if (args.knowledge === undefined || args.questions === undefined || args.work === undefined || args.out === undefined) throw new Error('usage: scale-segments.ts --knowledge DIR --questions FILE --work DIR --out FILE');
const work = args.work;
const knowledgeDir = join(work, 'knowledge');
const dataDir = join(work, 'data');
cpSync(args.knowledge, knowledgeDir, { recursive: true });
if (args['ingest-cache'] !== undefined) cpSync(args['ingest-cache'], join(dataDir, 'ingest-cache.sqlite'));
const config = loadConfig({ env: { TROLY_DATA_DIR: dataDir, TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_MODELS_DIR: join(work, 'models'), TROLY_LOG_LEVEL: 'silent' } });
const questions = readJsonl(args.questions, questionSchema).slice(0, Number(args.queries));
const answerLimit = Number(args.limit);
if (!(questions.length > 0) || !Number.isInteger(answerLimit) || answerLimit < 1) throw new Error('scale-segments.ts: --queries and --limit must be positive integers and the questions file must not be empty');
const prompts = loadPrompts({ dir: config.promptsDir });

function build(label: string): { ms: number; peakMB: number; chunks: number; documents: number; reused: number; segments: number } {
  const out = join(work, `${label}.json`);
  process.stderr.write(`bench:scale: segments: ${label}…\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'bench/scale-build-child.ts'), '--knowledge', knowledgeDir, '--data', dataDir, '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 60 * 60 * 1000 });
  if (run.status !== 0) throw new Error(`${label}: exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  return JSON.parse(readFileSync(out, 'utf8')) as ReturnType<typeof build>;
}
const bytesIn = (dir: string) => readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
};

const fullBuild = build('full build');
const snapshotBytes = bytesIn(join(dataDir, 'segments')) + bytesIn(join(dataDir, 'snapshots'));

const ready = await timed(async () => {
  const pipeline = openLivePipeline({ config, prompts });
  await pipeline.assistant.ask({ question: questions[0]?.question ?? 'đăng ký thường trú' });
  return pipeline;
});
const pipeline = ready.value;
const openMs = (await timed(async () => openSnapshot({ dataDir, tunables: config.tunables }).close())).ms;

// Keyword search (the lexical retriever with k = 50) and whole answers, one at a time: one pass to
// warm the postings cache (a server answers many questions), then the timed ones.
const snapshot = openSnapshot({ dataDir, tunables: config.tunables });
const retriever = createLexicalRetriever(snapshot);
const asked = VARIANTS.flatMap((variant) => questions.map((q) => variant.text(q.question)));
for (const question of asked) await retriever.retrieve({ query: question, k: 50 });
const searchTimes: number[] = [];
for (const question of asked) searchTimes.push((await timed(() => retriever.retrieve({ query: question, k: 50 }))).ms);
// Answers on an even spread of the asked questions (every variant), at most `--limit`.
const step = Math.max(1, Math.floor(asked.length / answerLimit));
const answerTimes: number[] = [];
for (let i = 0; i < asked.length && answerTimes.length < answerLimit; i += step) answerTimes.push((await timed(() => pipeline.assistant.ask({ question: asked[i] as string }))).ms);
snapshot.close();

/** Asks answers 10 at a time until `stop()`, recording each answer's time. */
function load() {
  let running = true;
  const times: number[] = [];
  let i = 0;
  const worker = async () => {
    while (running) {
      const q = questions[i++ % questions.length]?.question ?? '';
      times.push((await timed(() => pipeline.assistant.ask({ question: q }))).ms);
      // An in-process answer can resolve without reaching the event loop (synchronous SQLite, promise
      // continuations only): without this turn, timers never fire and the loop never stops.
      await new Promise((r) => setImmediate(r));
    }
  };
  const workers = Array.from({ length: 10 }, worker);
  return { times, stop: async () => { running = false; await Promise.all(workers); } };
}

/** One change of the knowledge folder, built in a child and switched here under load: request → served. */
async function change(label: string, edit: () => void) {
  const traffic = load();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  await new Promise((r) => setTimeout(r, 500));
  const started = performance.now();
  edit();
  const child = build(label);
  delay.enable();
  const switchMs = (await timed(() => pipeline.reload())).ms;
  await pipeline.assistant.ask({ question: questions[1]?.question ?? '' });
  delay.disable();
  const servedMs = performance.now() - started;
  await traffic.stop();
  return { label, servedMs, buildMs: child.ms, buildPeakMB: child.peakMB, switchMs, longestStallMs: delay.max / 1e6, answersDuringP95Ms: percentile(traffic.times, 95), answersDuring: traffic.times.length, segments: child.segments, chunks: child.chunks };
}
// The Zalo corpus is one folder of Markdown laws; the added document is an ALQAC law it does not have.
const added = 'bench-added-law.md';
const source = readdirSync(args.knowledge).filter((n) => n.endsWith('.md')).sort()[0] ?? '';
const updates = [
  await change('add one document', () => cpSync(resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws', readdirSync(resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws')).sort()[0] ?? ''), join(knowledgeDir, added))),
  await change('replace one document', () => appendFileSync(join(knowledgeDir, source), '\n\nĐiều 999. Hiệu lực thi hành\n\nVăn bản này có hiệu lực kể từ ngày ký ban hành.\n')),
  await change('delete one document', () => rmSync(join(knowledgeDir, added))),
];
pipeline.close();
writeFileSync(
  args.out,
  JSON.stringify({
    rows: [],
    extra: {
      documents: fullBuild.documents,
      chunks: fullBuild.chunks,
      fullBuild,
      snapshotBytes,
      readyMs: ready.ms,
      openMs,
      search: { p50Ms: percentile(searchTimes, 50), p95Ms: percentile(searchTimes, 95), queries: searchTimes.length, warm: true },
      answer: { p50Ms: percentile(answerTimes, 50), p95Ms: percentile(answerTimes, 95), queries: answerTimes.length },
      updates,
    },
  }),
);
