import type { LevelResult } from './drive-level';
import type { ReindexRound } from './reindex-loop';
import { renderReplicatedRows, type ReplicatedRow } from './replicated-load';

export interface LoadRow extends LevelResult {
  phase: 'steady' | 'reindex';
  /** Answers the server counted (from /metrics) during the level, by outcome. */
  server: { answered: number; refused: number; failed: number };
  memoryMb: { rssBefore: number; rssAfter: number; heapBefore: number; heapAfter: number };
  /** The machine's 1-minute load average before and after the level (other work on it skews the numbers). */
  loadAverage: { before: number; after: number };
  reindexRounds?: ReindexRound[];
}

export interface LoadReport {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  corpus: { documents: number; chunks: number; mode: string; questions: number; indexMs: number };
  settings: { secondsPerLevel: number; askTimeoutMs: number; rateLimits: string; reindexMethod: string };
  rows: LoadRow[];
  /** The replicated mode (one and two replicas on PostgreSQL behind nginx), when PostgreSQL and nginx are installed. */
  replicated?: ReplicatedRow[];
}

/** bench/results/load.md from the measured rows. */
export function renderLoadReport(report: LoadReport): string {
  const lines = [
    '# Load test: concurrent web chat users over Direct Line',
    '',
    `Run ${report.date} with \`${report.command}\` on ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}.`,
    `Index: ${report.corpus.documents} documents (knowledge/ and the 17 ALQAC 2023 laws), ${report.corpus.chunks} chunks, retrieval ${report.corpus.mode}; built by \`troly index\` in ${(report.corpus.indexMs / 1000).toFixed(1)} s.`,
    `Questions: ${report.corpus.questions} real ones (bench/answers/questions.jsonl and the ALQAC dev questions), interleaved; each user asks the next as soon as the previous answer arrives (no think time).`,
    '',
    '| phase | users | s | answers | answers/s | p50 ms | p95 ms | p99 ms | max ms | errors | answered / refused (server) | RSS MB before → after | heap MB before → after | load avg before → after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
  ];
  for (const row of report.rows) {
    const m = row.memoryMb;
    lines.push(
      `| ${row.phase === 'reindex' ? 'during reindex' : 'steady'} | ${row.users} | ${row.seconds} | ${row.answers} | ${row.throughput} | ${row.latencyMs.p50} | ${row.latencyMs.p95} | ${row.latencyMs.p99} | ${row.latencyMs.max} | ${row.errors} | ${row.server.answered} / ${row.server.refused}${row.server.failed > 0 ? ` (${row.server.failed} failed)` : ''} | ${m.rssBefore} → ${m.rssAfter} | ${m.heapBefore} → ${m.heapAfter} | ${row.loadAverage.before.toFixed(1)} → ${row.loadAverage.after.toFixed(1)} |`,
    );
  }
  const reindexRows = report.rows.filter((row) => row.reindexRounds !== undefined);
  if (reindexRows.length > 0) {
    lines.push('', '| users | reindex jobs during the level | succeeded | mean job s (request → new snapshot served) | mean build s (as the job reports) |', '| ---: | ---: | ---: | ---: | ---: |');
    for (const row of reindexRows) {
      const rounds = row.reindexRounds ?? [];
      const ok = rounds.filter((r) => r.ok);
      lines.push(`| ${row.users} | ${rounds.length} | ${ok.length} | ${(mean(ok.map((r) => r.jobMs)) / 1000).toFixed(1)} | ${mean(ok.map((r) => r.buildSeconds ?? 0)).toFixed(1)} |`);
    }
    const failures = reindexRows.flatMap((row) => (row.reindexRounds ?? []).filter((r) => !r.ok).map((r) => `- ${row.users} users: ${r.error ?? 'failed'}`));
    if (failures.length > 0) lines.push('', 'Failed reindex jobs:', ...failures);
  }
  lines.push('', ...reading(report));
  const errors = report.rows.flatMap((row) => row.errorSamples.map((e) => `- ${row.phase}, ${row.users} users: ${e}`));
  lines.push(
    '',
    '## How it was measured',
    '',
    `- Each level: the users open their conversations (POST /v3/directline/conversations with the Direct Line secret, then the WebSocket streamUrl), ask for ${report.settings.secondsPerLevel} s, and the questions in flight at the end finish. Latency = posting the question → the bot's answer (replyToId) arriving on the stream; an answer not received within ${report.settings.askTimeoutMs / 1000} s, an HTTP error or an empty answer is an error.`,
    `- Rate limits: ${report.settings.rateLimits}.`,
    `- Reindex: ${report.settings.reindexMethod}`,
    '- Memory is the server process\'s own (it runs in a child process; the load driver is the parent), read before the users connect and after they finish.',
    `- The driver, the server and (in the reindex phase) the indexer share the same ${report.machine.cpus} cores, so the numbers are a floor for a dedicated server. The load average column shows other work on the machine during each level: a value above the number of cores means the server did not have the machine to itself.`,
    '',
    errors.length === 0 ? 'Errors: none.' : `Errors (first ones per level):\n${errors.join('\n')}`,
    '',
    ...renderReplicatedRows(report.replicated ?? [], report.machine.cpus),
  );
  return lines.join('\n');
}

/** What the numbers say, computed from them (so that a rerun cannot leave stale prose). */
function reading(report: LoadReport): string[] {
  const steady = report.rows.filter((row) => row.phase === 'steady');
  const during = report.rows.filter((row) => row.phase === 'reindex');
  const best = steady.reduce<LoadRow | undefined>((a, b) => (a === undefined || b.throughput > a.throughput ? b : a), undefined);
  const most = steady.at(-1);
  const totalErrors = report.rows.reduce((sum, row) => sum + row.errors, 0);
  const out = ['## Reading', ''];
  if (best !== undefined && most !== undefined) {
    out.push(
      `- Throughput is bound by the CPU, not by the number of users: at most ${best.throughput} answers/s (${best.users} users). Beyond that, users queue: with ${most.users} users asking without pause, waiting ≈ users ÷ throughput = ${((most.users / Math.max(most.throughput, 0.1)) * 1000).toFixed(0)} ms, measured median ${most.latencyMs.p50} ms. People pause between questions, so the same server holds many more people than this.`,
    );
  }
  if (during.length > 0) {
    const jobs = during.flatMap((row) => row.reindexRounds ?? []);
    const duringErrors = during.reduce((sum, row) => sum + row.errors, 0);
    out.push(
      `- While reindexing, the build (a child process) takes one of the ${report.machine.cpus} cores, so throughput drops to ${Math.min(...during.map((r) => r.throughput))}–${Math.max(...during.map((r) => r.throughput))} answers/s; ${duringErrors === 0 ? 'no question failed' : `${duringErrors} questions failed`}, and ${jobs.filter((j) => j.ok).length} of ${jobs.length} reindex jobs succeeded. The switch to each new snapshot (\`reload()\`: opening it, a few hundred ms for this index) runs on the server's event loop and pauses every request for that long: it shows in p99 and max.`,
    );
  }
  const busiest = Math.max(...report.rows.map((row) => Math.max(row.loadAverage.before, row.loadAverage.after)));
  if (busiest > report.machine.cpus) {
    out.push(
      `- The machine was shared with other work during this run (1-minute load average up to ${busiest.toFixed(1)} on ${report.machine.cpus} cores), so the server had only part of the CPU: throughput and latency here are lower bounds for a machine of its own, and more concurrent users won a larger share of the CPU from the other work.`,
    );
  }
  out.push(`- Errors over all levels: ${totalErrors}.`);
  return out;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
