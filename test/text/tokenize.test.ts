import { describe, expect, it } from 'vitest';
import { analyzeForIndex, bigrams, docNumberKey, syllables } from '../../src/text/index';
import { textOf } from './corpus';

describe('syllables', () => {
  it('lower-cases and normalises Vietnamese syllables', () => {
    expect(syllables('Thành uỷ Hải Phòng HOÀ NHẬP')).toEqual(['thành', 'ủy', 'hải', 'phòng', 'hòa', 'nhập']);
  });

  it('keeps a number with "," or "." inside as one token, as written', () => {
    expect(syllables('tăng 27,9% với 11.345 đại biểu, 1.000.000 đồng')).toEqual([
      'tăng', '27,9', 'với', '11.345', 'đại', 'biểu', '1.000.000', 'đồng',
    ]);
  });

  it('splits dates, ranges and codes into their parts', () => {
    expect(syllables('từ 1/7, giai đoạn 2021-2025')).toEqual(['từ', '1', '7', 'giai', 'đoạn', '2021', '2025']);
    expect(syllables('Nghị quyết số 03-NQ/TU')).toEqual(['nghị', 'quyết', 'số', '03', 'nq', 'tu']);
    expect(syllables('15/2024/NĐ-CP')).toEqual(['15', '2024', 'nđ', 'cp']);
    expect(syllables('UBND TP. Hải Phòng, mạng 4G/5G, Bộ TT&TT')).toEqual([
      'ubnd', 'tp', 'hải', 'phòng', 'mạng', '4g', '5g', 'bộ', 'tt', 'tt',
    ]);
  });

  it('gives the same tokens for every spelling of a số hiệu that users type', () => {
    const forms = ['03-NQ/TU', '03-nq/tu', '03-NQ-TU', '03/NQ-TU', '03 NQ TU'];
    for (const form of forms) expect(syllables(form)).toEqual(['03', 'nq', 'tu']);
  });

  it('ignores invisible characters and stray combining marks inside a syllable', () => {
    expect(syllables('chuy\u00ADển đ\u200Dổi')).toEqual(['chuyển', 'đổi']);
    expect(syllables('hoà\u0301 x\u0303')).toEqual(['hòa', 'x']);
    expect(syllables('a\u200Bb')).toEqual(['a', 'b']);
  });

  it('tokenises a real seed sentence', () => {
    const sentence = 'xoá 16/67 vùng lõm sóng; triển khai mạng chuyên dùng đến 100% cơ quan nhà nước 4 cấp';
    expect(textOf('000_')).toContain(sentence);
    expect(syllables(sentence)).toEqual([
      'xóa', '16', '67', 'vùng', 'lõm', 'sóng', 'triển', 'khai', 'mạng', 'chuyên', 'dùng', 'đến', '100',
      'cơ', 'quan', 'nhà', 'nước', '4', 'cấp',
    ]);
  });
});

describe('bigrams', () => {
  it('joins adjacent tokens with "_"', () => {
    expect(bigrams(['thủ', 'tục', 'hành', 'chính'])).toEqual(['thủ_tục', 'tục_hành', 'hành_chính']);
    expect(bigrams(['một'])).toEqual([]);
    expect(bigrams([])).toEqual([]);
  });
});

describe('analyzeForIndex', () => {
  it('returns accented and accent-free syllables and bigrams, and the số hiệu keys', () => {
    const a = analyzeForIndex('Thủ tục đăng ký thường trú theo 15/2024/NĐ-CP');
    expect(a.syllables).toEqual(['thủ', 'tục', 'đăng', 'ký', 'thường', 'trú', 'theo', '15', '2024', 'nđ', 'cp']);
    expect(a.foldedSyllables).toEqual(['thu', 'tuc', 'dang', 'ky', 'thuong', 'tru', 'theo', '15', '2024', 'nd', 'cp']);
    expect(a.bigrams.slice(0, 2)).toEqual(['thủ_tục', 'tục_đăng']);
    expect(a.foldedBigrams.at(-1)).toBe('nd_cp');
    expect(a.docNumberKeys).toEqual([docNumberKey('15/2024/ND-CP')]);
  });

  it('makes an accent-free query meet the accented document on the folded fields', () => {
    const doc = analyzeForIndex('Điều kiện đăng ký kết hôn');
    const query = analyzeForIndex('dieu kien dang ky ket hon');
    expect(query.syllables).toEqual(doc.foldedSyllables);
    expect(query.bigrams).toEqual(doc.foldedBigrams);
  });
});
