import { describe, expect, it } from 'vitest';
import { makeCitation } from '../../src/answer/citations';
import { article, cuTru } from './corpus';
import { retrievalOf } from './passages';

describe('makeCitation', () => {
  it('cites two khoản of one article as the article, quoting both in order', () => {
    const [k3, k7] = retrievalOf({ items: article(cuTru, 20).filter((p) => /khoản [37]$/.test(p.chunk.locator)), confidence: 1 }).passages;
    if (k3 === undefined || k7 === undefined) throw new Error('fixture: Điều 20 khoản 3 and 7 expected');
    const citation = makeCitation({ n: 2, passages: [k7, k3], quotes: ['first quote', 'second quote'] });
    expect(citation).toMatchObject({ n: 2, docId: 'luat-cu-tru', title: 'Luật Cư trú', docNumber: '68/2020/QH14', locator: 'Điều 20', chunkId: k7.chunk.id, passage: 'first quote … second quote', inForce: true });
  });

  it('keeps the full locator of a single chunk', () => {
    const [k3] = retrievalOf({ items: article(cuTru, 20).filter((p) => /khoản 3$/.test(p.chunk.locator)), confidence: 1 }).passages;
    if (k3 === undefined) throw new Error('fixture: Điều 20 khoản 3 expected');
    expect(makeCitation({ n: 1, passages: [k3], quotes: ['q'] }).locator).toBe('Điều 20, khoản 3');
  });
});

describe('makeCitation: the quoted khoản', () => {
  // Điều 2 of the Luật Cư trú (definitions) is one chunk; its khoản 6 defines "lưu trú".
  const dieu2 = retrievalOf({ items: article(cuTru, 2), confidence: 1 }).passages;
  const LUU_TRU = 'Lưu trú là việc công dân ở lại một địa điểm không phải nơi thường trú hoặc nơi tạm trú trong thời gian ít hơn 30 ngày.';

  it('names the khoản a quote of an article chunk stands in, as the quote reads without its "6."', () => {
    expect(dieu2).toHaveLength(1);
    expect(dieu2[0]?.chunk.text).toContain(`6. ${LUU_TRU}`);
    expect(makeCitation({ n: 1, passages: dieu2, quotes: [LUU_TRU] }).locator).toBe('Điều 2, khoản 6');
  });

  it('keeps the article when the quotes stand in different khoản, or do not start one', () => {
    expect(makeCitation({ n: 1, passages: dieu2, quotes: [LUU_TRU, 'Chỗ ở hợp pháp là nơi được sử dụng để sinh sống, thuộc quyền sở hữu hoặc quyền sử dụng của công dân, bao gồm nhà ở, tàu, thuyền, phương tiện khác có khả năng di chuyển hoặc chỗ ở khác theo quy định của pháp luật.'] }).locator).toBe('Điều 2');
    expect(makeCitation({ n: 1, passages: dieu2, quotes: ['thời gian ít hơn 30 ngày'] }).locator).toBe('Điều 2');
  });
});
