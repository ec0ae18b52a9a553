import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/config/config';
import type { RetrievalScores } from './retrieval-metrics';

export type MatrixRow = RetrievalScores & { set: string; config: string; variant: string; questions: number; p50Ms: number; p95Ms: number; changed: number };
export type PeerRow = RetrievalScores & { set: string; engine: string; variant: string; p50Ms: number; p95Ms: number; buildMs: number; peakRssMB?: number | undefined };

export interface SetsReport {
  createdAt: string;
  command: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  corpora: Array<{ set: string; documents: number; chunks: number; questions: number }>;
  matrix: MatrixRow[];
  peers: PeerRow[];
  failures: string[];
  fitted: { folds: number; weights: unknown; heldOut: unknown };
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
const SHIPPED = 'shipped: understanding + learned ranking (held-out folds)';
const BASELINE = 'baseline: BM25F, no query understanding';
/** The shipped retriever on the ablation's subset of questions (when the ablation runs on fewer). */
export const SHIPPED_SUBSET = 'shipped on the ablation subset';

/** The Markdown report of bench/retrieval.ts. */
export function renderSetsReport(r: SetsReport): string {
  const find = (set: string, config: string, variant: string) => r.matrix.find((m) => m.set === set && m.config === config && m.variant === variant);
  const lines: string[] = [];
  lines.push('# Retrieval benchmark: three development sets, as written, without diacritics, with typing noise', '');
  lines.push(`Generated ${r.createdAt} by \`${r.command}\` on ${r.machine.cpus} cores, Node ${r.machine.node} (load average at the end ${r.machine.loadAverage.join(' / ')}: the machine is shared, so latencies are inflated).`, '');
  lines.push('| set | documents | chunks | questions |', '| --- | --- | --- | --- |');
  for (const c of r.corpora) lines.push(`| ${c.set} | ${c.documents} | ${c.chunks} | ${c.questions} |`);
  lines.push('', 'Article-level scoring: a passage stands for (law, article) when its document is the labelled law (same số hiệu, or the same title without diacritics) and its locator starts with "Điều N"; chunks of one article count once. Each retriever returns 50 chunks (the shipped one re-ranks 100 lexical chunks by article and returns the first 50). "Shipped" rows rank every question with the weights fitted on the other folds (5 folds by a hash of the question id, across the three sets); query understanding has no fitted parameter.', '');
  lines.push('## Quality and latency', '');
  lines.push('| set | questions | retriever | R@1 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms | understood differently |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of r.corpora) {
    for (const variant of ['written', 'no diacritics', 'typing noise']) {
      for (const config of [BASELINE, SHIPPED]) {
        const m = find(c.set, config, variant);
        if (m === undefined) continue;
        lines.push(`| ${c.set} | ${variant} | ${config === SHIPPED ? 'shipped (held-out)' : 'baseline'} | ${f3(m.recallAt1)} | ${f3(m.recallAt5)} | ${f3(m.recallAt10)} | ${f3(m.mrrAt10)} | ${ms(m.p50Ms)} | ${ms(m.p95Ms)} | ${m.changed} |`);
      }
    }
  }
  lines.push('', 'Latency is `Retriever.retrieve` end to end (understanding, BM25F search, reading the chunks from SQLite — 100 for the shipped re-ranking, 50 for the baseline —, learned ranking, confidence). "understood differently" = questions whose understanding changed something (a document named, a correction, an expansion or dropped scaffolding).', '');
  lines.push('## Targets (issue 11), on the shipped rows', '');
  lines.push('| target | value | met |', '| --- | --- | --- |');
  const target = (label: string, value: number | undefined, ok: (v: number) => boolean, fmt = f3) => lines.push(`| ${label} | ${value === undefined ? 'not measured' : fmt(value)} | ${value === undefined ? '—' : ok(value) ? 'yes' : 'no'} |`);
  const s = (set: string, variant: string) => find(set, SHIPPED, variant);
  target('Zalo R@5 ≥ 0.92', s('zalo2021', 'written')?.recallAt5, (v) => v >= 0.92);
  target('Zalo MRR@10 ≥ 0.80', s('zalo2021', 'written')?.mrrAt10, (v) => v >= 0.8);
  target('ALQAC 2024 R@5 ≥ 0.97', s('alqac2024', 'written')?.recallAt5, (v) => v >= 0.97);
  target('ALQAC 2023 R@5 ≥ 0.98', s('alqac2023', 'written')?.recallAt5, (v) => v >= 0.98);
  for (const c of r.corpora) {
    const w = s(c.set, 'written')?.recallAt5;
    const nd = s(c.set, 'no diacritics')?.recallAt5;
    const tn = s(c.set, 'typing noise')?.recallAt5;
    target(`${c.set}: R@5 without diacritics within 0.02 of written`, w === undefined || nd === undefined ? undefined : nd - w, (v) => v >= -0.02, signed);
    target(`${c.set}: R@5 with typing noise within 0.05 of written`, w === undefined || tn === undefined ? undefined : tn - w, (v) => v >= -0.05, signed);
  }
  target('Zalo lexical p95 ≤ 20 ms (85k chunks)', s('zalo2021', 'written')?.p95Ms, (v) => v <= 20, ms);
  lines.push('', '## What each technique gains (ablation: the shipped retriever with one technique off)', '');
  lines.push('Δ = shipped minus the row (positive: the technique helps).', '');
  lines.push('| set | questions | turned off | R@5 | Δ R@5 | MRR@10 | Δ MRR@10 | understood differently |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const m of r.matrix.filter((x) => x.config.startsWith('shipped ') && x.config !== SHIPPED && x.config !== SHIPPED_SUBSET)) {
    const full = find(m.set, SHIPPED_SUBSET, m.variant) ?? find(m.set, SHIPPED, m.variant);
    if (full === undefined) continue;
    const subset = m.questions < (r.corpora.find((c) => c.set === m.set)?.questions ?? m.questions) ? ` (first ${m.questions})` : '';
    lines.push(`| ${m.set} | ${m.variant}${subset} | ${m.config.replace(/^shipped /, '')} | ${f3(m.recallAt5)} | ${signed(full.recallAt5 - m.recallAt5)} | ${f3(m.mrrAt10)} | ${signed(full.mrrAt10 - m.mrrAt10)} | ${m.changed} |`);
  }
  if (r.peers.length > 0) {
    lines.push('', '## Peers on the same chunks', '');
    lines.push('| set | engine | questions | R@1 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms | build ms | peak RSS MB |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const p of r.peers) lines.push(`| ${p.set} | ${p.engine} | ${p.variant} | ${f3(p.recallAt1)} | ${f3(p.recallAt5)} | ${f3(p.recallAt10)} | ${f3(p.mrrAt10)} | ${ms(p.p50Ms)} | ${ms(p.p95Ms)} | ${Math.round(p.buildMs)} | ${p.peakRssMB === undefined ? '—' : Math.round(p.peakRssMB)} |`);
    lines.push('', 'Peers get the raw question (no query understanding) and return 50 chunks; their latency is the search call alone.');
  }
  if (r.failures.length > 0) lines.push('', '## Runs that failed', '', ...r.failures.map((f) => `- ${f}`));
  lines.push('', '## Learned ranking', '', 'Weights shipped (fitted on all questions as written; the rows above use each fold\'s own):', '', '```json', JSON.stringify(r.fitted.weights, null, 2), '```', '');
  lines.push('Held-out figures of the fit itself (questions as written, from `npm run bench:retrieval:fit`):', '', '```json', JSON.stringify(r.fitted.heldOut, null, 2), '```', '');
  try {
    const notes = readFileSync(resolve(PROJECT_ROOT, 'bench/retrieval-sets-notes.md'), 'utf8').split('\n').filter((l) => l.startsWith('- '));
    if (notes.length > 0) lines.push('## Notes', '', ...notes, '');
  } catch {
    // No notes file: numbers only.
  }
  return `${lines.join('\n')}\n`;
}
