/** The Markdown report of the answer benchmark. */
import type { AnswerSummary, CurvePoint, Parity } from './answers-metrics';

export interface CorpusRun {
  corpus: 'sample' | 'alqac';
  title: string;
  summaries: { accented: AnswerSummary; folded: AnswerSummary };
  bySource: Array<{ source: string; questions: number; refusedAccented: number; refusedFolded: number }>;
  parity: Parity;
  curves: { tune: CurvePoint[]; heldOut: CurvePoint[] };
  /** Ids, accented run: answerable refused, answerable answered without the fact/article, unanswerable answered. */
  failures: { refused: string[]; wrong: string[]; answered: string[] };
  buildMs: number;
}

export interface AnswersReport {
  generatedAt: string;
  command: string;
  refusalThreshold: number;
  choice: { threshold: number; score: number; heldOutScore: number };
  corpora: CorpusRun[];
  notes: string[];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const ms = (x: number): string => (x < 10 ? x.toFixed(1) : x.toFixed(0));

function summaryRows(run: CorpusRun): string[] {
  return (['accented', 'folded'] as const).map((variant) => {
    const s = run.summaries[variant];
    const label = variant === 'accented' ? 'as written' : 'no diacritics';
    return `| ${run.title} | ${label} | ${s.answerable} | ${pct(s.cited)} | ${pct(s.wronglyRefused)} | ${pct(s.answeredWrong)} | ${s.unanswerable} | ${pct(s.correctlyRefused)} | ${ms(s.p50ms)} | ${ms(s.p95ms)} |`;
  });
}

function curveTable(run: CorpusRun, chosen: number): string[] {
  const lines = [
    `| threshold | tune: wrong refusals | tune: correct refusals | held-out: wrong refusals | held-out: correct refusals |`,
    '| --- | --- | --- | --- | --- |',
  ];
  run.curves.tune.forEach((t, i) => {
    const h = run.curves.heldOut[i];
    const mark = Math.abs(t.threshold - chosen) < 1e-9 ? ' **←**' : '';
    lines.push(`| ${t.threshold.toFixed(3)}${mark} | ${pct(t.wrongRefusals)} | ${pct(t.correctRefusals)} | ${pct(h?.wrongRefusals ?? 0)} | ${pct(h?.correctRefusals ?? 0)} |`);
  });
  return lines;
}

export function renderAnswersReport(r: AnswersReport): string {
  const out: string[] = [
    '# Answer benchmark',
    '',
    `Generated ${r.generatedAt} by \`${r.command}\`. Every question goes through the serving pipeline (\`openLivePipeline\`: the same assistant as the bot and \`troly ask\`), extractive mode, lexical retrieval, refusalThreshold ${r.refusalThreshold}.`,
    '',
    '## Answers',
    '',
    '"cited" = the answer cites a passage holding the key fact (sample) or the labelled article (ALQAC); "wrongly refused" = an answerable question refused; "answered wrong" = answered, but not with the fact/article; "correct refusals" = unanswerable questions refused. Times are per answer (retrieval + answer), one question at a time.',
    '',
    '| corpus | questions | answerable | cited | wrongly refused | answered wrong | unanswerable | correct refusals | p50 ms | p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.corpora.flatMap(summaryRows),
    '',
    '### Refusals by kind of unanswerable question',
    '',
    '| corpus | kind | questions | refused (as written) | refused (no diacritics) |',
    '| --- | --- | --- | --- | --- |',
    ...r.corpora.flatMap((run) => run.bySource.map((s) => `| ${run.title} | ${s.source} | ${s.questions} | ${pct(s.refusedAccented)} | ${pct(s.refusedFolded)} |`)),
    '',
    '### Accent-free parity',
    '',
    '| corpus | questions | same answer | same refuse/answer decision | differing |',
    '| --- | --- | --- | --- | --- |',
    ...r.corpora.map((run) => `| ${run.title} | ${run.parity.questions} | ${pct(run.parity.same)} | ${pct(run.parity.sameDecision)} | ${run.parity.differing.join(', ') || '—'} |`),
    '',
    '### Misses (as written)',
    '',
    ...r.corpora.flatMap((run) => [
      `- ${run.title}: refused though answerable: ${run.failures.refused.join(', ') || '—'}; answered without the fact/article: ${run.failures.wrong.join(', ') || '—'}; unanswerable but answered: ${run.failures.answered.join(', ') || '—'}.`,
    ]),
    '',
    '## Calibration of refusalThreshold',
    '',
    `Questions are split by id (odd number: tune, even: held out). The threshold is chosen on the tune half as the best mean balanced accuracy ((answerable kept + unanswerable refused) / 2) over both corpora, weighted equally: **${r.choice.threshold.toFixed(3)}** (tune ${r.choice.score.toFixed(3)}, held-out ${r.choice.heldOutScore.toFixed(3)}). Rows are exact: the answer refuses precisely when support < threshold.`,
    '',
    ...r.corpora.flatMap((run) => [`### ${run.title}`, '', ...curveTable(run, r.choice.threshold), '']),
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return out.join('\n');
}
