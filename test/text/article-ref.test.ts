import { describe, expect, it } from 'vitest';
import { findArticleRefs } from '../../src/text/index';
import { LAWS } from './corpus';

describe('findArticleRefs', () => {
  it.each([
    ['Điều 20', [{ article: 20 }]],
    ['khoản 2 Điều 20', [{ article: 20, clause: 2 }]],
    ['Điều 20 khoản 2', [{ article: 20, clause: 2 }]],
    ['điểm a khoản 1 Điều 5', [{ article: 5, clause: 1, point: 'a' }]],
    ['Điều 5, khoản 1, điểm a', [{ article: 5, clause: 1, point: 'a' }]],
    ['khoản 2 của Điều 5', [{ article: 5, clause: 2 }]],
  ])('reads "%s"', (text, expected) => {
    expect(findArticleRefs(text)).toEqual(expected);
  });

  it('reads references typed without diacritics and in any case', () => {
    expect(findArticleRefs('dieu 20 khoan 2')).toEqual([{ article: 20, clause: 2 }]);
    expect(findArticleRefs('DIEU 20 KHOAN 2')).toEqual([{ article: 20, clause: 2 }]);
    expect(findArticleRefs('Diem b khoan 3 dieu 7')).toEqual([{ article: 7, clause: 3, point: 'b' }]);
    expect(findArticleRefs('ĐIỀU 12')).toEqual([{ article: 12 }]);
    expect(findArticleRefs('khoản 1 \u00D0iều 40 của Bộ luật')).toEqual([{ article: 40, clause: 1 }]);
  });

  it('keeps "điểm đ" apart from "điểm d"', () => {
    expect(findArticleRefs('điểm đ khoản 1 Điều 5 và điểm d khoản 2 Điều 6')).toEqual([
      { article: 5, clause: 1, point: 'đ' }, { article: 6, clause: 2, point: 'd' },
    ]);
  });

  it('expands the lists the laws use', () => {
    expect(findArticleRefs('quy định tại khoản 1, 2 và 3 Điều 16 của Luật này')).toEqual([1, 2, 3].map((clause) => ({ article: 16, clause })));
    expect(findArticleRefs('điểm a, b và c khoản 1 Điều 7')).toEqual(['a', 'b', 'c'].map((point) => ({ article: 7, clause: 1, point })));
    expect(findArticleRefs('điểm a và điểm b khoản 2 Điều 9')).toEqual([{ article: 9, clause: 2, point: 'a' }, { article: 9, clause: 2, point: 'b' }]);
    expect(findArticleRefs('khoản 1, khoản 2 Điều 8')).toEqual([{ article: 8, clause: 1 }, { article: 8, clause: 2 }]);
    expect(findArticleRefs('Điều 5 và Điều 6')).toEqual([{ article: 5 }, { article: 6 }]);
  });

  it('attaches each khoản to its own Điều', () => {
    expect(findArticleRefs('khoản 2 Điều 159 và khoản 1 Điều 160')).toEqual([{ article: 159, clause: 2 }, { article: 160, clause: 1 }]);
    expect(findArticleRefs('theo Điều 5, khoản 2 Điều 6')).toEqual([{ article: 5 }, { article: 6, clause: 2 }]);
  });

  it('finds nothing where no Điều is named or "điều" is an ordinary word', () => {
    expect(findArticleRefs('theo khoản 3 thì')).toEqual([]);
    expect(findArticleRefs('Điều kiện đăng ký thường trú; điều này; điểm cầu; khoản tiền 5 triệu')).toEqual([]);
  });

  it('reads a real cross-reference from Luật Cư trú', () => {
    const law = LAWS.find((l) => l.name === 'luat-cu-tru.md')?.text ?? '';
    const sentence = law.split('\n').find((line) => line.includes('khoản 2 Điều 20')) ?? '';
    expect(sentence).not.toBe('');
    expect(findArticleRefs(sentence)).toContainEqual({ article: 20, clause: 2 });
  });

  it('finds an Điều for every "Điều N." heading of a law when given the headings', () => {
    for (const { name, text } of LAWS) {
      const headings = text.match(/^Điều \d+\./gmu) ?? [];
      const refs = findArticleRefs(headings.join('\n'));
      expect(refs.map((r) => r.article), name).toEqual([...new Set(headings.map((h) => Number(h.slice(5, -1))))]);
    }
  });
});
