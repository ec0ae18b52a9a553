import type { LevelResult } from './drive-level';
import type { ReindexRound } from './reindex-loop';
import { renderReplicatedRows, type ReplicatedRow } from './replicated-load';

export interface LoadRow extends LevelResult {
  phase: 'steady' | 'reindex';
  /** The server's answerWorkers tunable (0: answers on its own thread). */
  answerWorkers: number;
  /** How the report names that setting ("in-process (0)", "pool of 2 (-1)"). */
  variant: string;
  /** Answers the server counted (from /metrics) during the level, by outcome. */
  server: { answered: number; refused: number; failed: number };
  memoryMb: { rssBefore: number; rssAfter: number; heapBefore: number; heapAfter: number };
  /**
   * CPU time per answer during the level, in ms: the server process (all its threads), its main
   * thread's own (bot, Direct Line, HTTP, and the answers themselves when in-process),
   * and the load driver. CPU time does not depend on how much of the machine others took.
   */
  cpuMsPerAnswer: { server: number; mainThread: number; driver: number };
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
    ...comparison(report),
    '| phase | answer workers | users | s | answers | answers/s | p50 ms | p95 ms | p99 ms | max ms | errors | answered / refused (server) | CPU ms per answer: server (main thread) / driver | RSS MB before → after | heap MB before → after | load avg before → after |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |',
  ];
  for (const row of report.rows) {
    const m = row.memoryMb;
    lines.push(
      `| ${row.phase === 'reindex' ? 'during reindex' : 'steady'} | ${row.variant} | ${row.users} | ${row.seconds} | ${row.answers} | ${row.throughput} | ${row.latencyMs.p50} | ${row.latencyMs.p95} | ${row.latencyMs.p99} | ${row.latencyMs.max} | ${row.errors} | ${row.server.answered} / ${row.server.refused}${row.server.failed > 0 ? ` (${row.server.failed} failed)` : ''} | ${row.cpuMsPerAnswer.server} (${row.cpuMsPerAnswer.mainThread}) / ${row.cpuMsPerAnswer.driver} | ${m.rssBefore} → ${m.rssAfter} | ${m.heapBefore} → ${m.heapAfter} | ${row.loadAverage.before.toFixed(1)} → ${row.loadAverage.after.toFixed(1)} |`,
    );
  }
  const reindexRows = report.rows.filter((row) => row.reindexRounds !== undefined);
  if (reindexRows.length > 0) {
    lines.push('', '| answer workers | users | reindex jobs during the level | succeeded | mean job s (request → new snapshot served) | mean build s (as the job reports) |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of reindexRows) {
      const rounds = row.reindexRounds ?? [];
      const ok = rounds.filter((r) => r.ok);
      lines.push(`| ${row.variant} | ${row.users} | ${rounds.length} | ${ok.length} | ${(mean(ok.map((r) => r.jobMs)) / 1000).toFixed(1)} | ${mean(ok.map((r) => r.buildSeconds ?? 0)).toFixed(1)} |`);
    }
    const failures = reindexRows.flatMap((row) => (row.reindexRounds ?? []).filter((r) => !r.ok).map((r) => `- ${row.variant}, ${row.users} users: ${r.error ?? 'failed'}`));
    if (failures.length > 0) lines.push('', 'Failed reindex jobs:', ...failures);
  }
  lines.push('', ...reading(report));
  const errors = report.rows.flatMap((row) => row.errorSamples.map((e) => `- ${row.phase}, ${row.variant}, ${row.users} users: ${e}`));
  lines.push(
    '',
    '## How it was measured',
    '',
    '- Each setting of answerWorkers is its own server (a child process with its own copy of the index and state); they run one after another at each level, the order alternating from level to level, so that each sees the machine at nearly the same time. Every setting asks the same questions in the same order at a level.',
    `- Each level: the users open their conversations (POST /v3/directline/conversations with the Direct Line secret, then the WebSocket streamUrl), ask for ${report.settings.secondsPerLevel} s, and the questions in flight at the end finish. Latency = posting the question → the bot's answer (replyToId) arriving on the stream; an answer not received within ${report.settings.askTimeoutMs / 1000} s, an HTTP error or an empty answer is an error.`,
    `- Rate limits: ${report.settings.rateLimits}.`,
    `- Reindex: ${report.settings.reindexMethod}`,
    '- Memory is the server process\'s own, its worker threads included (it runs in a child process; the load driver is the parent), read before the users connect and after they finish.',
    `- The driver, the server and (in the reindex phase) the indexer share the same ${report.machine.cpus} cores, so the numbers are a floor for a dedicated server. The load average column shows other work on the machine during each level: a value above the number of cores means the server did not have the machine to itself.`,
    '',
    errors.length === 0 ? 'Errors: none.' : `Errors (first ones per level):\n${errors.join('\n')}`,
    '',
    ...renderReplicatedRows(report.replicated ?? [], report.machine.cpus),
  );
  return lines.join('\n');
}

