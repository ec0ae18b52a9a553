import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/config/errors';
import { fuse, type ScoredItem } from '../../src/retrieve/fusion';
import { minMaxNormalize } from '../../src/retrieve/fusion-normalize';
import { competitionRanks } from '../../src/retrieve/fusion-rank';
import { reciprocalRankFusion } from '../../src/retrieve/fusion-rrf';
import { weightedFusion } from '../../src/retrieve/fusion-weighted';

// Chunk ids in the project's format; a small pool so the two lists overlap often.
const chunkId = fc.constantFrom(
  'luat-cu-tru#dieu-20-khoan-1-0',
  'luat-cu-tru#dieu-20-khoan-2-0',
  'luat-cu-tru#dieu-21-0',
  'luat-hon-nhan#dieu-8-khoan-1-0',
  'luat-hon-nhan#dieu-9-0',
  'nq-03#doan-3-0',
  'nq-03#doan-4-0',
  'kh-125#muc-2-0',
);
const scoredList = (score: fc.Arbitrary<number>) =>
  fc.uniqueArray(fc.record({ id: chunkId, score }), { selector: (item) => item.id, maxLength: 8 });
const realScores = scoredList(fc.double({ min: -50, max: 50, noNaN: true }));

describe('minMaxNormalize', () => {
  it('maps the best score to 1 and the worst to 0, keeping order', () => {
    expect(minMaxNormalize({ items: [{ id: 'a', score: 12.5 }, { id: 'b', score: 7.5 }, { id: 'c', score: 2.5 }] })).toEqual([
      { id: 'a', score: 1 },
      { id: 'b', score: 0.5 },
      { id: 'c', score: 0 },
    ]);
  });

  it('gives 1 to a single item and to every item of a list whose scores are all equal', () => {
    expect(minMaxNormalize({ items: [{ id: 'a', score: 0.42 }] })).toEqual([{ id: 'a', score: 1 }]);
    expect(minMaxNormalize({ items: [{ id: 'a', score: 3 }, { id: 'b', score: 3 }] })).toEqual([{ id: 'a', score: 1 }, { id: 'b', score: 1 }]);
    expect(minMaxNormalize({ items: [] })).toEqual([]);
  });

  it('drops non-finite scores and keeps the higher score of an id listed twice', () => {
    expect(minMaxNormalize({ items: [{ id: 'a', score: Number.NaN }, { id: 'b', score: 1 }, { id: 'c', score: 3 }, { id: 'b', score: 2 }] })).toEqual([
      { id: 'b', score: 0 },
      { id: 'c', score: 1 },
    ]);
  });

  it('always lands in [0, 1] and never reverses two scores', () => {
    fc.assert(
      fc.property(realScores, (items) => {
        const normalized = minMaxNormalize({ items });
        for (const [i, a] of normalized.entries()) {
          expect(a.score).toBeGreaterThanOrEqual(0);
          expect(a.score).toBeLessThanOrEqual(1);
          const rawA = items[i]?.score ?? NaN;
          for (const [j, b] of normalized.entries()) if (rawA > (items[j]?.score ?? NaN)) expect(a.score).toBeGreaterThanOrEqual(b.score);
        }
      }),
    );
  });
});

describe('weightedFusion', () => {
  it('combines normalised scores with the lexical weight and keeps raw scores', () => {
    const fused = weightedFusion({
      lexical: [{ id: 'dieu-20', score: 9 }, { id: 'dieu-21', score: 5 }, { id: 'dieu-8', score: 1 }],
      dense: [{ id: 'dieu-21', score: 0.9 }, { id: 'dieu-9', score: 0.5 }],
      lexicalWeight: 0.7,
    });
    // dieu-21: 0.7·0.5 + 0.3·1 = 0.65; dieu-20: 0.7·1 = 0.7; dieu-9: 0; dieu-8: 0 (lexical rank breaks the tie).
    expect(fused.map((f) => f.id)).toEqual(['dieu-20', 'dieu-21', 'dieu-8', 'dieu-9']);
    expect(fused[0]?.score).toBeCloseTo(0.7, 10);
    expect(fused[1]).toEqual({ id: 'dieu-21', score: expect.closeTo(0.65, 10), scores: { lexical: 5, dense: 0.9 } });
  });

  it('with weight 1 keeps the lexical order, dense-only items after; with weight 0 keeps the dense order', () => {
    fc.assert(
      fc.property(realScores, realScores, (lexical, dense) => {
        const byLexical = weightedFusion({ lexical, dense, lexicalWeight: 1 });
        const lexicalPart = byLexical.slice(0, lexical.length);
        expect(new Set(lexicalPart.map((f) => f.id))).toEqual(new Set(lexical.map((l) => l.id)));
        for (let i = 1; i < lexicalPart.length; i++) expect(lexicalPart[i - 1]?.scores.lexical).toBeGreaterThanOrEqual(lexicalPart[i]?.scores.lexical ?? NaN);
        const byDense = weightedFusion({ lexical, dense, lexicalWeight: 0 });
        const densePart = byDense.slice(0, dense.length);
        expect(new Set(densePart.map((f) => f.id))).toEqual(new Set(dense.map((d) => d.id)));
        for (let i = 1; i < densePart.length; i++) expect(densePart[i - 1]?.scores.dense).toBeGreaterThanOrEqual(densePart[i]?.scores.dense ?? NaN);
      }),
    );
  });

  it('hands all the weight to the other list when one is empty, so the best candidate still scores 1', () => {
    const lexicalOnly = weightedFusion({ lexical: [{ id: 'a', score: 4 }, { id: 'b', score: 2 }], dense: [], lexicalWeight: 0.5 });
    expect(lexicalOnly.map((f) => [f.id, f.score])).toEqual([['a', 1], ['b', 0]]);
    const denseOnly = weightedFusion({ lexical: [], dense: [{ id: 'c', score: 0.8 }], lexicalWeight: 0.5 });
    expect(denseOnly.map((f) => f.score)).toEqual([1]);
  });

  it('rejects a weight outside [0, 1]', () => {
    expect(isAppError(catchError(() => weightedFusion({ lexical: [], dense: [], lexicalWeight: 1.5 })), 'INPUT_INVALID')).toBe(true);
  });
});

