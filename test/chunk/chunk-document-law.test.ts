import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkDocument, detectLegalStructure } from '../../src/chunk/index';
import { makeDocument } from '../helpers/make-document';
import { articleOf, chunkProblems } from './invariants';

// The ALQAC 2023 laws live in shared/ beside the repository (see DESIGN.md, "Benchmarks").
const LAWS = fileURLToPath(new URL('../../../shared/bench/alqac2023/laws/', import.meta.url));
const text = readFileSync(`${LAWS}luat-cu-tru.md`, 'utf8');
const doc = makeDocument({ id: 'luat-cu-tru', text });
const chunks = chunkDocument({ doc, targetChars: 1200, overlapChars: 300, articleMaxChars: 2000 });

describe('chunkDocument on Luật Cư trú', () => {
  it('splits the long Điều 20 into one chunk per khoản, each starting with the article heading', () => {
    const article = chunks.filter((c) => articleOf(c.locator) === '20');
    expect(article.map((c) => c.locator)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `Điều 20, khoản ${k}`));
    for (const c of article) {
      expect(c.text.startsWith('Điều 20. Điều kiện đăng ký thường trú\n\n')).toBe(true);
      expect(c.headingPath).toEqual(['Điều 20. Điều kiện đăng ký thường trú']);
      expect(c.kind).toBe('legal');
    }
    const khoan2 = article[1];
    expect(khoan2?.id).toBe('luat-cu-tru#dieu-20-khoan-2-0');
    expect(doc.text.slice(khoan2?.start, khoan2?.end)).toMatch(/^2\. Công dân được đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu[\s\S]*về ở với người giám hộ\.$/);
  });

  it('keeps a short article whole under the locator "Điều N"', () => {
    const [dieu1] = chunks.filter((c) => articleOf(c.locator) === '1');
    expect(dieu1?.locator).toBe('Điều 1');
    expect(dieu1?.id).toBe('luat-cu-tru#dieu-1-0');
    expect(dieu1?.text).toMatch(/^Điều 1\. Phạm vi điều chỉnh\n\nLuật này quy định về việc thực hiện quyền tự do cư trú/);
    expect(dieu1?.text).toBe(doc.text.slice(dieu1?.start, dieu1?.end));
  });

  it('gives every article of the law at least one chunk, in article order, and nothing else but the closing', () => {
    const articles = detectLegalStructure({ text: doc.text })?.articles.map((a) => a.number) ?? [];
    expect(articles).toHaveLength(38);
    const seen = chunks.map((c) => articleOf(c.locator)).filter((n): n is string => n !== undefined);
    expect([...new Set(seen)]).toEqual(articles);
    expect(chunks.filter((c) => articleOf(c.locator) === undefined).map((c) => c.locator)).toEqual(['Phần kết']);
    expect(chunks.at(-1)?.text).toMatch(/^Luật này được Quốc hội .* thông qua ngày 13 tháng 11 năm 2020\.\n\nNỮ CHỦ TỊCH QUỐC HỘI/);
  });

  it('covers the whole text with exact, ordered bodies and unique ids', () => {
    expect(chunkProblems({ text: doc.text, chunks, title: '# Luật Cư trú' })).toEqual([]);
  });

  it('keeps every chunk body within articleMaxChars', () => {
    expect(Math.max(...chunks.map((c) => c.end - c.start))).toBeLessThanOrEqual(2000);
  });

  it('gives the same ids on a second run', () => {
    const again = chunkDocument({ doc: makeDocument({ id: 'luat-cu-tru', text }), targetChars: 1200, overlapChars: 300, articleMaxChars: 2000 });
    expect(again.map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    expect(again).toEqual(chunks);
  });
});
