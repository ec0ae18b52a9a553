/** Summaries of graded answer records and the Markdown report of `npm run bench:answers`. */
import { GRADES, type Grade } from './answers-grade';
import { ROWS, type AnswerRecord, type Row } from './answers-run';
import { percentile } from './retrieval-metrics';

/** Answers at or above this confidence must never be WRONG (a target of the answers issue). */
export const HIGH_CONFIDENCE = 0.8;

export interface RowSummary {
  row: Row;
  counts: Record<Grade, number>;
  answerable: number;
  unanswerable: number;
  /** Of the answerable questions. */
  good: number;
  wrongRefusal: number;
  /** Of the unanswerable questions. */
  refused: number;
  /** Answering as a decision: of the questions answered (unflagged), the share that were answerable / GOOD; of the answerable, the share answered. */
  precision: number;
  goodPrecision: number;
  recall: number;
}

export interface SplitSummary {
  split: 'tune' | 'report';
  questions: number;
  rows: RowSummary[];
  /** Assistant answers graded WRONG (or WRONGLY-ANSWERED) with confidence ≥ HIGH_CONFIDENCE. */
  confidentWrong: string[];
  p50ms: number;
  p95ms: number;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function summariseRow(records: readonly AnswerRecord[], row: Row): RowSummary {
  const counts = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const r of records) counts[r.grades[row]]++;
  const answerable = records.filter((r) => r.question.answerable).length;
  const unanswerable = records.length - answerable;
  const answeredAnswerable = counts.GOOD + counts.PARTIAL + counts.WRONG;
  const answered = answeredAnswerable + counts['WRONGLY-ANSWERED'];
  return {
    row,
    counts,
    answerable,
    unanswerable,
    good: share(counts.GOOD, answerable),
    wrongRefusal: share(counts['WRONG-REFUSAL'], answerable),
    refused: share(counts.REFUSED, unanswerable),
    precision: share(answeredAnswerable, answered),
    goodPrecision: share(counts.GOOD, answered),
    recall: share(answeredAnswerable, answerable),
  };
}

export function summariseSplit(records: readonly AnswerRecord[], split: 'tune' | 'report'): SplitSummary {
  const of = records.filter((r) => r.question.split === split);
  const times = of.map((r) => r.ms);
  return {
    split,
    questions: of.length,
    rows: ROWS.map((row) => summariseRow(of, row)),
    confidentWrong: of.filter((r) => (r.grades.assistant === 'WRONG' || r.grades.assistant === 'WRONGLY-ANSWERED') && r.confidence >= HIGH_CONFIDENCE).map((r) => r.question.id),
    p50ms: percentile(times, 50),
    p95ms: percentile(times, 95),
  };
}

export interface AnswersReport {
  generatedAt: string;
  command: string;
  set: string;
  corpus: { documents: number; chunks: number; mode: string };
  splits: SplitSummary[];
  /** Per kind of question (report half), the assistant's GOOD share / REFUSED share. */
  byKind: Array<{ kind: string; questions: number; good: number; refused: number }>;
  misses: Array<{ id: string; grade: Grade; question: string; preview: string; confidence: number }>;
  notes: string[];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function rowLine(s: RowSummary): string {
  const c = s.counts;
  return `| ${s.row} | ${c.GOOD} (${pct(s.good)}) | ${c.PARTIAL} | ${c.WRONG} | ${c['WRONG-REFUSAL']} (${pct(s.wrongRefusal)}) | ${c.REFUSED} (${pct(s.refused)}) | ${c['WRONGLY-ANSWERED']} | ${pct(s.precision)} | ${pct(s.goodPrecision)} | ${pct(s.recall)} |`;
}

export function renderAnswersReport(r: AnswersReport): string {
  const out = [
    '# Answer benchmark',
    '',
    `Generated ${r.generatedAt} by \`${r.command}\` on ${r.set}: one index of ${r.corpus.documents} documents (${r.corpus.chunks} chunks, ${r.corpus.mode} retrieval) — knowledge/, the 17 ALQAC 2023 laws and a sample of the Zalo 2021 corpus (bench/answers/realistic-corpus.md). Every question goes through the serving pipeline (\`openLivePipeline\`, the assistant the bot uses); follow-ups get the question they follow and its answer as history.`,
    '',
    'Grades (bench/answers-grade.ts): GOOD = answered, every key fact (verbatim from the source) in the answer text and the expected document / Điều cited; PARTIAL = right source, some key facts; WRONG = anything else answered (or flagged "only … is stated" although it is); WRONG-REFUSAL = answerable but refused; REFUSED = unanswerable and refused, or answered with the "only … is stated" flag; WRONGLY-ANSWERED = unanswerable but answered. Precision = answered questions that were answerable; GOOD precision = answered questions graded GOOD; recall = answerable questions answered. The reference rows quote the top retrieved passage (or the top three) whole and never refuse.',
    '',
  ];
  for (const s of [...r.splits].sort((a) => (a.split === 'report' ? -1 : 1))) {
    out.push(
      `## ${s.split === 'report' ? 'Report half (not tuned on)' : 'Tune half'}: ${s.questions} questions (${s.rows[0]?.answerable ?? 0} answerable, ${s.rows[0]?.unanswerable ?? 0} unanswerable)`,
      '',
      '| row | GOOD | PARTIAL | WRONG | WRONG-REFUSAL | REFUSED | WRONGLY-ANSWERED | precision | GOOD precision | recall |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...s.rows.map(rowLine),
      '',
      `Assistant answers WRONG at confidence ≥ ${HIGH_CONFIDENCE}: ${s.confidentWrong.length === 0 ? 'none' : s.confidentWrong.join(', ')}. Time per answer (retrieval + answer, one at a time): p50 ${s.p50ms.toFixed(1)} ms, p95 ${s.p95ms.toFixed(1)} ms.`,
      '',
    );
  }
  out.push('## Report half by kind of question (assistant)', '', '| kind | questions | GOOD (answerable) | REFUSED (unanswerable) |', '| --- | --- | --- | --- |');
  for (const k of r.byKind) out.push(`| ${k.kind} | ${k.questions} | ${pct(k.good)} | ${pct(k.refused)} |`);
  out.push('', '## Misses of the report half (assistant)', '');
  for (const m of r.misses) out.push(`- ${m.id} ${m.grade} (confidence ${m.confidence.toFixed(2)}): “${m.question}” → ${m.preview}`);
  if (r.notes.length > 0) out.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
