/**
 * Learns the ranking weights of `src/retrieve/rank-features.ts` on the three development sets with
 * k-fold cross-validation: `npx tsx bench/retrieval-fit.ts [--cache DIR] [--folds 5]`.
 * Every question (as written) is run through the lexical retriever with the lexical order, its
 * candidate articles described by the interpretable features; a pairwise logistic model (the
 * relevant article against every other candidate, L2) is fitted on k−1 folds and scores the fold
 * left out, so each question's reported rank comes from weights that never saw it. Folds are drawn
 * by a hash of the question id, across all sets at once. The shipped weights are then fitted on all
 * questions and written to src/retrieve/ranking-weights.json with the held-out figures beside them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { openSnapshot } from '../src/index/open-snapshot';
import { createArticleChunks } from '../src/retrieve/article-chunks';
import { RERANK_POOL } from '../src/retrieve/learned-ranking';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { RANK_FEATURES, rankCandidates, rerank, type RankCandidate, type RankWeights } from '../src/retrieve/rank-features';
import { DEFAULT_UNDERSTANDING } from '../src/retrieve/understanding';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { articleOfChunk, keyOf, summariseRanks, type RetrievalScores } from './retrieval-metrics';
import { foldOf } from './retrieval-folds';
import { BENCH_SETS, benchSetPaths, ensureSetSnapshot } from './retrieval-sets';

const { values: args } = parseArgs({ options: { cache: { type: 'string', default: '/tmp/troly-retrieval-cache' }, folds: { type: 'string', default: '5' }, refresh: { type: 'boolean', default: false }, drop: { type: 'string', default: '' }, pool: { type: 'string', default: String(RERANK_POOL) }, 'dry-run': { type: 'boolean', default: false }, changes: { type: 'boolean', default: false }, feedback: { type: 'string', default: String(DEFAULT_UNDERSTANDING.feedback) }, objective: { type: 'string', default: 'pairwise' }, 'tune-only': { type: 'boolean', default: false }, 'json-out': { type: 'string' } } });
/** Query understanding of the collected examples: the shipped one, pseudo-relevance feedback as --feedback says. */
const UNDERSTANDING = { ...DEFAULT_UNDERSTANDING, feedback: args.feedback === 'true' };
/** Lexical candidates (chunks) per question that the ranking re-orders. */
const POOL = Number(args.pool);
/** Features left out of the model (weight 0), to compare feature sets on the held-out folds. */
const DROPPED = new Set(args.drop.split(',').filter((f) => f !== ''));
const FOLDS = Number(args.folds);
/** L2 penalty and gradient steps of the pairwise logistic fit (fixed before the first fit). */
const LAMBDA = 1e-3;
const STEPS = 300;
/** LambdaRank's gradients are scaled by |Δ gain| (mostly < 1): more steps to converge. */
const LAMBDA_STEPS = 500;
/** `pairwise` (logistic over every pair, as first shipped) or `lambda` (`fitLambda`). */
const OBJECTIVE = args.objective === 'lambda' ? 'lambda' : 'pairwise';
const RATE = 0.5;

interface Example {
  set: string;
  id: string;
  /** Feature vectors of the candidates in lexical order. */
  x: number[][];
  /** Index of the relevant candidate, or -1 when it is not in the pool. */
  relevant: number;
}

async function collect(): Promise<Example[]> {
  // The feature list is part of the name: examples collected for another feature set are not reused.
  const features = createHash('sha256').update(RANK_FEATURES.join(',')).digest('hex').slice(0, 8);
  const cacheFile = resolve(args.cache, `ranking-examples-pool${POOL}${UNDERSTANDING.feedback ? '-feedback' : ''}-${features}.json`);
  if (!args.refresh && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as Example[];
  const config = loadConfig();
  const examples: Example[] = [];
  for (const set of BENCH_SETS) {
    const { dataDir } = await ensureSetSnapshot({ name: set, cacheDir: args.cache, tunables: config.tunables, log: (l) => process.stderr.write(`${l}\n`) });
    const snapshot = openSnapshot({ dataDir, tunables: config.tunables });
    const retriever = createLexicalRetriever({ store: snapshot.store, lexical: snapshot.lexical, understanding: UNDERSTANDING, ranking: 'lexical' });
    const articleChunks = createArticleChunks({ store: snapshot.store });
    for (const q of readJsonl(benchSetPaths(set).questions, questionSchema)) {
      const result = await retriever.retrieve({ query: q.question, k: POOL });
      const candidates = rankCandidates({ passages: result.passages, question: q.question, searched: result.understood?.searched ?? q.question, lexical: snapshot.lexical, namedDocuments: new Set(result.understood?.documents.flatMap((d) => d.docIds) ?? []), articleChunks });
      const wanted = new Set(q.relevant.map(keyOf));
      const relevant = candidates.findIndex((c) => {
        const p = c.passages[0];
        const a = p === undefined ? undefined : articleOfChunk({ title: p.doc.title, locator: p.chunk.locator });
        return a !== undefined && wanted.has(keyOf(a));
      });
      examples.push({ set, id: q.id, x: candidates.map((c) => RANK_FEATURES.map((f) => c.features[f])), relevant });
    }
    snapshot.close();
    process.stderr.write(`bench:fit: ${set} collected\n`);
  }
  writeFileSync(cacheFile, JSON.stringify(examples));
  return examples;
}

/** Pairwise logistic regression, full-batch gradient descent from zero weights but the lexical one. */
function fitPairwise(examples: readonly Example[]): number[] {
  const d = RANK_FEATURES.length;
  const w: number[] = RANK_FEATURES.map((f) => (f === 'lexical' ? 1 : 0));
  const pairs: number[][] = [];
  for (const e of examples) {
    const rel = e.x[e.relevant];
    if (e.relevant < 0 || rel === undefined) continue;
    // Only the candidates ranked above the relevant one or in the first ten matter for R@k/MRR.
    e.x.forEach((x, i) => i !== e.relevant && i < Math.max(10, e.relevant + 1) && pairs.push(rel.map((v, j) => v - (x[j] ?? 0))));
  }
  const dropped = RANK_FEATURES.map((f) => DROPPED.has(f));
  for (const p of pairs) dropped.forEach((d, j) => d && (p[j] = 0));
  if (DROPPED.has('lexical')) w[0] = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(d).fill(0);
    for (const p of pairs) {
      const m = p.reduce((s, v, j) => s + v * (w[j] ?? 0), 0);
      const g = -1 / (1 + Math.exp(m));
      p.forEach((v, j) => (grad[j] = (grad[j] ?? 0) + g * v));
    }
    for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) - RATE * ((grad[j] ?? 0) / Math.max(pairs.length, 1) + LAMBDA * (w[j] ?? 0));
  }
  return w;
}

