import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermMatch } from '../../src/index/lexical-index';
import { lexicalConfidence } from '../../src/retrieve/confidence';

const term = (t: string, idf: number, matched: boolean): TermMatch => ({ term: t, kind: t.includes('_') ? 'bigram' : 'syllable', idf, matched });

describe('lexicalConfidence', () => {
  it('is 1 when the passage holds every term and 0 when it holds none or there are no terms', () => {
    const terms = [term('ket', 2, true), term('hon', 2.5, true), term('ket_hon', 4, true)];
    expect(lexicalConfidence({ terms })).toBe(1);
    expect(lexicalConfidence({ terms: terms.map((t) => ({ ...t, matched: false })) })).toBe(0);
    expect(lexicalConfidence({ terms: [] })).toBe(0);
  });

  it('drops more for a missing rare word than for a missing common one', () => {
    // "phở bò như thế nào": the common function words match, the rare content words do not.
    const missingRare = [term('pho', 7, false), term('bo', 3, true), term('nhu', 0.5, true), term('the', 0.6, true), term('nao', 0.9, true)];
    const missingCommon = missingRare.map((t) => ({ ...t, matched: t.term !== 'nhu' }));
    expect(lexicalConfidence({ terms: missingRare })).toBeLessThan(lexicalConfidence({ terms: missingCommon }));
  });

  it('counts phrase (bigram) coverage: scattered syllables are worth less than the phrase', () => {
    const syllables = [term('dang', 2, true), term('ky', 2, true), term('ket', 2, true), term('hon', 2, true)];
    const phrase = [term('dang_ky', 3, true), term('ky_ket', 5, true), term('ket_hon', 4, true)];
    const scattered = phrase.map((t) => ({ ...t, matched: false }));
    expect(lexicalConfidence({ terms: [...syllables, ...phrase] })).toBeGreaterThan(lexicalConfidence({ terms: [...syllables, ...scattered] }));
  });

  it('stays in [0, 1] and never falls when one more term matches', () => {
    const arbTerm = fc.record({ term: fc.constantFrom('dang', 'ky', 'dang_ky', 'ket_hon', 'hon'), idf: fc.double({ min: 0.01, max: 12, noNaN: true }), matched: fc.boolean() });
    fc.assert(
      fc.property(fc.array(arbTerm, { minLength: 1, maxLength: 12 }), fc.nat(), (raw, pick) => {
        const terms = raw.map((t) => term(t.term, t.idf, t.matched));
        const value = lexicalConfidence({ terms });
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        const i = pick % terms.length;
        const more = terms.map((t, j) => (j === i ? { ...t, matched: true } : t));
        expect(lexicalConfidence({ terms: more })).toBeGreaterThanOrEqual(value - 1e-12);
      }),
    );
  });
});
