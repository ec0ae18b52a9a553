/**
 * Fits the answerability model: `npx tsx bench/answers-fit.ts [--records FILE]`, after
 * `npm run bench:answers -- --answer-all --out DIR` (every question answered, none refused).
 *
 * On the TUNE half of the realistic set only: label 1 when the answer given without any refusal is
 * GOOD, else 0 (unanswerable questions, and answerable ones whose answer would be wrong or partial:
 * a refusal there costs less than a wrong answer). Logistic regression over the features of
 * src/answer/answerability.ts (gradient descent, L2), 5-fold cross-validated; the refusal threshold
 * is the one that maximises, over the out-of-fold probabilities, GOOD answers minus wrong answers
 * (the higher one on a tie); the report lists the whole trade-off.
 * Prints the model to paste into src/answer/answerability-model.ts and writes
 * bench/results/answers-fit.md. `--without f1,f2` fits with those features held at 0 (an ablation:
 * compare the cross-validated log-loss; write it elsewhere with `--out`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FEATURES, probability, statesOtherInstance, type AnswerabilityModel, type Features } from '../src/answer/answerability';
import { PROJECT_ROOT } from '../src/config/config';

const { values: args } = parseArgs({ options: { without: { type: 'string', default: '' }, l2: { type: 'string', default: '0.003' }, records: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results/answers-all.json') }, out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results/answers-fit.md') } } });

const recordSchema = z.object({
  id: z.string(),
  split: z.enum(['tune', 'report']),
  answerable: z.boolean(),
  grades: z.object({ assistant: z.string() }),
  features: z.record(z.string(), z.number()).optional(),
});
const file = z.object({ command: z.string(), perQuestion: z.array(recordSchema) }).parse(JSON.parse(readFileSync(args.records, 'utf8')));
if (!file.command.includes('--answer-all')) throw new Error(`${args.records} was not made with --answer-all: its refusals would hide the labels`);

/** Features held at 0 (`--without`). */
const without = new Set(args.without.split(',').filter((f) => f !== ''));
for (const f of without) if (!(FEATURES as readonly string[]).includes(f)) throw new Error(`--without: no feature ${f}`);

/** The L2 penalty; chosen by the cross-validated log-loss on the tune half (see the report). */
const L2 = Number(args.l2);

interface Example {
  id: string;
  x: Features;
  y: 0 | 1;
  answerable: boolean;
}
const examples: Example[] = file.perQuestion
  .filter((r) => r.split === 'tune' && r.features !== undefined)
  .map((r) => ({ id: r.id, answerable: r.answerable, x: Object.fromEntries(FEATURES.map((f) => [f, without.has(f) ? 0 : (r.features?.[f] ?? 0)])) as Features, y: r.grades.assistant === 'GOOD' ? 1 : 0 }));

/**
 * Plain batch gradient descent on the mean log-loss with an L2 penalty (not on the bias), over the
 * examples the model decides: those whose evidence is about another instance (`statesOtherInstance`)
 * are refused or flagged by rule, whatever the probability.
 */
function fit(all: readonly Example[], { l2 = L2, rate = 1, epochs = 6000 } = {}): AnswerabilityModel {
  const train = all.filter((e) => !statesOtherInstance(e.x));
  const model: AnswerabilityModel = { bias: 0, weights: Object.fromEntries(FEATURES.map((f) => [f, 0])) as Features };
  for (let epoch = 0; epoch < epochs; epoch++) {
    let gBias = 0;
    const g = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Features;
    for (const e of train) {
      const err = probability(model, e.x) - e.y;
      gBias += err;
      for (const f of FEATURES) g[f] += err * e.x[f];
    }
    model.bias -= (rate * gBias) / train.length;
    for (const f of FEATURES) model.weights[f] -= rate * (g[f] / train.length + l2 * model.weights[f]);
  }
  return model;
}

const logLoss = (p: number, y: number): number => -(y * Math.log(Math.max(p, 1e-9)) + (1 - y) * Math.log(Math.max(1 - p, 1e-9)));
/** GOOD answers minus wrong ones when answering at p ≥ threshold. */
const net = (scored: ReadonlyArray<{ p: number; y: number }>, threshold: number): number => scored.reduce((s, e) => s + (e.p >= threshold ? (e.y === 1 ? 1 : -1) : 0), 0);

