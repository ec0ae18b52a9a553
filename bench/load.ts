/**
 * Load benchmark: `npm run bench:load [-- --levels 1,10,50 --seconds 20 --no-reindex --out DIR]`.
 * Indexes knowledge/ plus the ALQAC 2023 laws into a temporary data folder, starts the server on
 * 127.0.0.1 in a child process, and drives it with concurrent Direct Line conversations asking
 * real questions: each level steady, then each level again while reindexes run back to back; then
 * (`--replicas 1,2`) the replicated mode, one and two replicas on PostgreSQL behind nginx.
 * Writes bench/results/load.md and load.json. Everything is bounded (levels × seconds + timeouts).
 */
import { spawnSync, fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config/config';
import { sampleValue } from '../test/server/prometheus-text';
import { driveLevel } from './load/drive-level';
import { renderLoadReport, type LoadReport, type LoadRow } from './load/load-report';
import type { LoadServerCommand, LoadServerEvent } from './load/load-server';
import { startReindexLoop, type ReindexLoop } from './load/reindex-loop';
import { runReplicatedLoad } from './load/replicated-load';
import { startPostgresCluster } from '../test/helpers/postgres-cluster';
import { findNginx, findPostgresBin } from '../test/helpers/system-binary';
import { questionSchema, readJsonl } from './retrieval-corpus';

const { values: args } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,10,50' },
    seconds: { type: 'string', default: '20' },
    'ask-timeout': { type: 'string', default: '30000' },
    'no-reindex': { type: 'boolean', default: false },
    // The replicated mode beside the single server: these replica counts on PostgreSQL behind nginx ('' to skip).
    replicas: { type: 'string', default: '1,2' },
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
  },
});
const levels = args.levels.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const seconds = Number(args.seconds);
const askTimeoutMs = Number(args['ask-timeout']);
const SECRET = `bench-load-${process.pid}`;
const ADMIN_TOKEN = `bench-load-admin-${process.pid}`;
const TROLY_BIN = resolve(PROJECT_ROOT, 'bin/troly.js');
const READY_TIMEOUT_MS = 120_000;

const questions = interleave(
  readJsonl(resolve(PROJECT_ROOT, 'bench/answers/questions.jsonl'), questionSchema.pick({ question: true })).map((q) => q.question),
  readJsonl(resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl'), questionSchema.pick({ question: true })).map((q) => q.question),
);

const work = mkdtempSync(join(tmpdir(), 'troly-load-'));
const knowledgeDir = join(work, 'knowledge');
const dataDir = join(work, 'data');
mkdirSync(knowledgeDir);
for (const name of readdirSync(resolve(PROJECT_ROOT, 'knowledge'))) copyFileSync(resolve(PROJECT_ROOT, 'knowledge', name), join(knowledgeDir, name));
for (const name of readdirSync(args.laws).filter((n) => n.endsWith('.md'))) copyFileSync(join(args.laws, name), join(knowledgeDir, `alqac-${name}`));
// Everything the server and the indexer read comes from here, never from the machine's settings.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  PORT: '0',
  TROLY_HOST: '127.0.0.1',
  TROLY_DATA_DIR: dataDir,
  TROLY_KNOWLEDGE_DIR: knowledgeDir,
  TROLY_MODELS_DIR: join(work, 'models'),
  TROLY_DIRECTLINE_SECRET: SECRET,
  TROLY_ADMIN_TOKEN: ADMIN_TOKEN,
  TROLY_LOG_LEVEL: 'warn',
  // Off, so that the test measures the server and not the limiter (production defaults: 600/min per address, 30/min per conversation).
  TROLY_RATE_LIMIT_IP_PER_MINUTE: '0',
  TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '0',
};

