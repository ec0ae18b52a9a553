import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/index';
import { LAWS, SEEDS, textOf } from './corpus';

const texts = (input: string): string[] => splitSentences(input).map((s) => s.text);

describe('splitSentences', () => {
  it('splits prose at ".", "!" and "?" followed by a capitalised word', () => {
    expect(texts('Thủ tục đơn giản. Người dân hài lòng! Có khó không? Không.')).toEqual([
      'Thủ tục đơn giản.', 'Người dân hài lòng!', 'Có khó không?', 'Không.',
    ]);
  });

  it('keeps abbreviations, numbers and codes inside their sentence', () => {
    expect(texts('UBND TP. Hải Phòng và Tp. Hồ Chí Minh đạt 27,9% với 11.345 đại biểu. Tiếp theo.')).toEqual([
      'UBND TP. Hải Phòng và Tp. Hồ Chí Minh đạt 27,9% với 11.345 đại biểu.', 'Tiếp theo.',
    ]);
    expect(texts('Theo Nghị quyết 03-NQ/TU từ 1/7, TP.HCM và Bộ TT&TT phối hợp. Kết quả tốt.')).toEqual([
      'Theo Nghị quyết 03-NQ/TU từ 1/7, TP.HCM và Bộ TT&TT phối hợp.', 'Kết quả tốt.',
    ]);
    expect(texts('PGS.TS. Nguyễn Văn A phát biểu. Ông Trần V. Bình dự.')).toEqual([
      'PGS.TS. Nguyễn Văn A phát biểu.', 'Ông Trần V. Bình dự.',
    ]);
  });

  it('ends a sentence after an ordinary word that some abbreviation lists contain', () => {
    expect(texts('Tôi gặp ông. Bà nói với nó. Sau đó lúc 8 h. Q. Lê Chân họp.')).toEqual([
      'Tôi gặp ông.', 'Bà nói với nó.', 'Sau đó lúc 8 h.', 'Q. Lê Chân họp.',
    ]);
  });

  it('ends a sentence after "v.v." or a code only before a capitalised word', () => {
    expect(texts('gồm sách, báo, v.v. và tài liệu khác. Bộ TT&TT. Sở ban hành.')).toEqual([
      'gồm sách, báo, v.v. và tài liệu khác.', 'Bộ TT&TT.', 'Sở ban hành.',
    ]);
  });

  it('handles ellipses and quotes', () => {
    expect(texts('Các giấy tờ... rồi nộp. Ông nói: “Đây là động lực.” Sau đó… Hết')).toEqual([
      'Các giấy tờ... rồi nộp.', 'Ông nói: “Đây là động lực.”', 'Sau đó…', 'Hết',
    ]);
  });

  it('treats line breaks as boundaries and keeps headings and list items whole', () => {
    const law = 'Điều 5. Phạm vi điều chỉnh\r\n1. Luật này quy định về cư trú. Nó áp dụng chung.\na) Tuân thủ Hiến pháp; b) Bảo đảm.\n\nChương II. QUY ĐỊNH CHUNG\n1.2. Mục tiêu cụ thể';
    expect(texts(law)).toEqual([
      'Điều 5. Phạm vi điều chỉnh', '1. Luật này quy định về cư trú.', 'Nó áp dụng chung.',
      'a) Tuân thủ Hiến pháp; b) Bảo đảm.', 'Chương II. QUY ĐỊNH CHUNG', '1.2. Mục tiêu cụ thể',
    ]);
  });

  it('splits a sentence that ends with a number or "Điều N" reference', () => {
    expect(texts('Đến năm 2025. Định hướng đến năm 2030.')).toEqual(['Đến năm 2025.', 'Định hướng đến năm 2030.']);
    expect(texts('Áp dụng theo khoản 2 Điều 5. Trường hợp khác thì không.')).toEqual([
      'Áp dụng theo khoản 2 Điều 5.', 'Trường hợp khác thì không.',
    ]);
  });

  it('gives offsets that slice the input exactly, on real seeds', () => {
    const seed = textOf('003_');
    const spans = splitSentences(seed);
    expect(spans.length).toBeGreaterThan(10);
    for (const s of spans) expect(seed.slice(s.start, s.end)).toBe(s.text);
    expect(spans.map((s) => s.text)).toContain('Theo đó, Bộ TT&TT sẽ hỗ trợ thành phố Hải Phòng triển khai quản lý nhà nước trong các lĩnh vực TT&TT.');
  });

  it('never cuts a law after its "Điều N." or "Điều N. 1." marker', () => {
    for (const { name, text } of LAWS) {
      const headings = [...text.matchAll(/^Điều \d+\./gmu)];
      expect(headings.length, name).toBeGreaterThan(10);
      const byStart = new Map(splitSentences(text).map((s) => [s.start, s.text]));
      const cut = headings.map((h) => byStart.get(h.index) ?? '').filter((s) => /^Điều \d+\.(?:\s+\d+\.)?$/u.test(s));
      expect(cut, name).toEqual([]);
    }
  });

  it('keeps a Constitution article that starts with its first khoản in one sentence', () => {
    const text = 'Điều 2. 1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền. Nhà nước là của Nhân dân.';
    expect(texts(text)).toEqual([
      'Điều 2. 1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền.', 'Nhà nước là của Nhân dân.',
    ]);
  });

  it('returns ordered, non-overlapping, trimmed spans for every law and seed', () => {
    for (const { name, text } of [...LAWS, ...SEEDS]) {
      let last = 0;
      for (const s of splitSentences(text)) {
        expect(s.start, name).toBeGreaterThanOrEqual(last);
        expect(s.text, name).toBe(s.text.trim());
        expect(s.text.includes('\n'), name).toBe(false);
        last = s.end;
      }
    }
  });
});
