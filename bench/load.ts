/**
 * Load benchmark: `npm run bench:load [-- --levels 1,10,50 --seconds 20 --workers 0,-1 --no-reindex --out DIR]`.
 * Indexes knowledge/ plus the ALQAC 2023 laws into a temporary data folder, starts one server per
 * `--workers` setting (tunable answerWorkers: 0 answers on the server's own thread, -1 one worker
 * thread per core, N that many), each in its own child process with its own copy of the index, and
 * drives them with concurrent Direct Line conversations asking real questions: each level steady,
 * then each level again while reindexes run back to back. The servers take turns level by level
 * (the order alternating), so that every setting sees the same machine at nearly the same time.
 * Then (`--replicas 1,2`) the replicated mode: one, then two replicas on a private PostgreSQL
 * behind nginx, sharing the data folder, same levels (steady).
 * `--env NAME=a,b` serves each --workers setting once per value of that setting (an A/B in one run).
 * `--trees DIR,…` also serves every setting from those checkouts (an A/B of code in one run).
 * `--cpu-prof DIR` profiles each single server's main thread (one .cpuprofile per setting under DIR).
 * Writes bench/results/load.md and load.json. Everything is bounded (levels × seconds + timeouts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answerWorkerCount } from '../src/app/answer-pool';
import { PROJECT_ROOT } from '../src/config/config';
import { driveLevel } from './load/drive-level';
import { renderLoadReport, type LoadReport, type LoadRow } from './load/load-report';
import { startReindexLoop, type ReindexLoop } from './load/reindex-loop';
import { startServedInstance, type ServedInstance } from './load/served-instance';
import { runReplicatedLoad } from './load/replicated-load';
import { startPostgresCluster } from '../test/helpers/postgres-cluster';
import { findNginx, findPostgresBin } from '../test/helpers/system-binary';
import { questionSchema, readJsonl } from './retrieval-corpus';

const { values: args } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,10,50' },
    seconds: { type: 'string', default: '20' },
    'ask-timeout': { type: 'string', default: '30000' },
    workers: { type: 'string', default: '0,-1' },
    'no-reindex': { type: 'boolean', default: false },
    // The replicated mode after the single servers: these replica counts on PostgreSQL behind nginx ('' to skip).
    replicas: { type: 'string', default: '1,2' },
    // Profile each single server's main thread (node --cpu-prof) into this folder: where an answer's time goes.
    'cpu-prof': { type: 'string' },
    // A/B of a server setting in the same run: `--env TROLY_STATE_SYNC=normal,full` serves every --workers setting once per value.
    env: { type: 'string' },
    // An A/B of code: also serve every setting from these other checkouts (comma-separated folders, each with its node_modules).
    trees: { type: 'string' },
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
  },
});
const levels = args.levels.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const seconds = Number(args.seconds);
const askTimeoutMs = Number(args['ask-timeout']);
const workerSettings = args.workers.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= -1);
const envMatch = args.env === undefined ? undefined : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(args.env);
if (args.env !== undefined && envMatch === null) throw new Error(`--env: expected NAME=value1,value2 (e.g. TROLY_STATE_SYNC=normal,full), got "${args.env}"`);
const envSettings: Array<Record<string, string>> = envMatch ? (envMatch[2] ?? '').split(',').map((value) => ({ [envMatch[1] ?? '']: value })) : [{}];
const SECRET = `bench-load-${process.pid}`;
const ADMIN_TOKEN = `bench-load-admin-${process.pid}`;
const TROLY_BIN = resolve(PROJECT_ROOT, 'bin/troly.js');

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

const instances: ServedInstance[] = [];
try {
  const indexStart = performance.now();
  const indexed = spawnSync(process.execPath, [TROLY_BIN, 'index', '--data', dataDir, '--knowledge', knowledgeDir], { env, encoding: 'utf8', timeout: 300_000 });
  if (indexed.status !== 0) throw new Error(`troly index failed (${indexed.status}): ${indexed.stderr}`);
  const indexMs = performance.now() - indexStart;

  // One server per setting, each with its own copy of the index and state (they share the knowledge folder).
  const variants: Array<{ answerWorkers: number; label: string; server: ServedInstance }> = [];
  const trees = [PROJECT_ROOT, ...(args.trees === undefined ? [] : args.trees.split(',').filter((t) => t !== '').map((t) => resolve(t)))];
  const settings = trees.flatMap((root) => workerSettings.flatMap((answerWorkers) => envSettings.map((extra) => ({ answerWorkers, extra, root }))));
  for (const [i, { answerWorkers, extra, root }] of settings.entries()) {
    const ownData = join(work, `data-${i}`);
    cpSync(dataDir, ownData, { recursive: true });
    const extraLabel = `${Object.entries(extra).map(([name, value]) => ` ${name}=${value}`).join('')}${root === PROJECT_ROOT ? '' : ` [${root}]`}`;
    const server = await startServedInstance({ env: { ...env, ...extra, TROLY_DATA_DIR: ownData, TROLY_ANSWER_WORKERS: String(answerWorkers) }, logFile: join(work, `server-${i}.log`), root, ...(args['cpu-prof'] === undefined ? {} : { cpuProfileDir: resolve(args['cpu-prof'], `server-${i}`) }) });
    instances.push(server);
    const label = `${answerWorkers === 0 ? 'in-process (0)' : `pool of ${answerWorkerCount({ answerWorkers })} (${answerWorkers})`}${extraLabel}`;
    variants.push({ answerWorkers, label, server });
    process.stderr.write(`server ${i} ${label} ${server.url}: ${server.served.documents} documents, ${server.served.chunks} chunks, ${server.served.mode}\n`);
  }
  const served = variants[0]?.server.served;
  if (served === undefined) throw new Error(`--workers: expected a comma-separated list of answerWorkers settings (-1, 0, 1, …), got "${args.workers}"`);

  // Warm-up (JIT, caches), not counted.
  for (const { server } of variants) await driveLevel({ baseUrl: server.url, secret: SECRET, users: 2, seconds: 3, questions, askTimeoutMs });

  const rows: LoadRow[] = [];
  const phases: Array<LoadRow['phase']> = args['no-reindex'] ? ['steady'] : ['steady', 'reindex'];
  let offset = 0;
  let turn = 0;
  for (const phase of phases) {
    for (const users of levels) {
      // Alternate which setting goes first, so that neither always follows the other.
      const order = turn++ % 2 === 0 ? variants : [...variants].reverse();
      const levelOffset = offset;
      for (const { answerWorkers, label, server } of order) {
        const loadBefore = loadavg()[0] ?? 0;
        const before = await server.memory();
        const countsBefore = await server.counts();
        let loop: ReindexLoop | undefined;
        if (phase === 'reindex') {
          loop = startReindexLoop({
            baseUrl: server.url,
            adminToken: ADMIN_TOKEN,
            touchFile: join(knowledgeDir, readdirSync(knowledgeDir).filter((n) => n.endsWith('.md') && !n.startsWith('alqac-'))[0] ?? 'missing.md'),
            roundTimeoutMs: 120_000,
          });
        }
        // Every setting asks the same questions in the same order at a level.
        const driverBefore = process.cpuUsage();
        const result = await driveLevel({ baseUrl: server.url, secret: SECRET, users, seconds, questions, askTimeoutMs, offset: levelOffset });
        const driverCpu = process.cpuUsage(driverBefore);
        offset = Math.max(offset, levelOffset + result.answers + result.errors);
        const reindexRounds = await loop?.stop();
        const countsAfter = await server.counts();
        const after = await server.memory();
        const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
        const row: LoadRow = {
          phase,
          answerWorkers,
          variant: label,
          ...result,
          server: { answered: countsAfter.answered - countsBefore.answered, refused: countsAfter.refused - countsBefore.refused, failed: countsAfter.failed - countsBefore.failed },
          memoryMb: { rssBefore: mb(before.rss), rssAfter: mb(after.rss), heapBefore: mb(before.heapUsed), heapAfter: mb(after.heapUsed) },
          cpuMsPerAnswer: perAnswer(result.answers, {
            server: (after.cpuMicros - before.cpuMicros) / 1000,
            mainThread: after.mainCpuMs - before.mainCpuMs,
            driver: (driverCpu.user + driverCpu.system) / 1000,
          }),
          loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
          ...(reindexRounds === undefined ? {} : { reindexRounds }),
        };
        rows.push(row);
        process.stderr.write(`${phase} ${label} ${users} users: ${row.answers} answers, ${row.throughput}/s, p50 ${row.latencyMs.p50} ms, p95 ${row.latencyMs.p95} ms, p99 ${row.latencyMs.p99} ms, errors ${row.errors}${reindexRounds ? `, ${reindexRounds.length} reindexes` : ''}\n`);
      }
    }
  }

  // The single servers stop before the replicas start: they would otherwise share the cores with them.
  await Promise.all(instances.splice(0).map((instance) => instance.stop().catch(() => undefined)));
  const replicaCounts = args.replicas.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  let replicated: LoadReport['replicated'];
  if (replicaCounts.length > 0) {
    if (findPostgresBin() === undefined || findNginx() === undefined) {
      process.stderr.write('replicated mode skipped: PostgreSQL or nginx is not installed (bash scripts/setup.sh --tests)\n');
    } else {
      const cluster = await startPostgresCluster();
      try {
        // The replicas run the default answering (TROLY_ANSWER_WORKERS unset), on their shared data folder.
        replicated = await runReplicatedLoad({ cluster, env, replicaCounts, levels, seconds, questions, askTimeoutMs, secret: SECRET, logDir: work });
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
  await Promise.all(instances.map((instance) => instance.stop().catch(() => undefined)));
  rmSync(work, { recursive: true, force: true });
}

/** CPU milliseconds per answer, one decimal. */
function perAnswer(answers: number, ms: LoadRow['cpuMsPerAnswer']): LoadRow['cpuMsPerAnswer'] {
  const each = (total: number) => (answers === 0 ? 0 : Math.round((total / answers) * 10) / 10);
  return { server: each(ms.server), mainThread: each(ms.mainThread), driver: each(ms.driver) };
}

function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (i < a.length) out.push(a[i] ?? '');
    if (i < b.length) out.push(b[i] ?? '');
  }
  return out.filter((q) => q !== '');
}
