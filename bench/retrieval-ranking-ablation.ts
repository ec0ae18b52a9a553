/**
 * Per-technique ablation of the learned ranking, on the held-out folds of `bench/retrieval-fit.ts`:
 * `npx tsx bench/retrieval-ranking-ablation.ts [--cache DIR]`. Each row refits the ranking with one
 * choice changed (a feature group left out, the smaller re-rank pool, the first objective, pseudo-
 * relevance feedback on) with 5-fold cross-validation on the questions as written, and reports every
 * set on all folds and on the folds no choice was made on (fold 0 is the tune split). The shipped
 * weights are not touched (--dry-run). Writes bench/results/retrieval-ranking.md/.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config/config';
import type { RetrievalScores } from './retrieval-metrics';

const { values: args } = parseArgs({ options: { cache: { type: 'string', default: '/tmp/troly-retrieval-cache' }, out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') } } });
const shipped = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'src/retrieve/ranking-weights.json'), 'utf8')) as { pool: number; objective: string };
const base = ['--pool', String(shipped.pool), '--objective', shipped.objective];
const ROWS: Array<{ name: string; args: string[] }> = [
  { name: 'shipped', args: base },
  { name: 'without article coverage (articleCoverage, articleBigramCoverage)', args: [...base, '--drop', 'articleCoverage,articleBigramCoverage'] },
  { name: 'without title features (titleCoverage, titleBigramCoverage, documentTitleCoverage)', args: [...base, '--drop', 'titleCoverage,titleBigramCoverage,documentTitleCoverage'] },
  { name: 'without definition cue', args: [...base, '--drop', 'definition'] },
  { name: 'without title containment (titleContainment, titleBigramContainment)', args: [...base, '--drop', 'titleContainment,titleBigramContainment'] },
  { name: `re-rank pool ${shipped.pool === 100 ? 50 : 100} chunks`, args: ['--pool', shipped.pool === 100 ? '50' : '100', '--objective', shipped.objective] },
  { name: `objective ${shipped.objective === 'lambda' ? 'pairwise logistic' : 'LambdaRank'}`, args: ['--pool', String(shipped.pool), '--objective', shipped.objective === 'lambda' ? 'pairwise' : 'lambda'] },
  { name: 'with pseudo-relevance feedback (RM3 defaults)', args: [...base, '--feedback', 'true'] },
];

interface FitResult {
  perSet: Record<string, { questions: number; lexical: RetrievalScores; learnedHeldOut: RetrievalScores; untuned: RetrievalScores; lexicalUntuned: RetrievalScores }>;
}
const results: Array<{ name: string; args: string[]; result?: FitResult; error?: string }> = [];
for (const row of ROWS) {
  const out = join(args.cache, `ranking-ablation-${results.length}.json`);
  process.stderr.write(`bench:ranking-ablation: ${row.name}…\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'bench/retrieval-fit.ts'), '--cache', args.cache, '--dry-run', '--json-out', out, ...row.args], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.status !== 0) results.push({ ...row, error: `exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').slice(-2).join(' / ')}` });
  else results.push({ ...row, result: JSON.parse(readFileSync(out, 'utf8')) as FitResult });
}
const f = (x: number) => x.toFixed(3);
const d = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
const lines = [
  '# Learned ranking: what each technique gains (held-out folds, questions as written)',
  '',
  `Generated ${new Date().toISOString()} by \`npx tsx bench/retrieval-ranking-ablation.ts\` (load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}). Each row refits the ranking weights with 5-fold cross-validation (folds by a hash of the question id, across the three sets) and ranks every question with the weights of the folds that leave it out. Fold 0 is the tune split: the pool, the objective and the feature set were chosen on its figures; "untuned" = folds 1–4, which no choice looked at. Δ = shipped minus the row (positive: the technique helps).`,
  '',
  '| set | ranking | R@5 (all) | MRR@10 (all) | R@5 (untuned) | Δ R@5 (untuned) | MRR@10 (untuned) | Δ MRR@10 (untuned) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
const first = results[0]?.result;
for (const set of Object.keys(first?.perSet ?? {})) {
  const s = first?.perSet[set];
  if (s !== undefined) lines.push(`| ${set} | lexical order (understanding, no learned ranking) | ${f(s.lexical.recallAt5)} | ${f(s.lexical.mrrAt10)} | ${f(s.lexicalUntuned.recallAt5)} | ${d(s.untuned.recallAt5 - s.lexicalUntuned.recallAt5)} | ${f(s.lexicalUntuned.mrrAt10)} | ${d(s.untuned.mrrAt10 - s.lexicalUntuned.mrrAt10)} |`);
  for (const r of results) {
    const x = r.result?.perSet[set];
    if (x === undefined || s === undefined) continue;
    lines.push(`| ${set} | ${r.name} | ${f(x.learnedHeldOut.recallAt5)} | ${f(x.learnedHeldOut.mrrAt10)} | ${f(x.untuned.recallAt5)} | ${r.name === 'shipped' ? '' : d(s.untuned.recallAt5 - x.untuned.recallAt5)} | ${f(x.untuned.mrrAt10)} | ${r.name === 'shipped' ? '' : d(s.untuned.mrrAt10 - x.untuned.mrrAt10)} |`);
  }
}
for (const r of results) if (r.error !== undefined) lines.push('', `- ${r.name} failed: ${r.error}`);
lines.push('', 'The "lexical order" row: Δ columns there are shipped minus lexical order.', '');
// The analysis behind the rows (what was tried, on which fold, and why it was kept or dropped).
const notes = readFileSync(resolve(PROJECT_ROOT, 'bench/retrieval-ranking-notes.md'), 'utf8').split('\n').filter((l) => l.startsWith('- '));
if (notes.length > 0) lines.push('## Notes', '', ...notes, '');
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'retrieval-ranking.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(args.out, 'retrieval-ranking.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
