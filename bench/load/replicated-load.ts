import { join } from 'node:path';
import { startNginxProxy, type NginxProxy } from '../../test/helpers/nginx-proxy';
import type { PostgresCluster } from '../../test/helpers/postgres-cluster';
import { driveLevel, type LevelResult } from './drive-level';
import { startServedInstance, type ServedInstance } from './served-instance';

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
}

/**
 * The replicated mode under the same load as the single server: for each replica count, that many
 * server processes (`startServedInstance`, as for the single server) sharing a fresh PostgreSQL database and the data
 * folder, nginx round-robin in front, every Direct Line session through nginx. Each count starts
 * from a new database and new processes; everything is stopped before the next.
 */
export async function runReplicatedLoad(options: ReplicatedLoadOptions): Promise<ReplicatedRow[]> {
  const rows: ReplicatedRow[] = [];
  let offset = 1_000_000;
  for (const count of options.replicaCounts) {
    const env = { ...options.env, TROLY_DATABASE_URL: await options.cluster.createDatabase(`troly_load_${count}_${process.pid}`) };
    const servers: ServedInstance[] = [];
    let proxy: NginxProxy | undefined;
    try {
      for (let i = 0; i < count; i += 1) servers.push(await startServedInstance({ env, logFile: join(options.logDir, `replica-${count}-${i}.log`) }));
      proxy = await startNginxProxy({ upstreams: servers.map((s) => new URL(s.url).host) });
      await driveLevel({ baseUrl: proxy.url, secret: options.secret, users: 2, seconds: 3, questions: options.questions, askTimeoutMs: options.askTimeoutMs, offset });
      for (const users of options.levels) {
        const result = await driveLevel({ baseUrl: proxy.url, secret: options.secret, users, seconds: options.seconds, questions: options.questions, askTimeoutMs: options.askTimeoutMs, offset });
        offset += result.answers + result.errors;
        rows.push({ replicas: count, ...result });
        process.stderr.write(`${count} replica(s) on PostgreSQL behind nginx, ${users} users: ${result.throughput}/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, errors ${result.errors}\n`);
      }
    } finally {
      await proxy?.stop();
      await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
    }
  }
  return rows;
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
