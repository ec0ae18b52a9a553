import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index, type Bm25Params } from '../../src/index/bm25-index';
import type { LexicalEntry, LexicalQuery } from '../../src/index/lexical-index';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { analyzeForIndex } from '../../src/text/index';

/** The textbook formula, computed chunk by chunk with no inverted lists: what the index must agree with. */
function referenceScores(entries: LexicalEntry[], query: LexicalQuery, p: Bm25Params): number[] {
  const analysed = entries.map((e) => ({ body: analyzeForIndex(e.text), heading: analyzeForIndex(e.heading) }));
  const avg = Math.max(analysed.reduce((s, a) => s + a.body.syllables.length, 0) / entries.length, 1);
  const count = (terms: string[], t: string) => terms.filter((x) => x === t).length;
  const view = (folded: boolean, weight: number, scores: number[]) => {
    const terms = folded ? [...new Set(query.foldedSyllables), ...new Set(query.foldedBigrams)] : [...new Set(query.syllables), ...new Set(query.bigrams)];
    const isBigram = (t: string) => t.includes('_');
    for (const t of terms) {
      const fields = analysed.map((a) => {
        const pick = (x: typeof a.body) => (folded ? [...x.foldedSyllables, ...x.foldedBigrams] : [...x.syllables, ...x.bigrams]);
        return { body: count(pick(a.body), t), heading: count(pick(a.heading), t), len: a.body.syllables.length };
      });
      const df = fields.filter((f) => f.body + f.heading > 0).length;
      if (df === 0) continue;
      const idf = Math.log(1 + (entries.length - df + 0.5) / (df + 0.5));
      fields.forEach((f, i) => {
        const tf = f.body + p.headingBoost * f.heading;
        if (tf === 0) return;
        const norm = p.bm25K1 * (1 - p.bm25B + (p.bm25B * f.len) / avg);
        scores[i] = (scores[i] ?? 0) + (weight * (isBigram(t) ? p.bigramWeight : 1) * idf * tf * (p.bm25K1 + 1)) / (tf + norm);
      });
    }
  };
  const scores = entries.map(() => 0);
  if (query.hasDiacritics) {
    view(false, 1, scores);
    view(true, p.foldedWeight, scores);
  } else view(true, 1, scores);
  return scores;
}

const WORDS = ['đăng', 'ký', 'kết', 'hôn', 'cư', 'trú', 'thường', 'dang', 'ky', 'ket', 'hon', 'ma', 'mà', 'má', 'túy', 'tuy', 'nơi', 'ở'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));

describe('Bm25Index against the reference formula', () => {
  it('scores every chunk as the textbook BM25F would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: sentence, heading: sentence }), { minLength: 1, maxLength: 6 }),
        sentence,
        fc.record({ bm25K1: fc.double({ min: 0.5, max: 2, noNaN: true }), bm25B: fc.double({ min: 0, max: 1, noNaN: true }), headingBoost: fc.double({ min: 1, max: 5, noNaN: true }) }),
        (docs, q, tuned) => {
          const p: Bm25Params = { ...DEFAULT_TUNABLES, ...tuned, docNumberBoost: 0, articleRefBoost: 0 };
          const entries = docs.map((d, i) => ({ chunkId: `c${i}`, ...d }));
          const query = analyzeQuery({ query: q });
          const expected = referenceScores(entries, query, p);
          const got = new Map(buildBm25Index({ entries, params: p }).search({ query, k: entries.length }).map((h) => [h.chunkId, h.score]));
          expected.forEach((score, i) => {
            if (score > 0) expect(got.get(`c${i}`)).toBeCloseTo(score, 9);
            else expect(got.has(`c${i}`)).toBe(false);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
