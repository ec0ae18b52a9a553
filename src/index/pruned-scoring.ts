import { createTopK } from './top-k';
import type { Postings } from './segment-file';

/** One segment as scoring sees it: its chunks' length norms, deletions and first snapshot position. */
export interface ScoringPart {
  /** k1 · (1 − b + b · len / avgLen) per chunk (`lengthNorm`). */
  norms: Float64Array;
  /** `deleted[n] === 1` when chunk n is not live; undefined when none is deleted. */
  deleted: Uint8Array | undefined;
  /** Snapshot position of the part's chunk 0 (ties are broken by position, as a fresh build numbers chunks). */
  base: number;
}

/** One query term in scoring order: its weight (view × term × idf) and its list in each part (undefined: absent). */
export interface ScoringTerm {
  weight: number;
  lists: ReadonlyArray<Postings | undefined>;
}

export interface ScoredChunk {
  part: number;
  n: number;
  position: number;
  score: number;
}

/** Best first; ties in snapshot order. */
export const betterChunk = (a: ScoredChunk, b: ScoredChunk): boolean => a.score > b.score || (a.score === b.score && a.position < b.position);

/**
 * Relative slack on every pruning comparison. Bounds and partial sums are computed in another
 * order than the final scores, so they may differ from exact arithmetic by a few ulps (~1e-16
 * relative per operation); 1e-9 keeps a chunk whenever rounding could matter. It only makes the
 * pruning keep more candidates, never changes a score.
 */
const SLACK = 1e-9;

/** Candidates at least 1/DENSE of a list's length are added by scanning the list rather than probing it. */
const DENSE = 8;

/** The BM25F saturation parameters the contributions use (`Bm25Index`'s arithmetic). */
export interface Saturation {
  k1: number;
  headingBoost: number;
}

/**
 * Adds one list's contributions to `scores` with exactly `Bm25Index`'s arithmetic (same operations
 * in the same order, so sums agree to the last bit); split on deletions and heading tf so the hot
 * loop of a segment without deletions has no branch.
 */
