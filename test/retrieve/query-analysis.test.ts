import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { foldDiacritics } from '../../src/text/index';

describe('analyzeQuery', () => {
  it('tells questions typed with diacritics from those typed without', () => {
    expect(analyzeQuery({ query: 'thủ tục đăng ký kết hôn' }).hasDiacritics).toBe(true);
    expect(analyzeQuery({ query: 'thu tuc dang ky ket hon' }).hasDiacritics).toBe(false);
    // "đ" alone is a diacritic: the user did not type plain ASCII.
    expect(analyzeQuery({ query: 'dang ky tai đau' }).hasDiacritics).toBe(true);
  });

  it('gives syllables and bigrams, accented and accent-free', () => {
    const q = analyzeQuery({ query: 'Đăng ký thường trú' });
    expect(q.syllables).toEqual(['đăng', 'ký', 'thường', 'trú']);
    expect(q.bigrams).toEqual(['đăng_ký', 'ký_thường', 'thường_trú']);
    expect(q.foldedSyllables).toEqual(q.syllables.map(foldDiacritics));
    expect(q.foldedBigrams).toEqual(['dang_ky', 'ky_thuong', 'thuong_tru']);
  });

  it('finds the số hiệu and the "Điều N" a question names, with or without diacritics', () => {
    const q = analyzeQuery({ query: 'Khoản 2 Điều 20 Luật Cư trú số 68/2020/QH14 quy định gì?' });
    expect(q.articles).toEqual([20]);
    expect(q.articleRefs[0]).toMatchObject({ article: 20, clause: 2 });
    expect(q.docNumbers).toEqual(['68/2020/QH14']);
    const folded = analyzeQuery({ query: 'dieu 12 nghi quyet 03-nq/tu' });
    expect(folded.articles).toEqual([12]);
    expect(folded.docNumbers).toEqual(['03-NQ/TU']);
    expect(analyzeQuery({ query: 'Điều 1 và Điều 12' }).articles).toEqual([1, 12]);
  });

  it('analyses old and new tone-mark placement alike', () => {
    expect(analyzeQuery({ query: 'hoà giải' }).syllables).toEqual(analyzeQuery({ query: 'hòa giải' }).syllables);
  });
});