/**
 * LambdaRank (Burges 2010) with the linear model: every pair (relevant article, a candidate ranked
 * in the first ten or above it) pulls by the logistic gradient times |Δ gain| of swapping the two
 * under the current weights, gain(r) = 1/r (r ≤ 10) + [r ≤ 5], i.e. the two target measures
 * MRR@10 and R@5 in equal parts. Full-batch gradient descent, as `fitPairwise`.
 */
function fitLambda(examples: readonly Example[], steps: number): number[] {
  const d = RANK_FEATURES.length;
  const keep = RANK_FEATURES.map((f) => (DROPPED.has(f) ? 0 : 1));
  const w = new Float64Array(d);
  w[0] = DROPPED.has('lexical') ? 0 : 1;
  const gain = (r: number) => (r <= 10 ? 1 / r : 0) + (r <= 5 ? 1 : 0);
  const qs = examples.filter((e) => e.relevant >= 0).map((e) => ({ n: e.x.length, rel: e.relevant, x: Float64Array.from(e.x.flatMap((row) => row.map((v, j) => v * (keep[j] ?? 0)))) }));
  for (let step = 0; step < steps; step++) {
    const grad = new Float64Array(d);
    for (const q of qs) {
      const score = new Float64Array(q.n);
      for (let i = 0; i < q.n; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += (q.x[i * d + j] ?? 0) * (w[j] ?? 0);
        score[i] = v;
      }
      const sr = score[q.rel] ?? 0;
      // Ranks (1-based; ties: the lexical order, as `rerank`), by one sort per question and step.
      const order = Array.from({ length: q.n }, (_, i) => i).sort((a, b) => (score[b] ?? 0) - (score[a] ?? 0) || a - b);
      const rankOf = new Int32Array(q.n);
      order.forEach((i, r) => (rankOf[i] = r + 1));
      const rr = rankOf[q.rel] ?? 1;
      // Only candidates in the first ten or above the relevant one.
      const last = Math.min(q.n, Math.max(10, rr));
      for (let r = 0; r < last; r++) {
        const i = order[r] ?? 0;
        if (i === q.rel) continue;
        const delta = Math.abs(gain(rr) - gain(r + 1));
        if (delta === 0) continue;
        const g = -delta / (1 + Math.exp(sr - (score[i] ?? 0)));
        for (let j = 0; j < d; j++) grad[j] = (grad[j] ?? 0) + g * ((q.x[q.rel * d + j] ?? 0) - (q.x[i * d + j] ?? 0));
      }
    }
    for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) - RATE * ((grad[j] ?? 0) / Math.max(qs.length, 1) + LAMBDA * (w[j] ?? 0));
  }
  return [...w];
}

/** The objective chosen on the tune split (fold 0), see `--objective`. */
function fit(examples: readonly Example[]): number[] {
  return OBJECTIVE === 'lambda' ? fitLambda(examples, LAMBDA_STEPS) : fitPairwise(examples);
}

function rankWith(e: Example, w: readonly number[] | undefined): number | undefined {
  if (e.relevant < 0) return undefined;
  if (w === undefined) return e.relevant + 1;
  const weights: RankWeights = Object.fromEntries(RANK_FEATURES.map((f, j) => [f, w[j] ?? 0]));
  const candidates: RankCandidate[] = e.x.map((x, i) => ({ key: String(i), passages: [], features: Object.fromEntries(RANK_FEATURES.map((f, j) => [f, x[j] ?? 0])) as RankCandidate['features'] }));
  const order = rerank({ candidates, weights }).map((c) => Number(c.key));
  return order.indexOf(e.relevant) + 1;
}

