import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/config/config';
import type { RetrievalScores } from './retrieval-metrics';
import { RERANK_POOL } from '../src/retrieve/learned-ranking';
import { LONG_QUESTION_SYLLABLES } from './retrieval-question-style';

/** `retrieved`: for ablation rows, the questions retrieved again (the others provably had the shipped result). */
export type MatrixRow = RetrievalScores & { set: string; config: string; variant: string; questions: number; p50Ms: number; p95Ms: number; changed: number; retrieved?: number };
export type PeerRow = RetrievalScores & { set: string; engine: string; variant: string; questions?: number; p50Ms: number; p95Ms: number; buildMs: number; peakRssMB?: number | undefined; note?: string };
/** Wall-clock and CPU seconds of one step (CPU of the benchmark process and of the peer's child process). */
export interface StepTime {
  step: string;
  wallS: number;
  cpuS: number;
}

export interface SetsReport {
  createdAt: string;
  command: string;
  machine: { cpus: number; node: string; loadAverage: number[]; loadAverageAtStart?: number[] };
  /** Wall-clock seconds of the whole run so far; `complete` false while it runs (the report is rewritten after each step). */
  totalS?: number;
  complete?: boolean;
  corpora: Array<{ set: string; documents: number; chunks: number; questions: number }>;
  matrix: MatrixRow[];
  /** The baseline and shipped rows again on subsets of the questions (long or personal; the peers' sample). */
  subsets?: MatrixRow[];
  peers: PeerRow[];
  failures: string[];
  steps?: StepTime[];
  /** `pool`: lexical chunks the learned ranking re-orders (RERANK_POOL unless the fit chose another). */
  fitted: { folds: number; pool?: number; weights: unknown; heldOut: unknown };
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
export const SHIPPED_CONFIG = 'shipped: understanding + learned ranking (held-out folds)';
export const BASELINE_CONFIG = 'baseline: BM25F, no query understanding';
const SHIPPED = SHIPPED_CONFIG;
const BASELINE = BASELINE_CONFIG;
/** The shipped retriever on the ablation's subset of questions (when the ablation runs on fewer). */
export const SHIPPED_SUBSET = 'shipped on the ablation subset';

/** The Markdown report of bench/retrieval.ts. */
export function renderSetsReport(r: SetsReport): string {
  const find = (set: string, config: string, variant: string) => r.matrix.find((m) => m.set === set && m.config === config && m.variant === variant);
  const lines: string[] = [];
  const pool = r.fitted.pool ?? RERANK_POOL;
  lines.push('# Retrieval benchmark: three development sets, as written, without diacritics, with typing noise', '');
  const start = r.machine.loadAverageAtStart === undefined ? '' : `at the start ${r.machine.loadAverageAtStart.join(' / ')}, `;
  const merged = r.command.includes(' ; ') ? ' (the commands ran side by side, merged with `--merge`: the time is the longest\'s)' : '';
  const took = r.totalS === undefined ? '' : ` ${r.complete === false ? 'Not finished: written after a step, ' : 'The whole run took '}${(r.totalS / 60).toFixed(1)} min${r.complete === false ? ' so far' : ''} of wall-clock time${merged}.`;
  lines.push(`Generated ${r.createdAt} by \`${r.command}\` on ${r.machine.cpus} cores, Node ${r.machine.node} (1 / 5 / 15-minute load average ${start}at the end ${r.machine.loadAverage.join(' / ')}; above 2 the machine was shared and latencies are inflated).${took}`, '');
  lines.push('| set | documents | chunks | questions |', '| --- | --- | --- | --- |');
  for (const c of r.corpora) lines.push(`| ${c.set} | ${c.documents} | ${c.chunks} | ${c.questions} |`);
  lines.push('', `Article-level scoring: a passage stands for (law, article) when its document is the labelled law (same số hiệu, or the same title without diacritics) and its locator starts with "Điều N"; chunks of one article count once. Each retriever returns 50 chunks (the shipped one re-ranks ${pool} lexical chunks by article and returns the first 50). "Shipped" rows rank every question with the weights fitted on the other folds (${r.fitted.folds} folds by a hash of the question id, across the three sets); query understanding has no fitted parameter.`, '');
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
  lines.push('', `Latency is \`Retriever.retrieve\` end to end (understanding, BM25F search, reading the chunks from SQLite — ${pool} for the shipped re-ranking, 50 for the baseline —, learned ranking, confidence). "understood differently" = questions whose understanding changed something (a document named, a correction, an expansion or dropped scaffolding).`, '');
  const subsets = r.subsets ?? [];
  if (subsets.length > 0) {
    lines.push('## Subsets of the questions', '');
    lines.push(`"long or personal": the question as written has at least ${LONG_QUESTION_SYLLABLES} syllables, opens with a greeting or "cho … hỏi" ("Thưa luật sư…", "Cho em hỏi…"), or says "tôi" / "mình" (bench/retrieval-question-style.ts; the issue's ≈ 0.66 was for such questions). "peer sample": the questions the peers answered (all of a small set). Same runs as above, restricted.`, '');
    lines.push('| set | questions | subset size | retriever | R@1 | R@5 | R@10 | MRR@10 |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const m of subsets) lines.push(`| ${m.set} | ${m.variant} | ${m.questions} | ${m.config === SHIPPED ? 'shipped (held-out)' : 'baseline'} | ${f3(m.recallAt1)} | ${f3(m.recallAt5)} | ${f3(m.recallAt10)} | ${f3(m.mrrAt10)} |`);
    lines.push('');
  }
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
  const ablations = r.matrix.filter((x) => x.config.startsWith('shipped ') && x.config !== SHIPPED && x.config !== SHIPPED_SUBSET);
  const shippedFor = (m: MatrixRow) => find(m.set, SHIPPED_SUBSET, m.variant) ?? find(m.set, SHIPPED, m.variant);
  lines.push('', '## What each technique gained', '');
  lines.push('Δ R@5 / Δ MRR@10 of the shipped retriever over the same retriever with that one technique off (positive: the technique helps), held-out folds, per set and question form. A gain that shows on one set only is not a gain.', '');
  const columns = [...new Set(ablations.map((m) => `${m.set}\u0000${m.variant}`))];
  const techniques = [...new Set(ablations.map((m) => m.config))];
  lines.push(`| technique | ${columns.map((c) => c.replace('\u0000', ' · ')).join(' | ')} |`, `| --- |${columns.map(() => ' --- |').join('')}`);
  for (const t of techniques) {
    const cells = columns.map((c) => {
      const [set, variant] = c.split('\u0000');
      const m = ablations.find((x) => x.config === t && x.set === set && x.variant === variant);
      const full = m === undefined ? undefined : shippedFor(m);
      return m === undefined || full === undefined ? '—' : `${signed(full.recallAt5 - m.recallAt5)} / ${signed(full.mrrAt10 - m.mrrAt10)}`;
    });
    lines.push(`| ${t.replace(/^shipped without /, '').replace(/^shipped /, '')} | ${cells.join(' | ')} |`);
  }
  lines.push('', '### Ablation rows in full', '');
  lines.push('"retrieved again": questions whose search the technique changes, retrieved with it off; every other question provably gets the shipped passages (same understood query, same document handling: bench/retrieval-ablation.ts), so its shipped rank is reused.', '');
  lines.push('| set | questions | turned off | R@5 | Δ R@5 | MRR@10 | Δ MRR@10 | understood differently | retrieved again |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const m of ablations) {
    const full = shippedFor(m);
    if (full === undefined) continue;
    const subset = m.questions < (r.corpora.find((c) => c.set === m.set)?.questions ?? m.questions) ? ` (first ${m.questions})` : '';
    lines.push(`| ${m.set} | ${m.variant}${subset} | ${m.config.replace(/^shipped /, '')} | ${f3(m.recallAt5)} | ${signed(full.recallAt5 - m.recallAt5)} | ${f3(m.mrrAt10)} | ${signed(full.mrrAt10 - m.mrrAt10)} | ${m.changed} | ${m.retrieved ?? m.questions} |`);
  }
  if (r.peers.length > 0) {
    lines.push('', '## Peers on the same chunks', '');
    lines.push('| set | engine | questions | asked | R@1 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms | build ms | peak RSS MB |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const p of r.peers) lines.push(`| ${p.set} | ${p.engine} | ${p.variant} | ${p.questions ?? '—'} | ${f3(p.recallAt1)} | ${f3(p.recallAt5)} | ${f3(p.recallAt10)} | ${f3(p.mrrAt10)} | ${ms(p.p50Ms)} | ${ms(p.p95Ms)} | ${Math.round(p.buildMs)}${p.note === undefined ? '' : '*'} | ${p.peakRssMB === undefined ? '—' : Math.round(p.peakRssMB)} |`);
    lines.push('', 'Peers get the raw question (no query understanding) and return 50 chunks; their latency is the search call alone. Compare them with the "peer sample" rows of "Subsets of the questions" (the shipped retriever on the same questions). * the index was loaded from the cache (keyed by the corpus fingerprint); build ms is that of the run that built it, and the peak RSS is of a process that did not build.');
  }
  if (r.failures.length > 0) lines.push('', '## Runs that failed', '', ...r.failures.map((f) => `- ${f}`));
  if ((r.steps ?? []).length > 0) {
    lines.push('', '## Where the time went', '', 'Wall-clock and CPU seconds of each step (CPU of the benchmark process plus the peer\'s child process). On a quiet machine the run takes about the CPU total (one thread); on a shared one, wall time is inflated.', '');
    const cpuTotal = (r.steps ?? []).reduce((sum, t) => sum + t.cpuS, 0);
    lines.push(`CPU total ${(cpuTotal / 60).toFixed(1)} min.`, '');
    lines.push('| step | wall s | CPU s |', '| --- | --- | --- |');
    for (const t of r.steps ?? []) lines.push(`| ${t.step} | ${t.wallS.toFixed(1)} | ${t.cpuS.toFixed(1)} |`);
  }
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