// 5 folds, fixed by position in id order (never by result).
const sorted = [...examples].sort((a, b) => a.id.localeCompare(b.id));
const outOfFold: Array<{ p: number; y: number; answerable: boolean }> = [];
let cvLoss = 0;
let ruled = 0;
let ruledGood = 0;
for (let k = 0; k < 5; k++) {
  const test = sorted.filter((_, i) => i % 5 === k);
  const model = fit(sorted.filter((_, i) => i % 5 !== k));
  for (const e of test) {
    // Decided by rule: never answered as such, at any threshold.
    if (statesOtherInstance(e.x)) {
      outOfFold.push({ p: 0, y: e.y, answerable: e.answerable });
      ruled += 1;
      ruledGood += e.y;
      continue;
    }
    const p = probability(model, e.x);
    outOfFold.push({ p, y: e.y, answerable: e.answerable });
    cvLoss += logLoss(p, e.y);
  }
}
const thresholds = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));
// On a tie the higher threshold: as many GOOD answers net, fewer wrong ones.
const best = thresholds.reduce((a, t) => (net(outOfFold, t) >= net(outOfFold, a) ? t : a), thresholds[0] ?? 0.5);
const model = fit(sorted);
/** Out-of-fold, per threshold: what answering at p ≥ threshold would give on the tune half. */
const tradeOff = thresholds.map((t) => {
  const answered = outOfFold.filter((e) => e.p >= t);
  const unanswerable = outOfFold.filter((e) => !e.answerable);
  const refused = unanswerable.filter((e) => e.p < t).length;
  return `| ${t.toFixed(2)} | ${answered.filter((e) => e.y === 1).length} | ${answered.filter((e) => e.y === 0 && e.answerable).length} | ${answered.filter((e) => !e.answerable).length} | ${refused} of ${unanswerable.length} (${((100 * refused) / Math.max(1, unanswerable.length)).toFixed(0)}%) | ${net(outOfFold, t)} |`;
});
const decided = sorted.filter((e) => !statesOtherInstance(e.x));
const base = decided.filter((e) => e.y === 1).length / decided.length;
const baseLoss = decided.reduce((s, e) => s + logLoss(base, e.y), 0) / decided.length;
const accuracy = outOfFold.filter((e) => (e.p >= best) === (e.y === 1)).length / outOfFold.length;
const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001].slice(0, -1).map((lo, i, all) => {
  const hi = all[i + 1] ?? 1.0001;
  const of = outOfFold.filter((e) => e.p >= lo && e.p < (i === all.length - 1 ? 1.0001 : hi));
  return `| ${lo.toFixed(1)}–${(i === all.length - 1 ? 1 : hi).toFixed(1)} | ${of.length} | ${of.length === 0 ? '—' : (of.filter((e) => e.y === 1).length / of.length).toFixed(2)} |`;
});
const round = (x: number): number => Number(x.toFixed(3));
const printed = `{\n  bias: ${round(model.bias)},\n  weights: { ${FEATURES.map((f) => `${f}: ${round(model.weights[f])}`).join(', ')} },\n}`;
const md = [
  '# Answerability model fit',
  '',
  `Generated ${new Date().toISOString()} by \`npx tsx bench/answers-fit.ts\` from ${relative(PROJECT_ROOT, args.records)} (\`${file.command}\`). Tune half only: ${sorted.length} questions, ${sorted.filter((e) => e.y === 1).length} labelled 1 (the unrefused answer is GOOD).`,
  '',
  `L2 penalty ${L2}. 5-fold cross-validation (folds by id order): mean log-loss ${(cvLoss / decided.length).toFixed(3)} over the ${decided.length} questions the model decides (constant ${base.toFixed(2)}: ${baseLoss.toFixed(3)}); decision accuracy at the chosen threshold ${accuracy.toFixed(3)}. Threshold maximising GOOD − wrong answers over the out-of-fold probabilities: **${best.toFixed(2)}** (net ${net(outOfFold, best)} of ${sorted.length}).`,
  '',
  `Decided by rule (the evidence lacks a year, technology or — outside legal units — a name the question has: refused, or answered flagged "chỉ nêu …"): ${ruled} questions, ${ruledGood} of them labelled 1; they count as refused in the tables below (probability 0).`,
  '',
  'Calibration (out-of-fold): share labelled 1 per probability band.',
  '',
  '| probability | questions | share GOOD |',
  '| --- | --- | --- |',
  ...bins,
  '',
  'Trade-off (out-of-fold): answering at probability ≥ threshold.',
  '',
  '| threshold | GOOD answered | answerable, answered not GOOD | unanswerable answered | unanswerable refused | net |',
  '| --- | --- | --- | --- | --- | --- |',
  ...tradeOff,
  '',
  'Model fitted on the whole tune half:',
  '',
  '```ts',
  printed,
  '```',
  '',
].join('\n');
writeFileSync(args.out, md);
process.stdout.write(md);