/**
 * The fold on which choices outside the fitted weights (objective, re-rank pool, feature set) are
 * made: each is compared by this fold's held-out figures only, and `untuned` reports the other
 * folds, which no choice looked at.
 */
const TUNE_FOLD = 0;
const examples = await collect();
const heldOut = new Map<string, number | undefined>();
const foldWeights: number[][] = [];
for (let f = 0; f < FOLDS; f++) {
  // --tune-only: the tune split's figures alone (one fit), to compare choices.
  if (args['tune-only'] && f !== TUNE_FOLD) continue;
  const w = fit(examples.filter((e) => foldOf(e.id, FOLDS) !== f));
  foldWeights.push(w);
  for (const e of examples.filter((x) => foldOf(x.id, FOLDS) === f)) heldOut.set(`${e.set}/${e.id}`, rankWith(e, w));
}
const perSet: Record<string, { lexical: RetrievalScores; learnedHeldOut: RetrievalScores; tuneSplit: RetrievalScores; untuned: RetrievalScores; lexicalUntuned: RetrievalScores; questions: number }> = {};
for (const set of BENCH_SETS) {
  const es = examples.filter((e) => e.set === set);
  perSet[set] = {
    questions: es.length,
    lexical: summariseRanks(es.map((e) => rankWith(e, undefined))),
    learnedHeldOut: summariseRanks(es.map((e) => heldOut.get(`${e.set}/${e.id}`))),
    tuneSplit: summariseRanks(es.filter((e) => foldOf(e.id, FOLDS) === TUNE_FOLD).map((e) => heldOut.get(`${e.set}/${e.id}`))),
    untuned: summariseRanks(es.filter((e) => foldOf(e.id, FOLDS) !== TUNE_FOLD).map((e) => heldOut.get(`${e.set}/${e.id}`))),
    lexicalUntuned: summariseRanks(es.filter((e) => foldOf(e.id, FOLDS) !== TUNE_FOLD).map((e) => rankWith(e, undefined))),
  };
}
const all = args['tune-only'] ? [] : fit(examples);
const out = {
  note: `Fitted by bench/retrieval-fit.ts (${OBJECTIVE === 'lambda' ? 'LambdaRank, gain 1/r + [r ≤ 5]' : 'pairwise logistic regression'} over the features of src/retrieve/rank-features.ts, ${POOL} lexical chunks) on every question of alqac2023, alqac2024 and zalo2021 as written. heldOut: each question ranked by weights fitted on the other folds; choices were made on fold ${TUNE_FOLD} (tuneSplit), untuned = the other folds.`,
  pool: POOL,
  objective: OBJECTIVE,
  createdAt: new Date().toISOString(),
  folds: FOLDS,
  weights: Object.fromEntries(RANK_FEATURES.map((f, j) => [f, Number((all[j] ?? 0).toFixed(4))])),
  foldWeights: foldWeights.map((w) => Object.fromEntries(RANK_FEATURES.map((f, j) => [f, Number((w[j] ?? 0).toFixed(4))]))),
  heldOut: perSet,
};
// --dry-run: compare feature sets or pools without replacing the shipped weights.
if (!args['dry-run']) writeFileSync(resolve(PROJECT_ROOT, 'src/retrieve/ranking-weights.json'), `${JSON.stringify(out, null, 2)}\n`);
// --changes: the questions whose held-out rank crosses 5 against the lexical order (either way).
if (args.changes) {
  for (const e of examples) {
    const before = rankWith(e, undefined) ?? Infinity;
    const after = heldOut.get(`${e.set}/${e.id}`) ?? Infinity;
    if ((before <= 5) !== (after <= 5)) process.stdout.write(`${e.set} ${e.id}: lexical rank ${before} → held-out ${after}\n`);
  }
}
if (args['json-out'] !== undefined) writeFileSync(args['json-out'], JSON.stringify({ pool: POOL, objective: OBJECTIVE, dropped: [...DROPPED], feedback: UNDERSTANDING.feedback, tuneFold: TUNE_FOLD, perSet }));
for (const [set, r] of Object.entries(perSet)) {
  const fmt = (s: RetrievalScores) => `R@1 ${s.recallAt1.toFixed(3)} R@5 ${s.recallAt5.toFixed(3)} R@10 ${s.recallAt10.toFixed(3)} MRR ${s.mrrAt10.toFixed(3)}`;
  process.stdout.write(args['tune-only']
    ? `${set.padEnd(10)} tune split (fold ${TUNE_FOLD}) learned ${fmt(r.tuneSplit)}\n`
    : `${set.padEnd(10)} lexical ${fmt(r.lexical)}\n${''.padEnd(10)} learned ${fmt(r.learnedHeldOut)} (held-out folds)\n${''.padEnd(10)} untuned folds: lexical ${fmt(r.lexicalUntuned)} learned ${fmt(r.untuned)}\n`);
}
process.stdout.write(`${JSON.stringify(out.weights)}\n`);
