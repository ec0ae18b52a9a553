/**
 * The index side of keyword search alone, pruned against exhaustive, on an existing snapshot:
 * `node --expose-gc --import tsx bench/scale-search-index.ts --data DIR --questions FILE [--k 10] [--passes 3] [--queries 150]`.
 * Runs every question once through `createLexicalRetriever` (query understanding + BM25F + learned
 * ranking) with the index wrapped to record its calls (searches and the explains of the re-rank
 * pool), then replays those calls `passes` times on two indexes over the same segments: the shipped
 * one (scores every posting) and one with MaxScore pruning (`prunedTop`), interleaved question by
 * question so both see the same load. Prints one JSON line: per pass, p50 / p95 of the wall time
 * and of the process CPU time per question (search calls, then explain calls), for each index, and
 * the number of questions whose hits or explains differ between the two (0 expected). The first
 * pass reads postings from disk for both. Touches nothing in DIR.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import type { LexicalIndex, LexicalQuery } from '../src/index/lexical-index';
import { openSegments } from '../src/index/open-segments';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { percentile } from './retrieval-metrics';

const { values: args } = parseArgs({
  options: { data: { type: 'string' }, questions: { type: 'string' }, k: { type: 'string', default: '10' }, passes: { type: 'string', default: '3' }, queries: { type: 'string', default: '150' } },
});
if (args.data === undefined || args.questions === undefined) throw new Error('usage: scale-search-index.ts --data DIR --questions FILE [--k 10] [--passes 3] [--queries 150]');
const questions = readJsonl(args.questions, questionSchema).slice(0, Number(args.queries));
const { tunables } = loadConfig({ env: { TROLY_DATA_DIR: args.data, TROLY_LOG_LEVEL: 'silent' } });
const snapshot = openSnapshot({ dataDir: args.data, tunables });
const pruned = openSegments({ dataDir: args.data, entries: snapshot.manifest.lexical.segments, params: tunables, snapshotId: snapshot.id, pruning: true });

type Call = { kind: 'search'; options: { query: LexicalQuery; k: number; only?: ReadonlySet<string> } } | { kind: 'explain'; options: { query: LexicalQuery; chunkId: string } };
let calls: Call[] = [];
const recording: LexicalIndex = {
  get size() {
    return snapshot.lexical.size;
  },
  search: (options) => (calls.push({ kind: 'search', options }), snapshot.lexical.search(options)),
  explain: (options) => (calls.push({ kind: 'explain', options }), snapshot.lexical.explain(options)),
  documentFrequency: (options) => snapshot.lexical.documentFrequency(options),
  serialize: () => snapshot.lexical.serialize(),
};
const retriever = createLexicalRetriever({ store: snapshot.store, lexical: recording });
const recorded: Call[][] = [];
for (const q of questions) {
  calls = [];
  await retriever.retrieve({ query: q.question, k: Number(args.k) });
  recorded.push(calls);
}

/** Runs one question's calls; searches first, as the retriever does, so explain finds their hits. */
function replay(index: LexicalIndex, list: readonly Call[]): { wall: number; cpu: number; searchWall: number; key: string } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out: unknown[] = [];
  let searchWall = 0;
  for (const call of list) {
    if (call.kind === 'search') {
      const s0 = performance.now();
      out.push(index.search(call.options));
      searchWall += performance.now() - s0;
    } else out.push(index.explain(call.options));
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, searchWall, key: JSON.stringify(out) };
}

const round = (v: number) => Math.round(v * 100) / 100;
const summary = (times: number[]) => ({ p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) });
const passes: unknown[] = [];
let differing = 0;
for (let pass = 0; pass < Number(args.passes); pass++) {
  const t = { pruned: { wall: [] as number[], cpu: [] as number[], search: [] as number[] }, exhaustive: { wall: [] as number[], cpu: [] as number[], search: [] as number[] } };
  recorded.forEach((list, i) => {
    // Alternate which goes first, so neither always finds the other's work warm in the CPU caches.
    const order = i % 2 === 0 ? (['pruned', 'exhaustive'] as const) : (['exhaustive', 'pruned'] as const);
    const got: Record<string, string> = {};
    for (const name of order) {
      const r = replay(name === 'pruned' ? pruned.lexical : snapshot.lexical, list);
      t[name].wall.push(r.wall);
      t[name].cpu.push(r.cpu);
      t[name].search.push(r.searchWall);
      got[name] = r.key;
    }
    if (pass === 0 && got.pruned !== got.exhaustive) differing += 1;
  });
  passes.push(Object.fromEntries((['pruned', 'exhaustive'] as const).map((n) => [n, { wallMs: summary(t[n].wall), cpuMs: summary(t[n].cpu), searchWallMs: summary(t[n].search) }])));
}
const searches = recorded.reduce((a, l) => a + l.filter((c) => c.kind === 'search').length, 0);
const explains = recorded.reduce((a, l) => a + l.filter((c) => c.kind === 'explain').length, 0);
pruned.close();
snapshot.close();
process.stdout.write(`${JSON.stringify({ chunks: snapshot.lexical.size, questions: questions.length, k: Number(args.k), searches, explains, passes, differing, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) })}\n`);
