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
