/**
 * Keyword search latency on an existing snapshot, in a fresh process, as a server sees it:
 * `node --expose-gc --import tsx bench/scale-search.ts --data DIR --questions FILE [--k 10] [--passes 3] [--queries 150]`.
 * Opens the snapshot (timed), then asks every question `passes` times through `createLexicalRetriever`
 * (query understanding, BM25F, learned ranking), one at a time; prints one JSON line: open ms, p50 / p95
 * per pass (the first pass reads postings from disk, later ones find them in the postings cache or the
 * page cache), the same for the process CPU time per question (less inflated than wall time when the
 * machine is shared), resident memory before and after, and the load average. Touches nothing in DIR.
 * `--compare-memory` also builds today's in-memory `Bm25Index` of the same live chunks and runs the
 * same passes through it, interleaved question by question (same load for both), and counts the
 * questions whose passages (ids and scores) differ between the two (0 expected).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { bm25Params, loadBm25Index } from '../src/index/bm25-index';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { percentile } from './retrieval-metrics';

const { values: args } = parseArgs({
  options: { data: { type: 'string' }, questions: { type: 'string' }, k: { type: 'string', default: '10' }, passes: { type: 'string', default: '3' }, queries: { type: 'string', default: '150' }, 'compare-memory': { type: 'boolean', default: false } },
});
if (args.data === undefined || args.questions === undefined) throw new Error('usage: scale-search.ts --data DIR --questions FILE [--k 10] [--passes 3] [--queries 150]');
const questions = readJsonl(args.questions, questionSchema).slice(0, Number(args.queries));
const { tunables } = loadConfig({ env: { TROLY_DATA_DIR: args.data, TROLY_LOG_LEVEL: 'silent' } });
const mb = (bytes: number) => Math.round(bytes / 1048576);
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const snapshot = openSnapshot({ dataDir: args.data, tunables });
const openMs = performance.now() - t0;
const retriever = createLexicalRetriever(snapshot);
globalThis.gc?.();
const rssOpen = process.memoryUsage().rss;
const memory = args['compare-memory'] ? createLexicalRetriever({ store: snapshot.store, lexical: loadBm25Index({ buffer: snapshot.lexical.serialize(), params: bm25Params(tunables), source: 'memory' }) }) : undefined;
const round = (v: number) => Math.round(v * 10) / 10;
const summary = (times: number[]) => ({ p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) });
type Summary = ReturnType<typeof summary>;
const passes: Array<Summary & { cpu: Summary; memory?: Summary }> = [];
let differing = 0;
let rssAfter = 0;
for (let pass = 0; pass < Number(args.passes); pass++) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const memoryTimes: number[] = [];
  for (const q of questions) {
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const got = await retriever.retrieve({ query: q.question, k: Number(args.k) });
    times.push(performance.now() - t);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (memory !== undefined) {
      t = performance.now();
      const want = await memory.retrieve({ query: q.question, k: Number(args.k) });
      memoryTimes.push(performance.now() - t);
      const key = (r: typeof got) => JSON.stringify(r.passages.map((p) => [p.chunk.id, p.score]));
      if (pass === 0 && key(got) !== key(want)) differing += 1;
    }
  }
  if (pass === 0 && memory === undefined) {
    globalThis.gc?.();
    rssAfter = process.memoryUsage().rss;
  }
  passes.push({ ...summary(times), cpu: summary(cpuTimes), ...(memory === undefined ? {} : { memory: summary(memoryTimes) }) });
}
if (memory === undefined) {
  globalThis.gc?.();
  rssAfter = Math.max(rssAfter, process.memoryUsage().rss);
}
snapshot.close();
process.stdout.write(
  `${JSON.stringify({ chunks: snapshot.lexical.size, questions: questions.length, k: Number(args.k), openMs: Math.round(openMs * 10) / 10, passes, rssMB: { beforeOpen: mb(rssBefore), afterOpen: mb(rssOpen), afterSearch: memory === undefined ? mb(rssAfter) : 'n/a (in-memory index built)', peak: mb(process.resourceUsage().maxRSS * 1024) }, ...(memory === undefined ? {} : { differingFromMemory: differing }), loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) })}\n`,
);
