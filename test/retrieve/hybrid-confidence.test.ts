import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseConfidence, hybridConfidence } from '../../src/retrieve/confidence';

describe('denseConfidence', () => {
  it('maps the floor to 0, the ceiling to 1 and is linear in between (e5-like band 0.80–0.90)', () => {
    expect(denseConfidence({ similarity: 0.8, floor: 0.8, ceiling: 0.9 })).toBe(0);
    expect(denseConfidence({ similarity: 0.9, floor: 0.8, ceiling: 0.9 })).toBe(1);
    expect(denseConfidence({ similarity: 0.835, floor: 0.8, ceiling: 0.9 })).toBeCloseTo(0.35, 10);
    expect(denseConfidence({ similarity: 0.72, floor: 0.8, ceiling: 0.9 })).toBe(0);
    expect(denseConfidence({ similarity: 0.97, floor: 0.8, ceiling: 0.9 })).toBe(1);
  });

  it('is 0 for a passage the dense list did not score, or a non-finite similarity', () => {
    expect(denseConfidence({ similarity: undefined, floor: 0.8, ceiling: 0.9 })).toBe(0);
    expect(denseConfidence({ similarity: Number.NaN, floor: 0.8, ceiling: 0.9 })).toBe(0);
  });

  it('stays in [0, 1] and never falls as the similarity rises, whatever the band (even an inverted one)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (s, a, b, step) => {
        const value = denseConfidence({ similarity: s, floor: a, ceiling: b });
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(denseConfidence({ similarity: Math.min(1, s + step), floor: a, ceiling: b })).toBeGreaterThanOrEqual(value);
      }),
    );
  });
});

describe('hybridConfidence', () => {
  it('keeps the lexical confidence when the dense half is weaker, so turning the model on refuses nothing lexical accepted', () => {
    expect(hybridConfidence({ lexical: 0.64, dense: 0.2 })).toBe(0.64);
  });

  it('lets a paraphrase through on its dense confidence when the words differ', () => {
    // "nghỉ thai sản" vs "chế độ khi sinh con": low term coverage, close meaning.
    expect(hybridConfidence({ lexical: 0.18, dense: 0.7 })).toBe(0.7);
  });

  it('is within [0, 1] even for out-of-range inputs', () => {
    expect(hybridConfidence({ lexical: 1.4, dense: -3 })).toBe(1);
    expect(hybridConfidence({ lexical: Number.NaN, dense: -0.2 })).toBe(0);
  });
});
