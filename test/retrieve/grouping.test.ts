import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleOfLocator, groupByArticle, groupByDocument, groupRanked } from '../../src/retrieve/grouping';

const passage = (docId: string, locator: string, score: number) => ({ chunk: { docId, locator }, score });

// A ranked list as retrieval returns it for "điều kiện đăng ký thường trú".
const RANKED = [
  passage('luat-cu-tru', 'Điều 20, khoản 1', 0.91),
  passage('luat-cu-tru', 'Điều 21', 0.8),
  passage('luat-cu-tru', 'Điều 20, khoản 2, điểm a', 0.78),
  passage('nq-03-hai-phong', 'Nâng cao nhận thức để dẫn dắt hành động', 0.5),
  passage('luat-hon-nhan-va-gia-dinh', 'Điều 9, khoản 1', 0.45),
  passage('luat-cu-tru', 'Điều 20, khoản 3', 0.3),
  passage('nq-03-hai-phong', 'Nâng cao nhận thức để dẫn dắt hành động', 0.2),
];

describe('articleOfLocator', () => {
  it.each([
    ['Điều 20, khoản 2', 20],
    ['Điều 5, khoản 1, điểm a', 5],
    ['dieu 12', 12],
    ['  Điều 3', 3],
    ['Đoạn 3', undefined],
    ['Hướng dẫn thực hiện Điều 5', undefined],
    ['Chương II. Đăng ký thường trú', undefined],
  ])('reads the article of "%s" as %s', (locator, article) => {
    expect(articleOfLocator({ locator })).toBe(article);
  });
});

describe('groupByDocument', () => {
  it('orders documents by their best passage and keeps every passage, best first', () => {
    const groups = groupByDocument({ items: RANKED });
    expect(groups.map((g) => [g.key, g.score, g.items.length])).toEqual([
      ['luat-cu-tru', 0.91, 4],
      ['nq-03-hai-phong', 0.5, 2],
      ['luat-hon-nhan-va-gia-dinh', 0.45, 1],
    ]);
    expect(groups[0]?.items.map((p) => p.chunk.locator)).toEqual(['Điều 20, khoản 1', 'Điều 21', 'Điều 20, khoản 2, điểm a', 'Điều 20, khoản 3']);
  });
});

describe('groupByArticle', () => {
  it('puts every khoản and điểm of an article together and leaves section chunks grouped by their locator', () => {
    const groups = groupByArticle({ items: RANKED });
    expect(groups.map((g) => [g.key, g.score, g.items.length])).toEqual([
      ['luat-cu-tru#dieu-20', 0.91, 3],
      ['luat-cu-tru#dieu-21', 0.8, 1],
      ['nq-03-hai-phong#Nâng cao nhận thức để dẫn dắt hành động', 0.5, 2],
      ['luat-hon-nhan-va-gia-dinh#dieu-9', 0.45, 1],
    ]);
  });

  it('keeps the same article number of two documents apart', () => {
    const groups = groupByArticle({ items: [passage('luat-cu-tru', 'Điều 9', 0.4), passage('luat-hon-nhan-va-gia-dinh', 'Điều 9, khoản 2', 0.6)] });
    expect(groups.map((g) => g.key)).toEqual(['luat-hon-nhan-va-gia-dinh#dieu-9', 'luat-cu-tru#dieu-9']);
  });
});

describe('groupRanked', () => {
  it('partitions the input: groups hold exactly the items, each with one key, the best score, in order', () => {
    const item = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), score: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const groups = groupRanked({ items, keyOf: (i) => i.key });
        expect(groups.flatMap((g) => g.items)).toHaveLength(items.length);
        expect(new Set(groups.flatMap((g) => g.items))).toEqual(new Set(items));
        expect(groups.map((g) => g.key)).toEqual([...new Set(groups.map((g) => g.key))]);
        for (const [i, g] of groups.entries()) {
          expect(g.items.every((x) => x.key === g.key)).toBe(true);
          expect(g.score).toBe(Math.max(...g.items.map((x) => x.score)));
          for (let j = 1; j < g.items.length; j++) expect(g.items[j - 1]?.score).toBeGreaterThanOrEqual(g.items[j]?.score ?? NaN);
          if (i > 0) expect(groups[i - 1]?.score).toBeGreaterThanOrEqual(g.score);
        }
      }),
    );
  });
});
