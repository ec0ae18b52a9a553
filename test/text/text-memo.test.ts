import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeText, wordSpans } from '../../src/text/index';
import { memoizeByText, memoizeText } from '../../src/text/text-memo';

const long = (n: number) => `Điều ${n}. Công dân có quyền tự do cư trú theo quy định của Luật này và pháp luật có liên quan.`;

describe('memoizeText', () => {
  it('computes a long text once while it is remembered, a short one every time', () => {
    let calls = 0;
    const upper = memoizeText((t) => (calls++, t.toUpperCase()), { capacity: 4, minLength: 10 });
    expect(upper(long(1))).toBe(long(1).toUpperCase());
    expect(upper(long(1))).toBe(long(1).toUpperCase());
    expect(calls).toBe(1);
    upper('ngắn');
    upper('ngắn');
    expect(calls).toBe(3);
  });

  it('stays within two generations of its capacity, and keeps what is still asked for', () => {
    let calls = 0;
    const same = memoizeText((t) => (calls++, t), { capacity: 2, minLength: 1 });
    for (const n of [1, 2, 3, 4, 5]) same(long(n));
    expect(calls).toBe(5);
    same(long(5));
    same(long(4));
    expect(calls).toBe(5); // the newer generations still hold 4 and 5
    same(long(1));
    expect(calls).toBe(6); // 1 was dropped with the oldest generation
  });

  it('gives the text module the same results as before, remembered or not', () => {
    const text = 'Thủ tục ĐĂNG KÝ tạm trú hoà giải, thuỷ lợi — Điều 23 khoản 2';
    const padded = `${text} ${'và '.repeat(20)}`;
    for (let i = 0; i < 3; i++) {
      expect(foldDiacritics(padded)).toBe(`Thu tuc DANG KY tam tru hoa giai, thuy loi — Dieu 23 khoan 2 ${'va '.repeat(20)}`);
      expect(normalizeText(padded)).toContain('hòa giải, thủy lợi');
    }
    expect(wordSpans(padded).slice(0, 4).map((w) => w.folded)).toEqual(['thu', 'tuc', 'dang', 'ky']);
  });
});

describe('memoizeByText', () => {
  it('remembers any result, undefined included, and gives every caller the same one', () => {
    let calls = 0;
    const parse = memoizeByText((t) => (calls++, t.startsWith('Điều') ? { article: Number(t.split(' ')[1]) } : undefined), { capacity: 4 });
    const first = parse('Điều 5');
    expect(first).toEqual({ article: 5 });
    expect(parse('Điều 5')).toBe(first);
    expect(parse('Mục 2')).toBeUndefined();
    expect(parse('Mục 2')).toBeUndefined();
    expect(calls).toBe(2);
  });

  it('computes texts past maxLength every time', () => {
    let calls = 0;
    const length = memoizeByText((t) => (calls++, t.length), { maxLength: 10 });
    length(long(1));
    length(long(1));
    expect(calls).toBe(2);
  });
});
