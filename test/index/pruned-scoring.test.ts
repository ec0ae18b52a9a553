import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPruningScratch, maxSaturation, prunedTop, scoreList, topOfScores, type ScoringPart, type ScoringTerm } from '../../src/index/pruned-scoring';
import type { Postings } from '../../src/index/segment-file';

const saturation = { k1: 1.2, headingBoost: 2 };

/** A random corpus: parts of up to 80 chunks with norms from a small set (so that scores tie), some deleted. */
const corpus = fc
  .array(
    fc.record({
      norms: fc.array(fc.constantFrom(0.3, 0.9, 1.2, 1.2, 2.5), { minLength: 1, maxLength: 80 }),
      deletedRate: fc.constantFrom(0, 0, 0.2),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((raw) => {
    let base = 0;
    return raw.map(({ norms, deletedRate, seed }) => {
      let s = seed;
      const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const deleted = deletedRate === 0 ? undefined : Uint8Array.from(norms, () => (next() < deletedRate ? 1 : 0));
      const part: ScoringPart = { norms: Float64Array.from(norms), deleted, base };
      base += norms.length;
      return part;
    });
  });

/** A term's list in a part: a random subset of its chunks, tf 1–6 (small, so that ties happen), heading tf on some lists. */
function randomList(count: number, density: number, heading: boolean, seed: number): Postings | undefined {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const chunks: number[] = [];
  for (let c = 0; c < count; c++) if (next() < density) chunks.push(c);
  if (chunks.length === 0) return undefined;
  const tfBody = Uint8Array.from(chunks, () => Math.floor(next() * 6) + (heading ? 0 : 1));
  const tfHeading = heading ? Uint8Array.from(chunks, (_, i) => ((tfBody[i] ?? 0) === 0 ? 1 : Math.floor(next() * 2))) : undefined;
  return { chunks: Uint32Array.from(chunks), tfBody, tfHeading };
}

const query = fc.array(
  fc.record({
    weight: fc.oneof(fc.constantFrom(0, 0.5, 1, 2.25), fc.double({ min: 0.01, max: 9, noNaN: true })),
    density: fc.constantFrom(0.05, 0.3, 0.9, 1),
    heading: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  }),
  { minLength: 1, maxLength: 14 },
);

function exhaustive(terms: readonly ScoringTerm[], parts: readonly ScoringPart[], k: number) {
  const scores = parts.map((p) => new Float64Array(p.norms.length));
  for (const t of terms) t.lists.forEach((list, part) => list !== undefined && scoreList(list, parts[part]?.deleted, t.weight, saturation, scores[part] as Float64Array, (parts[part] as ScoringPart).norms));
  return topOfScores(scores, parts, k);
}

function boundsOf(terms: readonly ScoringTerm[], parts: readonly ScoringPart[]): number[] {
  return terms.map((t) => t.weight * (saturation.k1 + 1) * Math.max(0, ...t.lists.map((l, part) => (l === undefined ? 0 : maxSaturation(l, parts[part]?.deleted, saturation, (parts[part] as ScoringPart).norms)))));
}

describe('prunedTop (MaxScore)', () => {
  it('gives the same top k as scoring every posting, scores and tie order to the last bit, and leaves its scratch zeroed', () => {
    fc.assert(
      fc.property(corpus, fc.array(query, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 25 }), (parts, queries, k) => {
        const scratch = createPruningScratch(parts.map((p) => p.norms.length));
        // Several queries through one scratch: a query must not see what the previous one wrote.
        for (const q of queries) {
          const terms: ScoringTerm[] = q.map((t) => ({ weight: t.weight, lists: parts.map((p, i) => randomList(p.norms.length, t.density, t.heading, t.seed + i)) }));
          const got = prunedTop({ terms, bounds: boundsOf(terms, parts), parts, k, saturation, scratch });
          expect(got).toEqual(exhaustive(terms, parts, k));
          for (const a of scratch.partial) expect(a.every((v) => v === 0)).toBe(true);
          for (const a of scratch.seen) expect(a.every((v) => v === 0)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('stops scanning once the remaining bounds cannot reach the k-th score: a rare strong term beats many weak ones', () => {
    // 1,000 chunks; chunks 0..9 hold a rare term of weight 10; every chunk holds a weak common one.
    const count = 1000;
    const parts: ScoringPart[] = [{ norms: new Float64Array(count).fill(1.2), deleted: undefined, base: 0 }];
    const all = Uint32Array.from({ length: count }, (_, i) => i);
    const rare: Postings = { chunks: Uint32Array.from({ length: 10 }, (_, i) => i), tfBody: new Uint8Array(10).fill(3), tfHeading: undefined };
    const common: Postings = { chunks: all, tfBody: new Uint8Array(count).fill(1), tfHeading: undefined };
    const terms: ScoringTerm[] = [
      { weight: 0.01, lists: [common] },
      { weight: 10, lists: [rare] },
    ];
    const scratch = createPruningScratch([count]);
    const stats = { scanned: 0, probed: 0 };
    const got = prunedTop({ terms, bounds: boundsOf(terms, parts), parts, k: 5, saturation, scratch, stats });
    expect(got).toEqual(exhaustive(terms, parts, 5));
    expect(got.map((c) => c.n)).toEqual([0, 1, 2, 3, 4]);
    // The rare list is scanned; the common one only probed for the 10 candidates.
    expect(stats).toEqual({ scanned: 10, probed: 10 });
  });

  it('gives no chunk for k ≤ 0 or a query no chunk matches', () => {
    const parts: ScoringPart[] = [{ norms: new Float64Array(4).fill(1), deleted: undefined, base: 0 }];
    const scratch = createPruningScratch([4]);
    const one: ScoringTerm = { weight: 1, lists: [{ chunks: Uint32Array.of(2), tfBody: Uint8Array.of(1), tfHeading: undefined }] };
    expect(prunedTop({ terms: [one], bounds: boundsOf([one], parts), parts, k: 0, saturation, scratch })).toEqual([]);
    expect(prunedTop({ terms: [{ weight: 1, lists: [undefined] }], bounds: [0], parts, k: 3, saturation, scratch })).toEqual([]);
  });
});
