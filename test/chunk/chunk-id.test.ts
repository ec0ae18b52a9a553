import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/chunk/index';
import { makeChunkIds } from '../../src/chunk/chunk-id';

describe('slugify', () => {
  it('folds accents and đ, lower-cases and joins words with "-"', () => {
    expect(slugify('Điều 5, khoản 1, điểm đ')).toBe('dieu-5-khoan-1-diem-d');
    expect(slugify('Điều 5, khoản 1, điểm a–c')).toBe('dieu-5-khoan-1-diem-a-c');
    expect(slugify('Phần mở đầu')).toBe('phan-mo-dau');
    expect(slugify('Khai trương điểm đăng ký tên miền quốc gia “.vn” tại Hải Phòng')).toBe('khai-truong-diem-dang-ky-ten-mien-quoc-gia-vn-tai-hai-phong');
  });

  it('cuts a long heading path at a word boundary', () => {
    const slug = slugify('Chương II. QUYỀN, NGHĨA VỤ CỦA CÔNG DÂN VỀ CƯ TRÚ VÀ TRÁCH NHIỆM CỦA CƠ QUAN, TỔ CHỨC › Mục 1');
    expect(slug).toBe('chuong-ii-quyen-nghia-vu-cua-cong-dan-ve-cu-tru-va-trach');
    expect(slug.length).toBeLessThanOrEqual(60);
  });

  it('never returns an empty slug', () => {
    expect(slugify('“…”')).toBe('doan');
  });
});

describe('makeChunkIds', () => {
  it('numbers repeated locators in document order, per slug', () => {
    expect(makeChunkIds({ docId: 'luat-cu-tru', locators: ['Điều 2', 'Điều 20, khoản 1', 'Điều 2', 'Điều 20, khoản 1'] })).toEqual([
      'luat-cu-tru#dieu-2-0',
      'luat-cu-tru#dieu-20-khoan-1-0',
      'luat-cu-tru#dieu-2-1',
      'luat-cu-tru#dieu-20-khoan-1-1',
    ]);
  });
});
