/**
 * Memory of the answer pool on a large corpus: `tsx bench/load-memory.ts [-- --laws DIR --questions FILE --workers 0,-1 --users 10 --seconds 20]`
 * (default: the Zalo 2021 library, 3,429 documents). Indexes the folder once with `troly index`,
 * then starts one server per answerWorkers setting in turn (a child process each, as in
 * bench:load), drives it with Direct Line users asking the set's questions, and reads the
 * process's resident memory (main thread and workers together) after start-up and after the
 * questions. Each worker opens its own copy of the snapshot, so this is what a pool costs in RAM.
 * Writes bench/results/load-memory.md and .json. Bounded: one level per setting, plus timeouts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { answerWorkerCount } from '../src/app/answer-pool';
import { PROJECT_ROOT } from '../src/config/config';
import { driveLevel } from './load/drive-level';
import { startServedInstance } from './load/served-instance';
import { questionSchema, readJsonl } from './retrieval-corpus';

const { values: args } = parseArgs({
  options: {
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/zalo2021/laws') },
    questions: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/zalo2021/questions.dev.jsonl') },
    workers: { type: 'string', default: '0,-1' },
    users: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
  },
});
const SECRET = `bench-memory-${process.pid}`;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const questions = readJsonl(args.questions, questionSchema.pick({ question: true })).map((q) => q.question);
const work = mkdtempSync(join(tmpdir(), 'troly-memory-'));
const dataDir = join(work, 'data');
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ONNXRUNTIME_NODE_INSTALL: 'skip',
  PORT: '0',
  TROLY_HOST: '127.0.0.1',
  TROLY_DATA_DIR: dataDir,
  TROLY_KNOWLEDGE_DIR: args.laws,
  TROLY_MODELS_DIR: join(work, 'models'),
  TROLY_DIRECTLINE_SECRET: SECRET,
  TROLY_LOG_LEVEL: 'warn',
  TROLY_RATE_LIMIT_IP_PER_MINUTE: '0',
  TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '0',
  // The server only serves here: no polling of CURRENT, no reindex.
  TROLY_SNAPSHOT_POLL_MS: '0',
};

try {
  const indexStart = performance.now();
  const indexed = spawnSync(process.execPath, [resolve(PROJECT_ROOT, 'bin/troly.js'), 'index', '--data', dataDir, '--knowledge', args.laws], { env, encoding: 'utf8', timeout: 1_800_000 });
  if (indexed.status !== 0) throw new Error(`troly index failed (${indexed.status}): ${indexed.stderr}`);
  const indexSeconds = Math.round((performance.now() - indexStart) / 100) / 10;
  process.stderr.write(`indexed ${args.laws} in ${indexSeconds} s\n`);
  const rows = [];
  for (const [i, answerWorkers] of args.workers.split(',').map(Number).entries()) {
    const started = performance.now();
    const server = await startServedInstance({ env: { ...env, TROLY_ANSWER_WORKERS: String(answerWorkers) }, logFile: join(work, `server-${i}.log`) });
    try {
      const startSeconds = Math.round((performance.now() - started) / 100) / 10;
      const idle = await server.memory();
      const level = await driveLevel({ baseUrl: server.url, secret: SECRET, users: Number(args.users), seconds: Number(args.seconds), questions, askTimeoutMs: 60_000 });
      const after = await server.memory();
      const row = {
        answerWorkers,
        workers: answerWorkerCount({ answerWorkers }),
        documents: server.served.documents,
        chunks: server.served.chunks,
        startSeconds,
        rssIdleMb: mb(idle.rss),
        rssAfterMb: mb(after.rss),
        answers: level.answers,
        throughput: level.throughput,
        p95Ms: level.latencyMs.p95,
        errors: level.errors,
      };
      rows.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
    } finally {
      await server.stop();
    }
  }
  const report = { date: new Date().toISOString(), command: `tsx bench/load-memory.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`, machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version }, laws: args.laws, indexSeconds, users: Number(args.users), seconds: Number(args.seconds), rows };
  const lines = [
    '# Answer pool memory on a large corpus',
    '',
    `Run ${report.date} with \`${report.command}\` on ${report.machine.cpus} cores, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}. Corpus: ${args.laws} (indexed in ${indexSeconds} s, lexical). ${report.users} Direct Line users asked its questions for ${report.seconds} s per setting.`,
    '',
    '| answerWorkers | worker threads | documents | chunks | start-up s | RSS MB idle | RSS MB after the questions | answers | answers/s | p95 ms | errors |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.answerWorkers} | ${r.workers} | ${r.documents} | ${r.chunks} | ${r.startSeconds} | ${r.rssIdleMb} | ${r.rssAfterMb} | ${r.answers} | ${r.throughput} | ${r.p95Ms} | ${r.errors} |`),
    '',
    'RSS is the whole server process (main thread and worker threads). Every worker opens its own copy of the snapshot (the lexical index in memory as the snapshot format loads it), so the pool adds about one in-process index per worker; the main thread holds none (it asks a worker for documents and keeps only the documents list).',
    '',
  ];
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'load-memory.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'load-memory.md'), lines.join('\n'));
  process.stderr.write(`wrote ${join(args.out, 'load-memory.md')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