export function scoreList(list: Postings, deleted: Uint8Array | undefined, w: number, { k1, headingBoost }: Saturation, scores: Float64Array, norms: Float64Array): void {
  const { chunks, tfBody, tfHeading } = list;
  const n = chunks.length;
  const k1p = k1 + 1;
  // Separate loops rather than tests per posting (V8 does not hoist them): ~10% of the scoring time.
  if (deleted !== undefined) {
    for (let p = 0; p < n; p++) {
      const c = chunks[p] as number;
      if (deleted[c] === 1) continue;
      const tf = (tfBody[p] as number) + headingBoost * (tfHeading === undefined ? 0 : (tfHeading[p] as number));
      scores[c] = (scores[c] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
    }
    return;
  }
  if (tfHeading === undefined) {
    const none = headingBoost * 0;
    for (let p = 0; p < n; p++) {
      const c = chunks[p] as number;
      const tf = (tfBody[p] as number) + none;
      scores[c] = (scores[c] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const c = chunks[p] as number;
    const tf = (tfBody[p] as number) + headingBoost * (tfHeading[p] as number);
    scores[c] = (scores[c] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
  }
}

/** The `k` best positive scores of whole score arrays (one per part), best first. */
export function topOfScores(scores: readonly Float64Array[], parts: readonly ScoringPart[], k: number): ScoredChunk[] {
  const top = createTopK(k, betterChunk);
  // Chunks come in position order, so one that only equals the worst kept score is worse than it.
  let floor = 0;
  scores.forEach((partScores, part) => {
    const base = parts[part]?.base ?? 0;
    for (let n = 0; n < partScores.length; n++) {
      const score = partScores[n] as number;
      if (score > floor) {
        top.offer({ part, n, position: base + n, score });
        floor = top.worst()?.score ?? 0;
      }
    }
  });
  return top.best();
}

/**
 * The largest `tf′ / (tf′ + norm)` over a list's live chunks: a term's contribution to any chunk
 * is at most `weight · (k1 + 1)` times it. One pass over the list (callers keep it per list).
 */
export function maxSaturation(list: Postings, deleted: Uint8Array | undefined, { headingBoost }: Saturation, norms: Float64Array): number {
  const { chunks, tfBody, tfHeading } = list;
  let best = 0;
  for (let p = 0; p < chunks.length; p++) {
    const c = chunks[p] as number;
    if (deleted !== undefined && deleted[c] === 1) continue;
    const tf = (tfBody[p] as number) + headingBoost * (tfHeading === undefined ? 0 : (tfHeading[p] as number));
    const r = tf / (tf + (norms[c] as number));
    if (r > best) best = r;
  }
  return best;
}

/** Index of `target` in the ascending `values[from ..)`, or −1: galloping, then binary search (candidates come in ascending order). */
function seek(values: Uint32Array, from: number, target: number): number {
  const n = values.length;
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < n && (values[hi] as number) < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi >= n) hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = values[mid] as number;
    if (v === target) return mid;
    if (v < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}

/**
 * Adds a list's contributions for the ascending `targets` found in it (`Bm25Index`'s arithmetic),
 * into `out[chunk]` (`byChunk`) or `out[index in targets]`.
 */
function probe(list: Postings, targets: Uint32Array, w: number, { k1, headingBoost }: Saturation, norms: Float64Array, out: Float64Array, byChunk: boolean): void {
  const { chunks, tfBody, tfHeading } = list;
  const k1p = k1 + 1;
  const none = headingBoost * 0;
  let from = 0;
  for (let j = 0; j < targets.length; j++) {
    const c = targets[j] as number;
    const at = seek(chunks, from, c);
    if (at < 0) {
      from = -at - 1;
      continue;
    }
    from = at + 1;
    const tf = (tfBody[at] as number) + (tfHeading === undefined ? none : headingBoost * (tfHeading[at] as number));
    const o = byChunk ? c : j;
    out[o] = (out[o] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
  }
}

/** The `k`-th largest of `values[0 .. count)` (0 when there are fewer than k); reorders `values`. */
function kthLargest(values: Float64Array, count: number, k: number): number {
  if (k <= 0 || count < k) return 0;
  let lo = 0;
  let hi = count - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target] as number;
  }
  return values[target] as number;
}

/** Reusable per-part buffers (searches are synchronous, so one set per index serves every query). */
export interface PruningScratch {
  partial: Float64Array[];
  seen: Uint8Array[];
}

export function createPruningScratch(counts: readonly number[]): PruningScratch {
  return { partial: counts.map((c) => new Float64Array(c)), seen: counts.map((c) => new Uint8Array(c)) };
}

/**
 * The `k` best chunks of a sum of BM25F term contributions, best first, with the scores (and
 * ties) of exhaustive scoring to the last bit, without reading every posting of every term
 * (MaxScore, Turtle & Flood 1995): terms are scanned from the highest possible contribution
 * (`bounds[t]`, a term's weight · (k1 + 1) · `maxSaturation`) down; once the bounds of the terms
 * not yet scanned sum below the k-th best partial score, no chunk outside the scanned lists can
 * enter the top k, and the long lists of common words are only probed for the surviving
 * candidates, which are dropped as soon as their partial score plus the remaining bounds falls
 * below that threshold. The survivors' scores are then summed again in scoring order (the order
 * exhaustive scoring adds them), so every returned score equals `scoreList`'s sum exactly.
 * Requires every weight ≥ 0 (callers score exhaustively otherwise).
 */
export function prunedTop({ terms, bounds, parts, k, saturation, scratch, stats }: {
  terms: readonly ScoringTerm[];
  bounds: readonly number[];
  parts: readonly ScoringPart[];
  k: number;
  saturation: Saturation;
  scratch: PruningScratch;
  /** Counters to add to: postings read by whole-list scans, and candidate probes into lists (benchmarks, tests). */
  stats?: { scanned: number; probed: number };
}): ScoredChunk[] {
  if (k <= 0) return [];
  const { partial, seen } = scratch;
  const order = terms.map((_, t) => t).sort((a, b) => (bounds[b] as number) - (bounds[a] as number) || a - b);
  // rest[i]: sum of the bounds of order[i ..] (what chunks can still gain).
  const rest = new Float64Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) rest[i] = (rest[i + 1] as number) + (bounds[order[i] as number] as number);
  // Every chunk phase 1 saw, per part (to zero the scratch after); phase 2 narrows `candidates`.
  const touched: number[][] = parts.map(() => []);
  let touchedCount = 0;
  let values = new Float64Array(64);
  /** The k-th best partial score among these chunks: a lower bound of the k-th best final score. */
  const threshold = (pools: ReadonlyArray<ArrayLike<number>>, count: number): number => {
    if (count < k) return 0;
    if (values.length < count) values = new Float64Array(count * 2);
    let at = 0;
    pools.forEach((list, part) => {
      const p = partial[part] as Float64Array;
      for (let j = 0; j < list.length; j++) values[at++] = p[list[j] as number] as number;
    });
    return kthLargest(values, at, k);
  };
  const k1p = saturation.k1 + 1;
  const none = saturation.headingBoost * 0;
  try {
    // Phase 1: scan whole lists while a chunk seen in none of them could still reach the top k.
    let i = 0;
    for (; i < order.length; i++) {
      const term = terms[order[i] as number] as ScoringTerm;
      let length = 0;
      for (const list of term.lists) length += list?.chunks.length ?? 0;
      // Computing the threshold costs one pass over the chunks seen so far: only worth it before a long list.
      if (touchedCount >= k && length * 4 >= touchedCount) {
        const theta = threshold(touched, touchedCount);
        if ((rest[i] as number) < theta * (1 - SLACK)) break;
      }
      term.lists.forEach((list, part) => {
        if (list === undefined) return;
        const { deleted, norms } = parts[part] as ScoringPart;
        const p = partial[part] as Float64Array;
        const s = seen[part] as Uint8Array;
        const mine = touched[part] as number[];
        const { chunks, tfBody, tfHeading } = list;
        if (stats !== undefined) stats.scanned += chunks.length;
        for (let q = 0; q < chunks.length; q++) {
          const c = chunks[q] as number;
          if (deleted !== undefined && deleted[c] === 1) continue;
          const tf = (tfBody[q] as number) + (tfHeading === undefined ? none : saturation.headingBoost * (tfHeading[q] as number));
          p[c] = (p[c] as number) + (term.weight * tf * k1p) / (tf + (norms[c] as number));
          if (s[c] === 0) {
            s[c] = 1;
            mine.push(c);
            touchedCount++;
          }
        }
      });
    }
    // Phase 2: the candidates (chunks already seen) probe the remaining lists, best bound first.
    let candidates = touched.map((list) => Uint32Array.from(list).sort());
    let candidateCount = touchedCount;
    const prune = (remaining: number): void => {
      const theta = threshold(candidates, candidateCount);
      if (theta <= 0) return;
      const floor = theta * (1 - SLACK);
      candidateCount = 0;
      candidates = candidates.map((list, part) => {
        const p = partial[part] as Float64Array;
        const s = seen[part] as Uint8Array;
        let kept = 0;
        for (let j = 0; j < list.length; j++) {
          const n = list[j] as number;
          if ((p[n] as number) + remaining >= floor) list[kept++] = n;
          else s[n] = 2;
        }
        candidateCount += kept;
        return list.subarray(0, kept);
      });
    };
    prune(rest[i] as number);
    for (; i < order.length; i++) {
      const term = terms[order[i] as number] as ScoringTerm;
      term.lists.forEach((list, part) => {
        if (list === undefined) return;
        const { norms } = parts[part] as ScoringPart;
        const p = partial[part] as Float64Array;
        const { chunks, tfBody, tfHeading } = list;
        const mine = candidates[part] as Uint32Array;
        if (mine.length * DENSE >= chunks.length) {
          // Candidates dense in the list: one pass over it, adding for the live candidates only.
          const s = seen[part] as Uint8Array;
          if (stats !== undefined) stats.scanned += chunks.length;
          for (let q = 0; q < chunks.length; q++) {
            const c = chunks[q] as number;
            if (s[c] !== 1) continue;
            const tf = (tfBody[q] as number) + (tfHeading === undefined ? none : saturation.headingBoost * (tfHeading[q] as number));
            p[c] = (p[c] as number) + (term.weight * tf * k1p) / (tf + (norms[c] as number));
          }
          return;
        }
        if (stats !== undefined) stats.probed += mine.length;
        probe(list, mine, term.weight, saturation, norms, p, true);
      });
      prune(rest[i + 1] as number);
    }
    // Exact scores of the survivors, summed in scoring order.
    const exact = candidates.map((list) => new Float64Array(list.length));
    for (const term of terms) {
      term.lists.forEach((list, part) => {
        if (list === undefined) return;
        const { norms } = parts[part] as ScoringPart;
        const mine = candidates[part] as Uint32Array;
        probe(list, mine, term.weight, saturation, norms, exact[part] as Float64Array, false);
      });
    }
    const top = createTopK(k, betterChunk);
    candidates.forEach((list, part) => {
      const base = (parts[part] as ScoringPart).base;
      const out = exact[part] as Float64Array;
      for (let j = 0; j < list.length; j++) {
        const score = out[j] as number;
        if (score > 0) top.offer({ part, n: list[j] as number, position: base + (list[j] as number), score });
      }
    });
    return top.best();
  } finally {
    // Leave the scratch zeroed for the next query: only the entries this one wrote.
    touched.forEach((list, part) => {
      const p = partial[part] as Float64Array;
      const s = seen[part] as Uint8Array;
      for (const n of list) {
        p[n] = 0;
        s[n] = 0;
      }
    });
  }
}
