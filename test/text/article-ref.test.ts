import { describe, expect, it } from 'vitest';
import { findArticleRefs, findInDocumentRefs } from '../../src/text/index';
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

describe('findInDocumentRefs', () => {
  const refs = (text: string, currentArticle?: number) => findInDocumentRefs(text, currentArticle === undefined ? {} : { currentArticle }).map(({ start: _s, end: _e, ...r }) => r);

  it('resolves "Điều này" and a bare khoản to the article the text stands in', () => {
    // Luật Cư trú, Điều 20, khoản 8.
    const text = 'Công dân không được đăng ký thường trú mới tại chỗ ở quy định tại Điều 23 của Luật này, trừ trường hợp quy định tại điểm a khoản 2 Điều này.';
    expect(refs(text, 20)).toEqual([{ article: 23 }, { article: 20, clause: 2, point: 'a' }]);
    expect(refs('Trừ trường hợp quy định tại khoản 2, công dân được đăng ký', 20)).toEqual([{ article: 20, clause: 2 }]);
    expect(refs('dieu kien quy dinh tai khoan 1 va khoan 3 dieu nay', 7)).toEqual([{ article: 7, clause: 1 }, { article: 7, clause: 3 }]);
  });

  it('yields no relative reference without the current article, as findArticleRefs', () => {
    expect(refs('theo khoản 2 Điều này')).toEqual([]);
    expect(findArticleRefs('theo khoản 2 Điều này')).toEqual([]);
  });

  it('keeps "Điều này" out of a list: "khoản 1 Điều này và Điều 5" is two references', () => {
    expect(refs('quy định tại khoản 1 Điều này và Điều 5', 9)).toEqual([{ article: 9, clause: 1 }, { article: 5 }]);
    expect(findArticleRefs('quy định tại khoản 1 Điều này và Điều 5')).toEqual([{ article: 5 }]);
  });

  it('leaves out references into another document', () => {
    expect(refs('theo quy định tại Điều 5 của Luật Đất đai', 3)).toEqual([]);
    expect(refs('quy định tại khoản 2 Điều 12 Nghị định số 62/2015/NĐ-CP', 3)).toEqual([]);
    expect(refs('điểm b, điểm c khoản 2 Điều 20 của Luật này', 21)).toEqual([{ article: 20, clause: 2, point: 'b' }, { article: 20, clause: 2, point: 'c' }]);
    expect(refs('theo Điều 8 của Bộ luật này', 3)).toEqual([{ article: 8 }]);
  });

  it('gives where each reference stands', () => {
    const text = 'tại chỗ ở quy định tại Điều 23 của Luật này';
    const [ref] = findInDocumentRefs(text, { currentArticle: 20 });
    expect(text.slice(ref?.start, ref?.end)).toBe('Điều 23');
  });
});
