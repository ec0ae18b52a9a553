/**
 * Which incremental keyword index: `npm run bench:index-candidates [-- --sets zalo2021,alqac2023
 * --engines memory,segments,fts5,lancedb --lancedb DIR --out DIR]`. For each benchmark set
 * (`../shared/bench/<set>`), the laws are indexed once through the real pipeline (buildSnapshot,
 * in a cache folder kept between runs: `--cache DIR`, default the system temp folder) and exported
 * as chunks; then each candidate runs in its own process on those chunks and the set's questions
 * (bench/index-candidates-child.ts). Writes bench/results/index-candidates.md and .json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { buildSnapshot } from '../src/index/build-snapshot';
import { openSnapshot } from '../src/index/open-snapshot';

const { values: args } = parseArgs({
  options: {
    sets: { type: 'string', default: 'zalo2021,alqac2023' },
    engines: { type: 'string', default: 'memory,segments,fts5,lancedb' },
    /** The folder of an `@lancedb/lancedb` install (not a dependency of the project). */
    lancedb: { type: 'string' },
    cache: { type: 'string', default: tmpdir() },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
  },
});
const tunables = loadConfig().tunables;
const engines = args.engines.split(',').filter((e) => e !== '' && (e !== 'lancedb' || args.lancedb !== undefined));

interface Row {
  set: string;
  engine: string;
  chunks: number;
  heldChunks: number;
  buildMs: number;
  buildPeakMB: number;
  bytes: number;
  openMs: number;
  addMs: number;
  peakMB: number;
  accented: { recallAt5: number; mrrAt10: number; p50Ms: number; p95Ms: number };
  folded: { recallAt5: number; mrrAt10: number; p50Ms: number; p95Ms: number };
}
const rows: Row[] = [];
const failures: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'troly-candidates-'));
try {
  for (const set of args.sets.split(',')) {
    const root = resolve(PROJECT_ROOT, '../shared/bench', set);
    const dataDir = join(args.cache, `troly-candidates-${set}`);
    process.stderr.write(`bench:index-candidates: ${set}: indexing the laws (cached in ${dataDir})…\n`);
    await buildSnapshot({ knowledgeDir: join(root, 'laws'), dataDir, tunables });
    const snapshot = openSnapshot({ dataDir, tunables });
    const corpus = join(work, `${set}.jsonl`);
    const lines = snapshot.store.listDocuments().map((d) => JSON.stringify({ doc: snapshot.store.getDocument(d.id), chunks: snapshot.store.chunksOfDocument(d.id) }));
    writeFileSync(corpus, `${lines.join('\n')}\n`);
    snapshot.close();
    for (const engine of engines) {
      process.stderr.write(`bench:index-candidates: ${set}: ${engine}…\n`);
      const dir = join(work, `${set}-${engine}`);
      mkdirSync(dir);
      const out = join(work, `${set}-${engine}.json`);
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', resolve(PROJECT_ROOT, 'bench/index-candidates-child.ts'), '--corpus', corpus, '--questions', join(root, 'questions.dev.jsonl'), '--engine', engine, '--dir', dir, '--out', out, ...(args.lancedb === undefined ? [] : ['--lancedb', args.lancedb])],
        { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 40 * 60 * 1000 },
      );
      if (run.status === 0) rows.push({ set, ...(JSON.parse(readFileSync(out, 'utf8')) as Omit<Row, 'set'>) });
      else failures.push(`${set} ${engine}: exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const f = (n: number, d = 0) => n.toFixed(d);
const report = {
  createdAt: new Date().toISOString(),
  command: `npm run bench:index-candidates${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  rows,
  failures,
};
const md = [
  '# Incremental keyword index: candidates',
  '',
  `\`${report.command}\` — ${report.createdAt}, ${report.machine.cpus} cores (load average ${report.machine.loadAverage.join(' / ')} at the end: the machine is shared), Node ${report.machine.node}.`,
  '',
  'Each candidate in its own process, on the chunks of the real pipeline: built over every document but one (build time; peak RSS above the process with the corpus loaded; disk), reopened from disk (open), then the held-out document added until searchable (add). Questions: the set\'s dev questions as written and without diacritics, k = 50 chunks, scored at article level; p50/p95 is the keyword search alone. R@5 / MRR@10 are not tuned on: every engine runs with the shipped tunables.',
  '',
  '| set | engine | chunks | build s | build peak MB | disk MB | open ms | add one doc ms | R@5 as written | MRR@10 | R@5 no diacritics | MRR@10 | p50 / p95 ms |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.set} | ${r.engine} | ${r.chunks} | ${f(r.buildMs / 1000, 1)} | ${f(r.buildPeakMB)} | ${f(r.bytes / 1048576)} | ${f(r.openMs, 1)} | ${f(r.addMs)} (${r.heldChunks} chunks) | ${f(r.accented.recallAt5, 3)} | ${f(r.accented.mrrAt10, 3)} | ${f(r.folded.recallAt5, 3)} | ${f(r.folded.mrrAt10, 3)} | ${f(r.accented.p50Ms, 1)} / ${f(Math.max(r.accented.p95Ms, r.folded.p95Ms), 1)} |`),
  '',
  ...(failures.length > 0 ? ['Failures:', '', ...failures.map((x) => `- ${x}`), ''] : []),
];
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'index-candidates.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(args.out, 'index-candidates.md'), `${md.join('\n')}\n`);
process.stdout.write(`${md.join('\n')}\n`);