/** Side by side: each setting's answers/s and p95 at every level, and its ratio to the first setting (the baseline). */
function comparison(report: LoadReport): string[] {
  const variants = [...new Set(report.rows.map((row) => row.variant))];
  const [baseline, ...others] = variants;
  if (baseline === undefined || others.length === 0) return [];
  const find = (phase: LoadRow['phase'], users: number, variant: string) => report.rows.find((r) => r.phase === phase && r.users === users && r.variant === variant);
  const header = ['phase', 'users', ...variants.map((v) => `${v} answers/s`), ...others.map((v) => `${v} ÷ ${baseline}`), ...variants.map((v) => `${v} p95 ms`)];
  const lines = [`Answers per second, side by side (baseline: ${baseline}):`, '', `| ${header.join(' | ')} |`, `| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`];
  const keys = [...new Map(report.rows.map((r) => [`${r.phase}/${r.users}`, r])).values()];
  for (const { phase, users } of keys) {
    const cells = variants.map((v) => find(phase, users, v));
    const base = cells[0]?.throughput ?? 0;
    const ratios = cells.slice(1).map((c) => (c === undefined || base === 0 ? '–' : `${(c.throughput / base).toFixed(2)}×`));
    lines.push(`| ${phase === 'reindex' ? 'during reindex' : 'steady'} | ${users} | ${cells.map((c) => c?.throughput ?? '–').join(' | ')} | ${ratios.join(' | ')} | ${cells.map((c) => c?.latencyMs.p95 ?? '–').join(' | ')} |`);
  }
  return [...lines, '', 'Every level:', ''];
}

/** What the numbers say, computed from them (so that a rerun cannot leave stale prose). */
function reading(report: LoadReport): string[] {
  const totalErrors = report.rows.reduce((sum, row) => sum + row.errors, 0);
  const out = ['## Reading', ''];
  for (const variant of new Set(report.rows.map((row) => row.variant))) {
    const rows = report.rows.filter((row) => row.variant === variant);
    const steady = rows.filter((row) => row.phase === 'steady');
    const during = rows.filter((row) => row.phase === 'reindex');
    const best = steady.reduce<LoadRow | undefined>((a, b) => (a === undefined || b.throughput > a.throughput ? b : a), undefined);
    const most = steady.at(-1);
    if (best !== undefined && most !== undefined) {
      out.push(
        `- ${variant}: at most ${best.throughput} answers/s (${best.users} users). With ${most.users} users asking without pause, waiting ≈ users ÷ throughput = ${((most.users / Math.max(most.throughput, 0.1)) * 1000).toFixed(0)} ms, measured median ${most.latencyMs.p50} ms. People pause between questions, so the same server holds many more people than this.`,
      );
    }
    if (during.length > 0) {
      const jobs = during.flatMap((row) => row.reindexRounds ?? []);
      const duringErrors = during.reduce((sum, row) => sum + row.errors, 0);
      const where = (during[0]?.answerWorkers ?? 0) === 0 ? "on the server's event loop, so it pauses every request for as long as the open takes" : 'in every worker thread, each on its own thread, and the main thread switches once all have it';
      out.push(
        `- ${variant}, while reindexing: the build (a child process) takes one of the ${report.machine.cpus} cores, so throughput is ${Math.min(...during.map((r) => r.throughput))}–${Math.max(...during.map((r) => r.throughput))} answers/s; ${duringErrors === 0 ? 'no question failed' : `${duringErrors} questions failed`}, and ${jobs.filter((j) => j.ok).length} of ${jobs.length} reindex jobs succeeded. The new snapshot is opened ${where}.`,
      );
    }
  }
  const busiest = Math.max(...report.rows.map((row) => Math.max(row.loadAverage.before, row.loadAverage.after)));
  if (busiest > report.machine.cpus) {
    out.push(
      `- The machine was shared with other work during this run (1-minute load average up to ${busiest.toFixed(1)} on ${report.machine.cpus} cores), so each server had only part of the CPU: the figures are lower bounds for a machine of its own, and a server with more threads wins a larger share of a contended machine, which flatters a pool's ratio to the in-process baseline.`,
    );
  }
  out.push(`- Errors over all levels: ${totalErrors}.`);
  return out;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
