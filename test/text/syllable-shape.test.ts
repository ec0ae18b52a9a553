import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable } from '../../src/text';

describe('isVietnameseSyllable', () => {
  it('accepts Vietnamese syllables in any case, with or without accents', () => {
    for (const w of ['Đường', 'nghiêng', 'Quốc', 'gì', 'khuyết', 'Thành', 'trường', 'a', 'oanh', 'duong']) expect(isVietnameseSyllable(w), w).toBe(true);
  });

  it('rejects foreign names, brands and abbreviations', () => {
    for (const w of ['Viettel', 'Zalo', 'Google', 'Bitcoin', 'wifi', 'BTS', 'online']) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
