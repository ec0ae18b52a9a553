/**
 * How cost grows with the corpus: `npm run bench:scale [-- --sizes 10000,100000,300000 --queries 50
 * --limit 60 --parts lexical,segments,hnsw --child-minutes 25 --knowledge DIR --out DIR]`.
 * For each size, in separate processes: the lexical index (BM25F over synthetic chunks made from
 * the ALQAC laws, see scale-synth.ts) and the HNSW vector index (random unit vectors of 384
 * dimensions, as multilingual-e5-small produces); build time, p50/p95 search latency, memory, and
 * the disk size of the snapshot files; then the shipped index on a real knowledge folder (the Zalo
 * laws by default, bench/scale-segments.ts). Bounded: each synthetic child searches the first
 * `--queries` questions (every variant) and is stopped after `--child-minutes` (its row then says
 * so); the real corpus answers `--limit` questions. Writes bench/results/scale.md and .json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import type { ChildResult } from './retrieval-memory';
import { renderScaleReport, type ScaleReport, type ScaleRow, type ScaleRun } from './scale-report';

const { values: args } = parseArgs({
  options: {
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    questions: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl') },
    sizes: { type: 'string', default: '10000,100000,300000' },
    /** efConstruction for every size (the shipped value is also measured at the smallest size). */
    'ef-construction': { type: 'string', default: '64' },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
    /** A real knowledge folder measured with the shipped index as a server uses it (bench/scale-segments.ts); "" skips it. */
    knowledge: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/zalo2021/laws') },
    'knowledge-questions': { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/zalo2021/questions.dev.jsonl') },
    /** Questions each synthetic child searches (each as written and without diacritics). */
    queries: { type: 'string', default: '50' },
    /** Questions searched on the real corpus, and answers asked there (bench/scale-segments.ts). */
    'knowledge-queries': { type: 'string', default: '150' },
    limit: { type: 'string', default: '60' },
    /** Which synthetic measurements to run. */
    parts: { type: 'string', default: 'lexical,segments,hnsw' },
    /** A synthetic child still running after this many minutes is stopped (its row reports the timeout). */
    'child-minutes': { type: 'string', default: '25' },
  },
});
const parts = new Set(args.parts.split(','));
const childMinutes = Number(args['child-minutes']);
if (!(childMinutes > 0) || !(Number(args.queries) > 0) || !(Number(args.limit) > 0)) throw new Error('bench:scale: --child-minutes, --queries and --limit must be positive');
const sizes = args.sizes.split(',').map(Number).filter((n) => n > 0);
const efScale = Number(args['ef-construction']);
const tunables = loadConfig().tunables;
const started = Date.now();

function child(part: 'lexical' | 'segments' | 'hnsw', size: number, dir: string, efConstruction?: number): { result?: ChildResult; error?: string; seconds: number } {
  const out = join(dir, `${part}-${efConstruction ?? ''}.json`);
  const t = Date.now();
  process.stderr.write(`bench:scale: ${part} ${size}${efConstruction === undefined ? '' : ` efConstruction ${efConstruction}`}…\n`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/scale-child.ts'), '--laws', args.laws, '--questions', args.questions, '--size', String(size), '--part', part, '--dir', dir, '--out', out, '--queries', args.queries, ...(efConstruction === undefined ? [] : ['--ef-construction', String(efConstruction)])],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: childMinutes * 60 * 1000 },
  );
  const seconds = (Date.now() - t) / 1000;
  if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { error: `stopped after ${childMinutes} min (--child-minutes)`, seconds };
  if (run.status !== 0) return { error: `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-2).join(' / ')}`, seconds };
  return { result: JSON.parse(readFileSync(out, 'utf8')) as ChildResult, seconds };
}

const work = mkdtempSync(join(tmpdir(), 'troly-scale-'));
const rows: ScaleRow[] = [];
let realCorpus: ScaleRun | undefined;
try {
  for (const size of sizes) {
    const dir = join(work, String(size));
    mkdirSync(dir);
    const skipped = { error: 'not run (--parts)', seconds: 0 };
    const lexical = parts.has('lexical') ? child('lexical', size, dir) : skipped;
    const segments = parts.has('segments') ? child('segments', size, join(dir, 'segments')) : skipped;
    const hnsw = parts.has('hnsw') ? child('hnsw', size, dir, efScale) : skipped;
    const shipped = parts.has('hnsw') && size === sizes[0] && efScale !== tunables.hnswEfConstruction ? child('hnsw', size, join(dir), tunables.hnswEfConstruction) : undefined;
    rows.push({ size, lexical, segments, hnsw, ...(shipped === undefined ? {} : { hnswShipped: shipped }) });
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.knowledge !== '') {
    const dir = join(work, 'knowledge-run');
    mkdirSync(dir);
    const out = join(work, 'knowledge-run.json');
    process.stderr.write(`bench:scale: the shipped index on ${args.knowledge}…\n`);
    const t = Date.now();
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/scale-segments.ts'), '--knowledge', args.knowledge, '--questions', args['knowledge-questions'], '--queries', args['knowledge-queries'], '--limit', args.limit, '--work', dir, '--out', out], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 90 * 60 * 1000 });
    realCorpus = run.status === 0 ? { result: JSON.parse(readFileSync(out, 'utf8')) as ChildResult, seconds: (Date.now() - t) / 1000 } : { error: `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-2).join(' / ')}`, seconds: (Date.now() - t) / 1000 };
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const report: ScaleReport = {
  createdAt: new Date().toISOString(),
  command: `npm run bench:scale${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  totalSeconds: (Date.now() - started) / 1000,
  efConstruction: { scale: efScale, shipped: tunables.hnswEfConstruction },
  rows,
  ...(realCorpus === undefined ? {} : { realCorpus: { ...realCorpus, folder: args.knowledge } }),
};
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'scale.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(args.out, 'scale.md'), renderScaleReport(report));
process.stdout.write(renderScaleReport(report));
