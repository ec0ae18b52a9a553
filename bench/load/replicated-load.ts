import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { startNginxProxy } from '../../test/helpers/nginx-proxy';
import type { PostgresCluster } from '../../test/helpers/postgres-cluster';
import { driveLevel, type LevelResult } from './drive-level';
import type { LoadServerEvent } from './load-server';

/** One level of the replicated mode: `replicas` servers on PostgreSQL behind nginx. */
export interface ReplicatedRow extends LevelResult {
  replicas: number;
}

export interface ReplicatedLoadOptions {
  cluster: PostgresCluster;
  /** The environment of the single-server run (same data folder, index, secret, limits). */
  env: NodeJS.ProcessEnv;
  replicaCounts: number[];
  levels: number[];
  seconds: number;
  questions: readonly string[];
  askTimeoutMs: number;
  secret: string;
  logDir: string;
  readyTimeoutMs: number;
}

/**
 * The replicated mode under the same load as the single server: for each replica count, that many
 * server processes (bench/load/load-server.ts) sharing a fresh PostgreSQL database and the data
 * folder, nginx round-robin in front, every Direct Line session through nginx. Each count starts
 * from a new database and new processes; everything is stopped before the next.
 */
export async function runReplicatedLoad(options: ReplicatedLoadOptions): Promise<ReplicatedRow[]> {
  const rows: ReplicatedRow[] = [];
  let offset = 1_000_000;
  for (const count of options.replicaCounts) {
    const env = { ...options.env, TROLY_DATABASE_URL: await options.cluster.createDatabase(`troly_load_${count}_${process.pid}`) };
    const servers: ChildProcess[] = [];
    let proxy: Awaited<ReturnType<typeof startNginxProxy>> | undefined;
    try {
      const ports: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const log = openSync(join(options.logDir, `replica-${count}-${i}.log`), 'a');
        const child = fork(resolve(PROJECT_ROOT, 'bench/load/load-server.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', log, log, 'ipc'] });
        servers.push(child);
        const url = await readyUrl(child, options.readyTimeoutMs);
        ports.push(Number(new URL(url).port));
      }
      proxy = await startNginxProxy({ upstreams: ports.map((p) => `127.0.0.1:${p}`) });
      await driveLevel({ baseUrl: proxy.url, secret: options.secret, users: 2, seconds: 3, questions: options.questions, askTimeoutMs: options.askTimeoutMs, offset });
      for (const users of options.levels) {
        const result = await driveLevel({ baseUrl: proxy.url, secret: options.secret, users, seconds: options.seconds, questions: options.questions, askTimeoutMs: options.askTimeoutMs, offset });
        offset += result.answers + result.errors;
        rows.push({ replicas: count, ...result });
        process.stderr.write(`${count} replica(s) on PostgreSQL behind nginx, ${users} users: ${result.throughput}/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, errors ${result.errors}\n`);
      }
    } finally {
      await proxy?.stop();
      for (const child of servers) {
        if (child.exitCode !== null) continue;
        const exited = new Promise((done) => child.once('exit', done));
        child.send({ type: 'stop' });
        await Promise.race([exited, new Promise((done) => setTimeout(done, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
  }
  return rows;
}

function readyUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`a replica did not get ready within ${timeoutMs} ms (see its log)`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`a replica exited (${code}) before it was ready`));
    });
    child.on('message', (event: LoadServerEvent) => {
      if (event.type !== 'ready') return;
      clearTimeout(timer);
      done(event.url);
    });
  });
}

/** The replicated section of bench/results/load.md. */
export function renderReplicatedRows(rows: readonly ReplicatedRow[], cpus: number): string[] {
  if (rows.length === 0) return [];
  const out = [
    '## One and two replicas side by side (replicated mode)',
    '',
    'The same index and questions, through nginx (round robin, no stickiness) to replicas sharing a private PostgreSQL (`TROLY_DATABASE_URL`) and the data folder; steady load only.',
    '',
    '| replicas | users | answers/s | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.replicas} | ${r.users} | ${r.throughput} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} |`),
    '',
    `- Every replica, nginx, PostgreSQL and the load driver share the same ${cpus} cores here, so a second replica adds no CPU: the comparison shows the cost of the shared state and the proxy, not the gain of a second machine. On machines of their own, replicas add capacity in proportion to their cores (retrieval is CPU-bound, the state database does a few writes per question).`,
    '',
  ];
  return out;
}
