/**
 * Latency of the shipped lexical retriever at 85k chunks: `npx tsx bench/retrieval-latency.ts
 * [--set zalo2021] [--questions 150] [--k 10] [--rounds 2] [--cache DIR]`. Opens the cached
 * snapshot of the set, asks the first N questions once to warm up, then `--rounds` times each,
 * timing `createLexicalRetriever().retrieve({ k })` end to end (understanding, BM25F, reading the
 * chunks, learned ranking, confidence). Prints one JSON line: p50/p95/mean in ms and the load
 * average, so that two trees (before and after a change) can be run alternately on one machine
 * and compared within that run.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { percentile } from './retrieval-metrics';
import { benchSetPaths, ensureSetSnapshot, type BenchSetName } from './retrieval-sets';

const { values: args } = parseArgs({ options: { set: { type: 'string', default: 'zalo2021' }, questions: { type: 'string', default: '150' }, k: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' }, cache: { type: 'string', default: '/tmp/troly-retrieval-cache' }, label: { type: 'string', default: '' } } });
const set = args.set as BenchSetName;
const config = loadConfig();
const { dataDir } = await ensureSetSnapshot({ name: set, cacheDir: args.cache, tunables: config.tunables, log: (l) => process.stderr.write(`${l}\n`) });
const snapshot = openSnapshot({ dataDir, tunables: config.tunables });
const retriever = createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical });
const questions = readJsonl(benchSetPaths(set).questions, questionSchema).slice(0, Number(args.questions));
const k = Number(args.k);
for (const q of questions) await retriever.retrieve({ query: q.question, k });
const times: number[] = [];
for (let round = 0; round < Number(args.rounds); round++) {
  for (const q of questions) {
    const t = performance.now();
    await retriever.retrieve({ query: q.question, k });
    times.push(performance.now() - t);
  }
}
snapshot.close();
const round1 = (x: number) => Number(x.toFixed(1));
process.stdout.write(`${JSON.stringify({ label: args.label, set, chunks: snapshot.lexical.size, questions: questions.length, k, timed: times.length, p50Ms: round1(percentile(times, 50)), p95Ms: round1(percentile(times, 95)), meanMs: round1(times.reduce((s, x) => s + x, 0) / Math.max(times.length, 1)), loadAverage: loadavg().map(round1) })}\n`);
