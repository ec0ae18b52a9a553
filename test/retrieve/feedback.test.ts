import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import type { LexicalQuery } from '../../src/index/lexical-index';
import { feedbackTerms, withFeedback } from '../../src/retrieve/feedback';
import { analyzeQuery } from '../../src/retrieve/query-analysis';

const TEXTS: Record<string, string> = {
  a: 'Người lao động được nghỉ phép hằng năm hưởng nguyên lương.',
  b: 'Số ngày nghỉ phép hằng năm tăng theo thâm niên làm việc.',
  c: 'Mỗi năm có 12 ngày hằng năm hưởng nguyên lương.',
  d: 'Hợp đồng lao động được giao kết bằng văn bản.',
  e: 'Doanh nghiệp nộp thuế theo quy định.',
  // Unrelated passages, so that idf tells rare words from common ones as in a real corpus.
  ...Object.fromEntries(['Ủy ban nhân dân cấp tỉnh ban hành quyết định.', 'Hộ tịch được đăng ký tại cấp xã.', 'Tòa án xét xử công khai.', 'Thuế thu nhập cá nhân khấu trừ tại nguồn.', 'Đất nông nghiệp được giao cho hộ gia đình.', 'Cơ quan công an cấp căn cước.', 'Giấy phép lái xe hạng B2.', 'Xử phạt vi phạm hành chính về giao thông.', 'Bảo hiểm y tế bắt buộc.', 'Trẻ em được bảo vệ.'].map((text, i) => [`f${i}`, text])),
};
const lexical = buildBm25Index({ entries: Object.entries(TEXTS).map(([chunkId, text]) => ({ chunkId, text, heading: '' })), params: { ...DEFAULT_TUNABLES } });
const textOf = (ids: readonly string[]) => new Map(ids.map((id) => [id, TEXTS[id] ?? '']));
const settings = { passages: 2, terms: 6, weight: 0.5 };

describe('feedbackTerms', () => {
  it('takes the words the first results share, not the question’s own, best at the feedback weight', () => {
    const query = analyzeQuery({ query: 'nghỉ phép' });
    const hits = lexical.search({ query, k: 10 });
    expect(hits.slice(0, 2).map((h) => h.chunkId).sort()).toEqual(['a', 'b']);
    const terms = feedbackTerms({ query, hits, textOf, lexical, settings });
    expect(terms).toHaveLength(6);
    expect(terms[0]?.weight).toBeCloseTo(0.5, 10);
    expect(terms.map((t) => t.weight)).toEqual([...terms.map((t) => t.weight)].sort((x, y) => y - x));
    // "hằng năm" is in both feedback passages; words of one passage alone ("thâm niên") weigh less.
    expect(terms.map((t) => t.term)).toContain('hằng_năm');
    const weight = (term: string) => terms.find((t) => t.term === term)?.weight ?? 0;
    expect(weight('hằng_năm')).toBeGreaterThan(weight('thâm_niên'));
    for (const t of terms) expect(['nghỉ', 'phép', 'nghỉ_phép', 'nghi', 'phep']).not.toContain(t.folded);
    // Found in the accent-free view, searched as the passages spell it.
    expect(terms.find((t) => t.term === 'hằng_năm')?.folded).toBe('hang_nam');
  });

  it('gives the same terms to a question typed without diacritics', () => {
    const accented = analyzeQuery({ query: 'nghỉ phép' });
    const plain = analyzeQuery({ query: 'nghi phep' });
    const of = (q: LexicalQuery) => feedbackTerms({ query: q, hits: lexical.search({ query: q, k: 10 }), textOf, lexical, settings }).map((t) => t.folded);
    expect(of(plain)).toEqual(of(accented));
  });

  it('finds nothing to add without results', () => {
    expect(feedbackTerms({ query: analyzeQuery({ query: 'bitcoin' }), hits: [], textOf, lexical, settings })).toEqual([]);
  });
});

describe('withFeedback', () => {
  it('searches the terms in both views at their weight, and so finds a passage without the typed words', () => {
    const query = analyzeQuery({ query: 'nghỉ phép' });
    const hits = lexical.search({ query, k: 10 });
    expect(hits.map((h) => h.chunkId)).not.toContain('c');
    const terms = feedbackTerms({ query, hits, textOf, lexical, settings });
    const expanded = withFeedback(query, terms);
    for (const t of terms) {
      expect(expanded.termWeights?.[t.term]).toBe(t.weight);
      expect(expanded.termWeights?.[t.folded]).toBe(t.weight);
    }
    expect(expanded.syllables.slice(0, query.syllables.length)).toEqual(query.syllables);
    expect(lexical.search({ query: expanded, k: 10 }).map((h) => h.chunkId)).toContain('c');
    // Typed words keep their weight.
    expect(expanded.termWeights?.['nghỉ']).toBeUndefined();
  });
});
