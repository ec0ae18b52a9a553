import { describe, expect, it } from 'vitest';
import { citationUrl, makeCitation } from '../../src/answer/citations';
import { article, cuTru } from './corpus';
import { retrievalOf } from './passages';

describe('citationUrl', () => {
  it('URL-encodes the document and chunk ids', () => {
    expect(citationUrl({ docId: 'nghị quyết/03', chunkId: 'nq-03#dieu-1-khoan-2-0' })).toBe('/documents/ngh%E1%BB%8B%20quy%E1%BA%BFt%2F03#nq-03%23dieu-1-khoan-2-0');
  });
});

describe('makeCitation', () => {
  it('cites two khoản of one article as the article, quoting both in order', () => {
    const [k3, k7] = retrievalOf({ items: article(cuTru, 20).filter((p) => /khoản [37]$/.test(p.chunk.locator)), confidence: 1 }).passages;
    if (k3 === undefined || k7 === undefined) throw new Error('fixture: Điều 20 khoản 3 and 7 expected');
    const citation = makeCitation({ n: 2, passages: [k7, k3], quotes: ['first quote', 'second quote'] });
    expect(citation).toMatchObject({ n: 2, docId: 'luat-cu-tru', title: 'Luật Cư trú', docNumber: '68/2020/QH14', locator: 'Điều 20', chunkId: k7.chunk.id, passage: 'first quote … second quote', inForce: true });
    expect(citation.url).toBe(`/documents/luat-cu-tru#${encodeURIComponent(k7.chunk.id)}`);
  });

  it('keeps the full locator of a single chunk', () => {
    const [k3] = retrievalOf({ items: article(cuTru, 20).filter((p) => /khoản 3$/.test(p.chunk.locator)), confidence: 1 }).passages;
    if (k3 === undefined) throw new Error('fixture: Điều 20 khoản 3 expected');
    expect(makeCitation({ n: 1, passages: [k3], quotes: ['q'] }).locator).toBe('Điều 20, khoản 3');
  });
});
