import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeText } from '../../src/text/index';
import { LAWS, SEEDS, textOf } from './corpus';

describe('normalizeText', () => {
  it.each([
    ['hoà', 'hòa'], ['thuỷ', 'thủy'], ['khoẻ', 'khỏe'], ['loà', 'lòa'], ['oá', 'óa'], ['uỳ', 'ùy'],
    ['xoá', 'xóa'], ['hoạ', 'họa'], ['thoả thuận', 'thỏa thuận'], ['tuỳ', 'tùy'], ['Thành uỷ', 'Thành ủy'],
    ['huỷ bỏ', 'hủy bỏ'], ['toà án', 'tòa án'], ['doạ', 'dọa'], ['khoá', 'khóa'], ['loè', 'lòe'],
  ])('puts the tone of the open syllable in "%s" on the first vowel, the traditional way', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    'hoàn thành', 'toán', 'tuyết', 'quyết định', 'huỳnh', 'khoảng', 'hoạt động', 'thuận', 'chuyển đổi',
    'quý', 'quả', 'quốc', 'giá', 'giữa', 'giường', 'gìn giữ', 'người', 'rượu', 'hoài', 'khuỷu', 'ngoéo',
    'mía', 'múa', 'cửa', 'thuở', 'chịu', 'cái', 'Huế', 'thuế', 'khuya', 'nghiêng', 'yêu', 'ươm',
  ])('leaves "%s" as it is: its placement is the same in both styles', (word) => {
    expect(normalizeText(word)).toBe(word);
  });

  it.each([
    ['qúy', 'quý'], ['qủa', 'quả'], ['gìa', 'già'], ['hòan', 'hoàn'], ['túyêt', 'tuyết'], ['ngừơi', 'người'], ['rựơu', 'rượu'],
  ])('repairs the misplaced tone in "%s"', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('leaves a word with two tone marks as it is: there is no single right answer', () => {
    expect(normalizeText('hoàì')).toBe('hoàì');
  });

  it('keeps the case of every letter', () => {
    expect(normalizeText('HOÀ')).toBe('HÒA');
    expect(normalizeText('Hoà')).toBe('Hòa');
    expect(normalizeText('hOÀ')).toBe('hÒA');
    expect(normalizeText('UỶ BAN NHÂN DÂN')).toBe('ỦY BAN NHÂN DÂN');
    expect(normalizeText('Uỷ ban')).toBe('Ủy ban');
  });

  it('composes decomposed input (NFD, combining marks) before placing tones', () => {
    const decomposed = 'Thành uỷ Hải Phòng hoà nhập'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(27);
    expect(normalizeText(decomposed)).toBe('Thành ủy Hải Phòng hòa nhập');
    // Tone typed as a separate combining mark after the base letter, as some keyboards do.
    expect(normalizeText('ho\u0061\u0300')).toBe('hòa');
    expect(normalizeText('Nghi\u0323 quyê\u0301t')).toBe('Nghị quyết');
  });

  it('leaves foreign words and non-syllables alone', () => {
    for (const word of ['café', 'résumé', 'Zürich', 'naïve', 'Đắk Lắk', 'Krông Pắc', 'iPhone', 'COVID']) {
      expect(normalizeText(word)).toBe(word);
    }
  });

  it('replaces look-alike characters one for one', () => {
    expect(normalizeText('Nghị\u00A0quyết số 03\u2011NQ/TU')).toBe('Nghị quyết số 03-NQ/TU');
    expect(normalizeText('khoản 1 \u00D0iều 40')).toBe('khoản 1 Điều 40');
    expect(normalizeText('１５／２０２４')).toBe('15/2024');
    expect(normalizeText('a\u2009b\u202Fc\u200Bd')).toBe('a b c d');
    // En and em dashes are prose, kept for display.
    expect(normalizeText('2022 – 2025 — nay')).toBe('2022 – 2025 — nay');
  });

  it('keeps the length of NFC input so that offsets stay valid, on every law and seed', () => {
    for (const { name, text } of [...LAWS, ...SEEDS]) {
      const nfc = text.normalize('NFC');
      expect(normalizeText(nfc).length, name).toBe(nfc.length);
    }
  });

  it('only moves tones: folding before and after gives the same text, on every law and seed', () => {
    for (const { name, text } of [...LAWS, ...SEEDS]) {
      expect(foldDiacritics(normalizeText(text)), name).toBe(foldDiacritics(text));
    }
  });

  it('leaves no new-style open oa/oe/uy in the corpus, and is idempotent on it', () => {
    const newStyle = /(?<![\p{L}])\p{L}*(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}])/gu;
    const seed = textOf('000_');
    expect(seed.match(newStyle)?.length ?? 0).toBeGreaterThan(5); // the seeds write "Thành uỷ", "xoá"
    for (const { name, text } of [...LAWS, ...SEEDS]) {
      const once = normalizeText(text);
      expect(once.match(newStyle), name).toBeNull();
      expect(normalizeText(once), name).toBe(once);
    }
  });

  it('normalises a real seed sentence about Nghị quyết 03', () => {
    const sentence = 'Ngày 21/4, Thành uỷ Hải Phòng tổ chức Hội nghị cán bộ thành phố trực tuyến';
    expect(textOf('000_')).toContain(sentence);
    expect(normalizeText(sentence)).toBe('Ngày 21/4, Thành ủy Hải Phòng tổ chức Hội nghị cán bộ thành phố trực tuyến');
  });
});
