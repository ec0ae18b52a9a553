/** Pure summaries of answer records: shares, latency, accent-free parity, the refusal-threshold curve. */
import type { AnswerRecord } from './answers-run';
import { splitOf } from './answers-sets';
import { percentile } from './retrieval-metrics';

export interface AnswerSummary {
  answerable: number;
  /** Share of answerable questions answered with a citation that holds the key fact / the labelled article. */
  cited: number;
  /** Share of answerable questions refused. */
  wronglyRefused: number;
  /** Share of answerable questions answered without the key fact / article. */
  answeredWrong: number;
  unanswerable: number;
  /** Share of unanswerable questions refused. */
  correctlyRefused: number;
  p50ms: number;
  p95ms: number;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function summarise(records: readonly AnswerRecord[]): AnswerSummary {
  const answerable = records.filter((r) => r.question.answerable);
  const unanswerable = records.filter((r) => !r.question.answerable);
  const times = records.map((r) => r.ms);
  return {
    answerable: answerable.length,
    cited: share(answerable.filter((r) => r.correct).length, answerable.length),
    wronglyRefused: share(answerable.filter((r) => !r.grounded).length, answerable.length),
    answeredWrong: share(answerable.filter((r) => r.grounded && !r.correct).length, answerable.length),
    unanswerable: unanswerable.length,
    correctlyRefused: share(unanswerable.filter((r) => !r.grounded).length, unanswerable.length),
    p50ms: percentile(times, 50),
    p95ms: percentile(times, 95),
  };
}

export interface Parity {
  questions: number;
  /** Share of questions whose accent-free form gets the same answer (same refusal, or same citations and quotes). */
  same: number;
  /** Share with the same refuse/answer decision. */
  sameDecision: number;
  /** Ids whose answers differ. */
  differing: string[];
}

export function accentParity(accented: readonly AnswerRecord[], folded: readonly AnswerRecord[]): Parity {
  const byId = new Map(folded.map((r) => [r.question.id, r]));
  let same = 0;
  let sameDecision = 0;
  const differing: string[] = [];
  for (const a of accented) {
    const f = byId.get(a.question.id);
    if (f === undefined) continue;
    if (f.grounded === a.grounded) sameDecision += 1;
    if (f.signature === a.signature) same += 1;
    else differing.push(a.question.id);
  }
  return { questions: accented.length, same: share(same, accented.length), sameDecision: share(sameDecision, accented.length), differing };
}

export interface CurvePoint {
  threshold: number;
  /** Share of answerable questions refused at this threshold (support below it). */
  wrongRefusals: number;
  /** Share of unanswerable questions refused at this threshold. */
  correctRefusals: number;
}

/**
 * Refusals as a function of the threshold. Exact, not simulated: the extractive answer refuses
 * precisely when `support < refusalThreshold`, and `support` does not depend on the threshold.
 */
export function refusalCurve(records: readonly AnswerRecord[], thresholds: readonly number[]): CurvePoint[] {
  const answerable = records.filter((r) => r.question.answerable);
  const unanswerable = records.filter((r) => !r.question.answerable);
  return thresholds.map((threshold) => ({
    threshold,
    wrongRefusals: share(answerable.filter((r) => r.support < threshold).length, answerable.length),
    correctRefusals: share(unanswerable.filter((r) => r.support < threshold).length, unanswerable.length),
  }));
}

/** The thresholds swept: 0.20 to 0.60 by 0.025. */
export const THRESHOLDS: readonly number[] = Array.from({ length: 17 }, (_, i) => Math.round((0.2 + i * 0.025) * 1000) / 1000);

export const inSplit = (records: readonly AnswerRecord[], split: 'tune' | 'held-out'): AnswerRecord[] => records.filter((r) => splitOf(r.question.id) === split);

/** Balanced accuracy of one curve point: the mean of "answerable kept" and "unanswerable refused". */
export const balanced = (p: CurvePoint): number => (1 - p.wrongRefusals + p.correctRefusals) / 2;

/**
 * The threshold with the best mean balanced accuracy over the given corpora's curves (each corpus
 * weighs the same, whatever its size); among equal ones the middle of the run, so that the choice
 * sits away from either edge of the plateau.
 */
export function chooseThreshold(curves: ReadonlyArray<readonly CurvePoint[]>): { threshold: number; score: number } {
  const first = curves[0] ?? [];
  const scores = first.map((_, i) => curves.reduce((sum, c) => sum + balanced(c[i] as CurvePoint), 0) / curves.length);
  const best = Math.max(...scores);
  const tied = scores.flatMap((s, i) => (Math.abs(s - best) < 1e-9 ? [i] : []));
  const middle = tied[Math.floor((tied.length - 1) / 2)] ?? 0;
  return { threshold: first[middle]?.threshold ?? 0, score: best };
}
