import { describe, expect, it } from 'vitest';
import { docNumberKey, findDocNumbers, matchDocNumbers, normalizeDocNumber } from '../../src/text/index';
import { LAWS, SEEDS, textOf } from './corpus';

describe('findDocNumbers', () => {
  it('finds the three shapes of số hiệu in prose', () => {
    const text = 'Căn cứ Luật số 68/2020/QH14, Nghị định 15/2024/NĐ-CP, Quyết định số 123/QĐ-UBND, '
      + 'Kế hoạch 1234/KH-UBND, Chỉ thị 45/CT-TTg và Nghị quyết số 03-NQ/TU của Thành ủy.';
    expect(findDocNumbers(text)).toEqual(['68/2020/QH14', '15/2024/NĐ-CP', '123/QĐ-UBND', '1234/KH-UBND', '45/CT-TTg', '03-NQ/TU']);
  });

  it('names each document once, whatever spelling repeats it', () => {
    expect(findDocNumbers('Nghị quyết số 03-NQ-TU ngày 26/10/2021; Nghị quyết 03-NQ/TU; 03/nq-tu')).toEqual(['03-NQ/TU']);
  });

  it('finds what users type: lower case, no diacritics', () => {
    expect(findDocNumbers('nghi quyet 03-nq/tu va nghi dinh 15/2024/nd-cp')).toEqual(['03-NQ/TU', '15/2024/ND-CP']);
  });

  it('ignores dates, fractions, percentages, ranges and technical words', () => {
    const text = 'Ngày 26/10/2021, xoá 16/67 vùng lõm; 6/22 nhiệm vụ; 1/7; 27,9%; 2021-2025; mạng 4G/5G; Covid-19; TP.HCM; 1/2 số thành viên.';
    expect(findDocNumbers(text)).toEqual([]);
  });

  it('ignores a URL slug that contains a number followed by words', () => {
    const url = 'https://haiphong.gov.vn/tin/trien-khai-thuc-hien-nghi-quyet-03-cua-ban-thuong-vu-thanh-uy-ve-chuyen-doi-so-d180483';
    expect(findDocNumbers(url)).toEqual([]);
  });

  it('finds Nghị quyết 03 in the seed, with exact offsets', () => {
    const seed = textOf('000_');
    const matches = matchDocNumbers(seed);
    expect(matches.map((m) => m.normalized)).toContain('03-NQ/TU');
    for (const m of matches) expect(seed.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds every "Luật số …/QH…" cited by the laws and nothing that is not a code', () => {
    const all = [...LAWS, ...SEEDS].flatMap(({ text }) => findDocNumbers(text));
    expect(all).toContain('33/2005/QH11');
    expect(all).toContain('15/2004/PL-UBTVQH11');
    for (const n of all) expect(n).toMatch(/^\d+(?:\/\d{4}\/[\p{Lu}\d-]+|\/[\p{L}\d]+(?:-[\p{L}\d]+)+|-[\p{Lu}]+\/[\p{Lu}\d-]+)$/u);
  });
});

describe('normalizeDocNumber', () => {
  it.each([
    ['03-nq/tu', '03-NQ/TU'], ['03-NQ-TU', '03-NQ/TU'], ['03/NQ-TU', '03/NQ-TU'], [' 15/2024/nđ-cp ', '15/2024/NĐ-CP'],
    ['68/2020/qh14', '68/2020/QH14'], ['45/ct-ttg', '45/CT-TTg'], ['Nghị quyết số 03-NQ/TU', '03-NQ/TU'],
    ['số 123/QĐ-UBND', '123/QĐ-UBND'], ['03\u2011NQ/TU', '03-NQ/TU'],
  ])('writes "%s" as "%s"', (raw, expected) => {
    expect(normalizeDocNumber(raw)).toBe(expected);
  });

  it('returns text that holds no số hiệu trimmed and upper-cased', () => {
    expect(normalizeDocNumber('  nghị quyết  ba ')).toBe('NGHỊ QUYẾT BA');
  });
});

describe('docNumberKey', () => {
  it('is equal for every way users write Nghị quyết 03', () => {
    const forms = ['03-NQ/TU', '03-nq/tu', '03-NQ-TU', '03/NQ-TU', '3-NQ/TU', 'Nghị quyết số 03-NQ/TU', '03 NQ TU'];
    expect(new Set(forms.map(docNumberKey))).toEqual(new Set(['3-nq-tu']));
  });

  it('is equal with and without diacritics', () => {
    expect(docNumberKey('15/2024/ND-CP')).toBe(docNumberKey('15/2024/NĐ-CP'));
    expect(docNumberKey('123/QD-UBND')).toBe(docNumberKey('123/QĐ-UBND'));
  });

  it('tells different documents apart', () => {
    const keys = ['03-NQ/TU', '03-NQ/TW', '15/2024/NĐ-CP', '15/2023/NĐ-CP', '52/2014/QH13', '123/QĐ-UBND', '123/KH-UBND'].map(docNumberKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
