import { describe, expect, it } from 'vitest';
import { repairOcrDocNumber } from '../../src/text/index';

describe('repairOcrDocNumber', () => {
  it.each([
    ['15/2024/QĐ-UBND', '15/2024/QĐ-UBND'],
    ['15/2024/QÐ-UBND', '15/2024/QĐ-UBND'],
    ['l5/2O24/QD-UBND', '15/2024/QĐ-UBND'],
    ['15 / 2024 / QĐ - UBND ngày 12', '15/2024/QĐ-UBND'],
    ['15l2024/QĐ-UBND', '15/2024/QĐ-UBND'],
    ['I5/2024/NÐ-CP', '15/2024/NĐ-CP'],
  ])('reads %s back as %s', (ocr, printed) => {
    expect(repairOcrDocNumber(ocr)).toBe(printed);
  });

  it('leaves correct numbers of other shapes alone', () => {
    expect(repairOcrDocNumber('1234/KH-UBND')).toBe('1234/KH-UBND');
    expect(repairOcrDocNumber('03-NQ/TU')).toBe('03-NQ/TU');
    expect(repairOcrDocNumber('68/2020/QH14')).toBe('68/2020/QH14');
  });
});