let server: ChildProcess | undefined;
try {
  const indexStart = performance.now();
  const indexed = spawnSync(process.execPath, [TROLY_BIN, 'index', '--data', dataDir, '--knowledge', knowledgeDir], { env, encoding: 'utf8', timeout: 300_000 });
  if (indexed.status !== 0) throw new Error(`troly index failed (${indexed.status}): ${indexed.stderr}`);
  const indexMs = performance.now() - indexStart;

  const serverLog = openSync(join(work, 'server.log'), 'a');
  server = fork(resolve(PROJECT_ROOT, 'bench/load/load-server.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', serverLog, serverLog, 'ipc'] });
  const events = eventQueue(server);
  const ready = await events.next('ready', READY_TIMEOUT_MS);
  if (ready.type !== 'ready') throw new Error('unreachable');
  const baseUrl = ready.url;
  const readiness = (await (await fetch(`${baseUrl}/readyz`)).json()) as { checks: { snapshot: { documents: number; chunks: number; mode: string } } };
  const served = readiness.checks.snapshot;
  process.stderr.write(`server ${baseUrl}: ${served.documents} documents, ${served.chunks} chunks, ${served.mode}\n`);

  const ask = (command: LoadServerCommand) => server?.send(command);
  const memory = async () => {
    ask({ type: 'memory' });
    const m = await events.next('memory', 10_000);
    return m.type === 'memory' ? m : { rss: 0, heapUsed: 0 };
  };
  const counts = async () => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const count = (outcome: string) => sampleValue(text, 'troly_answers_total', { outcome }) ?? 0;
    return { answered: count('answered'), refused: count('refused'), failed: count('failed') };
  };

  // Warm-up (JIT, caches), not counted.
  await driveLevel({ baseUrl, secret: SECRET, users: 2, seconds: 3, questions, askTimeoutMs });

  const rows: LoadRow[] = [];
  const phases: Array<LoadRow['phase']> = args['no-reindex'] ? ['steady'] : ['steady', 'reindex'];
  let offset = 0;
  for (const phase of phases) {
    for (const users of levels) {
      const loadBefore = loadavg()[0] ?? 0;
      const before = await memory();
      const countsBefore = await counts();
      let loop: ReindexLoop | undefined;
      if (phase === 'reindex') {
        loop = startReindexLoop({
          baseUrl,
          adminToken: ADMIN_TOKEN,
          touchFile: join(knowledgeDir, readdirSync(knowledgeDir).filter((n) => n.endsWith('.md') && !n.startsWith('alqac-'))[0] ?? 'missing.md'),
          roundTimeoutMs: 120_000,
        });
      }
      const result = await driveLevel({ baseUrl, secret: SECRET, users, seconds, questions, askTimeoutMs, offset });
      offset += result.answers + result.errors;
      const reindexRounds = await loop?.stop();
      const countsAfter = await counts();
      const after = await memory();
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
      const row: LoadRow = {
        phase,
        ...result,
        server: { answered: countsAfter.answered - countsBefore.answered, refused: countsAfter.refused - countsBefore.refused, failed: countsAfter.failed - countsBefore.failed },
        memoryMb: { rssBefore: mb(before.rss), rssAfter: mb(after.rss), heapBefore: mb(before.heapUsed), heapAfter: mb(after.heapUsed) },
        loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
        ...(reindexRounds === undefined ? {} : { reindexRounds }),
      };
      rows.push(row);
      process.stderr.write(`${phase} ${users} users: ${row.answers} answers, ${row.throughput}/s, p50 ${row.latencyMs.p50} ms, p95 ${row.latencyMs.p95} ms, p99 ${row.latencyMs.p99} ms, errors ${row.errors}${reindexRounds ? `, ${reindexRounds.length} reindexes` : ''}\n`);
    }
  }

  // The single server stops before the replicas start: they would otherwise share the cores with it.
  ask({ type: 'stop' });
  await events.next('stopped', 30_000).catch(() => undefined);
  const replicaCounts = args.replicas.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  let replicated: LoadReport['replicated'];
  if (replicaCounts.length > 0) {
    if (findPostgresBin() === undefined || findNginx() === undefined) {
      process.stderr.write('replicated mode skipped: PostgreSQL or nginx is not installed (bash scripts/setup.sh --tests)\n');
    } else {
      const cluster = await startPostgresCluster();
      try {
        replicated = await runReplicatedLoad({ cluster, env, replicaCounts, levels, seconds, questions, askTimeoutMs, secret: SECRET, logDir: work, readyTimeoutMs: READY_TIMEOUT_MS });
      } finally {
        await cluster.stop();
      }
    }
  }

  const report: LoadReport = {
    date: new Date().toISOString(),
    command: `npm run bench:load${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    corpus: { documents: served.documents, chunks: served.chunks, mode: served.mode, questions: questions.length, indexMs: Math.round(indexMs) },
    settings: {
      secondsPerLevel: seconds,
      askTimeoutMs,
      rateLimits: 'turned off for the run (TROLY_RATE_LIMIT_IP_PER_MINUTE=0, TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE=0): every user comes from 127.0.0.1 and asks without pause, which the production limits are there to stop',
      reindexMethod:
        'the admin API, back to back for the whole level: one knowledge file gains a line (so each round indexes a change), `POST /admin/reindex`, then `GET /admin/jobs/:id` until the job ends. The server builds the snapshot in a child process (`troly index --json-progress`) and switches to it (`reload()`) when it succeeds.',
    },
    rows,
    ...(replicated === undefined ? {} : { replicated }),
  };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'load.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'load.md'), renderLoadReport(report));
  process.stderr.write(`wrote ${join(args.out, 'load.md')}\n`);
} finally {
  if (server !== undefined && server.exitCode === null) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

/** Messages from the server child, awaited by type (bounded). */
function eventQueue(child: ChildProcess) {
  const pending: LoadServerEvent[] = [];
  const waiters: Array<() => void> = [];
  let exitCode: number | null | undefined;
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  child.on('message', (event: LoadServerEvent) => {
    pending.push(event);
    wakeAll();
  });
  child.once('exit', (code) => {
    exitCode = code;
    wakeAll();
  });
  return {
    next(type: LoadServerEvent['type'], timeoutMs: number): Promise<LoadServerEvent> {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server sent no "${type}" within ${timeoutMs} ms (see its log)`)), timeoutMs);
        const check = () => {
          const index = pending.findIndex((e) => e.type === type);
          if (index < 0 && exitCode !== undefined) {
            clearTimeout(timer);
            return reject(new Error(`the server exited (${exitCode}) before sending "${type}"`));
          }
          if (index < 0) return void waiters.push(check);
          clearTimeout(timer);
          const [event] = pending.splice(index, 1);
          if (event !== undefined) resolvePromise(event);
        };
        check();
      });
    },
  };
}

function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (i < a.length) out.push(a[i] ?? '');
    if (i < b.length) out.push(b[i] ?? '');
  }
  return out.filter((q) => q !== '');
}
