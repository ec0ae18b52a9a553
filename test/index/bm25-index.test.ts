import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index, loadBm25Index, type Bm25Params } from '../../src/index/bm25-index';
import type { LexicalEntry } from '../../src/index/lexical-index';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { foldDiacritics } from '../../src/text/index';
import { articleEntries, LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';

const params: Bm25Params = { ...DEFAULT_TUNABLES };
const entries = [...articleEntries(LUAT_CU_TRU), ...articleEntries(LUAT_HON_NHAN)];
const index = buildBm25Index({ entries, params });

function top(query: string, idx = index, k = 3): string[] {
  return idx.search({ query: analyzeQuery({ query }), k }).map((h) => h.chunkId);
}

describe('Bm25Index', () => {
  it.each([
    ['Nam, nữ kết hôn với nhau phải đủ bao nhiêu tuổi?', 'luat-hon-nhan-va-gia-dinh#dieu-8'],
    ['Công dân thuê nhà thì có được đăng ký thường trú tại chỗ ở thuê không?', 'luat-cu-tru#dieu-20'],
    ['Nơi cư trú của người chưa thành niên khi cha mẹ sống ở hai nơi khác nhau', 'luat-cu-tru#dieu-12'],
    ['Vợ chồng đã ly hôn muốn quay lại với nhau có phải đăng ký kết hôn lại không?', 'luat-hon-nhan-va-gia-dinh#dieu-9'],
  ])('ranks the right article first for "%s", with and without diacritics', (question, expected) => {
    expect(top(question)[0]).toBe(expected);
    expect(top(foldDiacritics(question))[0]).toBe(expected);
  });

  it('finds accented text from an accent-free query', () => {
    const hits = index.search({ query: analyzeQuery({ query: 'ho so dang ky thuong tru gom nhung gi' }), k: 1 });
    expect(hits[0]?.chunkId).toBe('luat-cu-tru#dieu-21');
  });

  it('prefers the exact accents of an accented query over other words that fold the same', () => {
    const pair: LexicalEntry[] = [
      { chunkId: 'bao-ve', text: 'Nhà nước bảo vệ môi trường sống của nhân dân.', heading: '' },
      { chunkId: 'bao-ve-khac', text: 'Nhà nước báo về môi trường sống của nhân dân.', heading: '' },
    ];
    const small = buildBm25Index({ entries: pair, params });
    const accented = small.search({ query: analyzeQuery({ query: 'bảo vệ môi trường' }), k: 2 });
    expect(accented.map((h) => h.chunkId)).toEqual(['bao-ve', 'bao-ve-khac']);
    expect(accented[0]?.score).toBeGreaterThan(accented[1]?.score ?? Infinity);
    // Without diacritics nothing tells the two apart.
    const folded = small.search({ query: analyzeQuery({ query: 'bao ve moi truong' }), k: 2 });
    expect(folded[0]?.score).toBeCloseTo(folded[1]?.score ?? 0, 10);
  });

  it('never returns a chunk that matches no query term', () => {
    expect(index.search({ query: analyzeQuery({ query: 'bitcoin blockchain' }), k: 5 })).toEqual([]);
    expect(index.search({ query: analyzeQuery({ query: '' }), k: 5 })).toEqual([]);
  });

  it('boosts the document whose số hiệu the query names', () => {
    // Both laws have an Điều 1 "Phạm vi điều chỉnh": only the số hiệu tells which one is meant.
    expect(top('Phạm vi điều chỉnh của Luật số 68/2020/QH14')[0]).toBe('luat-cu-tru#dieu-1');
    expect(top('Phạm vi điều chỉnh của Luật số 52/2014/QH13')[0]).toBe('luat-hon-nhan-va-gia-dinh#dieu-1');
    // Typed without diacritics, the số hiệu still names the same document.
    expect(top('pham vi dieu chinh cua luat so 68/2020/QH14')[0]).toBe('luat-cu-tru#dieu-1');
    const withoutBoost = buildBm25Index({ entries, params: { ...params, docNumberBoost: 0 } });
    const firsts = ['68/2020/QH14', '52/2014/QH13'].map((n) => top(`Phạm vi điều chỉnh của Luật số ${n}`, withoutBoost)[0]);
    expect(firsts[0]).toBe(firsts[1]);
  });

  it('boosts the article a query names as "Điều N", and "Điều 1" does not match Điều 12', () => {
    const withoutBoost = buildBm25Index({ entries, params: { ...params, articleRefBoost: 0 } });
    const question = 'Điều 12 Luật Cư trú quy định về nơi cư trú của ai?';
    expect(top(question)[0]).toBe('luat-cu-tru#dieu-12');
    const scores = (idx: typeof index, q: string) => new Map(idx.search({ query: analyzeQuery({ query: q }), k: 20 }).map((h) => [h.chunkId, h.score]));
    const boosted = scores(index, 'Điều 1 quy định gì');
    const plain = scores(withoutBoost, 'Điều 1 quy định gì');
    expect(boosted.get('luat-cu-tru#dieu-1')).toBeGreaterThan(plain.get('luat-cu-tru#dieu-1') ?? Infinity);
    expect(boosted.get('luat-cu-tru#dieu-12')).toBeCloseTo(plain.get('luat-cu-tru#dieu-12') ?? 0, 10);
  });

  it('weighs heading matches by headingBoost', () => {
    const question = 'hậu quả pháp lý';
    const flat = buildBm25Index({ entries, params: { ...params, headingBoost: 0 } });
    const score = (idx: typeof index) => idx.search({ query: analyzeQuery({ query: question }), k: 1 })[0];
    expect(score(index)?.chunkId).toBe('luat-hon-nhan-va-gia-dinh#dieu-12');
    expect(score(index)?.score).toBeGreaterThan(score(flat)?.score ?? Infinity);
  });

  it('explains which query terms a chunk contains, in the accent-free field', () => {
    const terms = index.explain({ query: analyzeQuery({ query: 'điều kiện kết hôn bitcoin' }), chunkId: 'luat-hon-nhan-va-gia-dinh#dieu-8' });
    const matched = new Map(terms.map((t) => [t.term, t.matched]));
    expect(matched.get('ket_hon')).toBe(true);
    expect(matched.get('bitcoin')).toBe(false);
    const rare = terms.find((t) => t.term === 'bitcoin');
    const common = terms.find((t) => t.term === 'dieu');
    expect(rare?.idf).toBeGreaterThan(common?.idf ?? Infinity);
  });

  it('gives the same results after a serialisation round trip', () => {
    const loaded = loadBm25Index({ buffer: index.serialize(), params, source: 'test' });
    expect(loaded.size).toBe(index.size);
    for (const q of ['đăng ký kết hôn', 'dang ky thuong tru', 'Điều 13 người được giám hộ']) {
      const query = analyzeQuery({ query: q });
      expect(loaded.search({ query, k: 10 })).toEqual(index.search({ query, k: 10 }));
    }
  });
});