describe('reciprocalRankFusion', () => {
  it('scores by reciprocal ranks, scaled so first in both lists is 1', () => {
    const fused = reciprocalRankFusion({
      lexical: [{ id: 'a', score: 10 }, { id: 'b', score: 8 }],
      dense: [{ id: 'b', score: 0.9 }, { id: 'c', score: 0.7 }],
      lexicalWeight: 0.5,
      k: 60,
    });
    // b: 61·(0.5/62 + 0.5/61); a: 61·0.5/61; c: 61·0.5/62.
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]?.score).toBeCloseTo(61 * (0.5 / 62 + 0.5 / 61), 12);
    expect(fused[1]?.score).toBeCloseTo(0.5, 12);
    expect(reciprocalRankFusion({ lexical: [{ id: 'x', score: 1 }], dense: [{ id: 'x', score: 1 }], lexicalWeight: 0.3, k: 10 })[0]?.score).toBeCloseTo(1, 12);
  });

  it('gives tied scores the same rank', () => {
    expect([...competitionRanks({ items: [{ id: 'a', score: 2 }, { id: 'b', score: 5 }, { id: 'c', score: 2 }, { id: 'd', score: 1 }] })]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('is unaffected by scaling either list’s scores by a positive factor', () => {
    const integerScores = scoredList(fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(integerScores, integerScores, fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), (lexical, dense, p, q, w) => {
        // Powers of two scale exactly, so no two distinct scores can collapse into a tie.
        const scale = (items: ScoredItem[], e: number) => items.map(({ id, score }) => ({ id, score: score * 2 ** e }));
        const plain = reciprocalRankFusion({ lexical, dense, lexicalWeight: w, k: 60 });
        const scaled = reciprocalRankFusion({ lexical: scale(lexical, p), dense: scale(dense, q), lexicalWeight: w, k: 60 });
        expect(scaled.map((f) => [f.id, f.score])).toEqual(plain.map((f) => [f.id, f.score]));
      }),
    );
  });
});

describe('fuse', () => {
  it('returns every candidate once, best first, with scores in [0, 1], for both methods', () => {
    fc.assert(
      fc.property(realScores, realScores, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('weighted' as const, 'rrf' as const), (lexical, dense, w, method) => {
        const fused = fuse({ lexical, dense, lexicalWeight: w, method, rrfK: 60 });
        const ids = fused.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...lexical, ...dense].map((item) => item.id)));
        for (const [i, f] of fused.entries()) {
          expect(f.score).toBeGreaterThanOrEqual(-1e-12);
          expect(f.score).toBeLessThanOrEqual(1 + 1e-12);
          if (i > 0) expect(fused[i - 1]?.score).toBeGreaterThanOrEqual(f.score);
        }
      }),
    );
  });

  it('puts first a passage both retrievers rank first, whatever the method and weight', () => {
    fc.assert(
      fc.property(realScores, realScores, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('weighted' as const, 'rrf' as const), (lexical, dense, w, method) => {
        const top = 'luat-cu-tru#dieu-20-khoan-2-0';
        const withTop = (items: ScoredItem[]) => [{ id: top, score: 100 }, ...items.filter((item) => item.id !== top)];
        expect(fuse({ lexical: withTop(lexical), dense: withTop(dense), lexicalWeight: w, method })[0]?.id).toBe(top);
      }),
    );
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
