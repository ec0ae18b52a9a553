import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { analyzeForIndex } from '../../src/text/index';
import { articleEntries, LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';

const entries = [...articleEntries(LUAT_CU_TRU), ...articleEntries(LUAT_HON_NHAN)];
const index = buildBm25Index({ entries, params: { ...DEFAULT_TUNABLES } });

describe('Bm25Index query options', () => {
  it('returns only the chunks in `only`, in the order and with the scores of the full search', () => {
    const query = analyzeQuery({ query: 'nơi cư trú đăng ký kết hôn' });
    const all = index.search({ query, k: 50 });
    const only = new Set(entries.filter((e) => e.chunkId.startsWith('luat-hon-nhan')).map((e) => e.chunkId));
    expect(index.search({ query, k: 50, only })).toEqual(all.filter((h) => only.has(h.chunkId)));
    expect(index.search({ query, k: 50, only: new Set() })).toEqual([]);
  });

  it('counts the chunks holding a term, per view, as a plain count over the entries does', () => {
    for (const [term, view] of [['trú', 'accented'], ['tru', 'folded'], ['thường_trú', 'accented'], ['ket_hon', 'folded'], ['bitcoin', 'folded']] as const) {
      const expected = entries.filter((e) => {
        const body = analyzeForIndex(e.text);
        const heading = analyzeForIndex(e.heading);
        const terms = view === 'accented' ? [...body.syllables, ...body.bigrams, ...heading.syllables, ...heading.bigrams] : [...body.foldedSyllables, ...body.foldedBigrams, ...heading.foldedSyllables, ...heading.foldedBigrams];
        return terms.includes(term);
      }).length;
      expect(index.documentFrequency({ term, view }), `${term} (${view})`).toBe(expected);
    }
  });

  it('weighs a term by termWeights (an expansion counts less than what was typed)', () => {
    const query = analyzeQuery({ query: 'kết hôn' });
    const full = index.search({ query, k: 1 })[0]?.score ?? 0;
    const every = [...query.syllables, ...query.bigrams, ...query.foldedSyllables, ...query.foldedBigrams];
    const half = index.search({ query: { ...query, termWeights: Object.fromEntries(every.map((t) => [t, 0.5])) }, k: 1 })[0]?.score ?? 0;
    // Every term at half weight: BM25F is linear in the term weights.
    expect(half).toBeCloseTo(full / 2, 9);
    const folded = query.foldedSyllables.concat(query.foldedBigrams);
    const partly = index.search({ query: { ...query, termWeights: Object.fromEntries(folded.map((t) => [t, 0.5])) }, k: 1 })[0]?.score ?? 0;
    expect(partly).toBeGreaterThan(half);
    expect(partly).toBeLessThan(full);
  });
});
