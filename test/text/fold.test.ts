import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../src/text/index';
import { LAWS, SEEDS } from './corpus';

// Every toned Vietnamese vowel, row by row, and the letter it folds to: an independent, hand-typed reference.
const VOWEL_ROWS: Array<[string, string]> = [
  ['aàáảãạăằắẳẵặâầấẩẫậ', 'a'], ['AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ', 'A'],
  ['eèéẻẽẹêềếểễệ', 'e'], ['EÈÉẺẼẸÊỀẾỂỄỆ', 'E'],
  ['iìíỉĩị', 'i'], ['IÌÍỈĨỊ', 'I'],
  ['oòóỏõọôồốổỗộơờớởỡợ', 'o'], ['OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ', 'O'],
  ['uùúủũụưừứửữự', 'u'], ['UÙÚỦŨỤƯỪỨỬỮỰ', 'U'],
  ['yỳýỷỹỵ', 'y'], ['YỲÝỶỸỴ', 'Y'],
  ['đ', 'd'], ['Đ', 'D'],
];

describe('foldDiacritics', () => {
  it.each(VOWEL_ROWS)('folds every letter of "%s" to "%s"', (row, base) => {
    expect(foldDiacritics(row)).toBe(base.repeat(row.length));
  });

  it('folds real phrases, keeping case and spacing', () => {
    expect(foldDiacritics('Nghị quyết số 03-NQ/TU của Ban Thường vụ Thành ủy')).toBe('Nghi quyet so 03-NQ/TU cua Ban Thuong vu Thanh uy');
    expect(foldDiacritics('ĐĂNG KÝ KẾT HÔN')).toBe('DANG KY KET HON');
    expect(foldDiacritics('15/2024/NĐ-CP')).toBe('15/2024/ND-CP');
  });

  it('folds decomposed input and the look-alike "Ð" of legacy encodings', () => {
    expect(foldDiacritics('chuyển đổi số'.normalize('NFD'))).toBe('chuyen doi so');
    expect(foldDiacritics('\u00D0iều 40')).toBe('Dieu 40');
    expect(foldDiacritics('03\u2011NQ/TU\u00A0ngày')).toBe('03-NQ/TU ngay');
  });

  it('folds other Latin accents too, so a foreign name matches its plain spelling', () => {
    expect(foldDiacritics('café Zürich naïve São Paulo')).toBe('cafe Zurich naive Sao Paulo');
  });

  it('keeps the length of NFC text and leaves only ASCII in the laws and seeds', () => {
    for (const { name, text } of [...LAWS, ...SEEDS]) {
      const nfc = text.normalize('NFC');
      const folded = foldDiacritics(nfc);
      expect(folded.length, name).toBe(nfc.length);
      const vietnameseLeft = folded.match(/[À-ỹĐđƠơƯư]/gu) ?? [];
      expect(vietnameseLeft, name).toEqual([]);
    }
  });
});
