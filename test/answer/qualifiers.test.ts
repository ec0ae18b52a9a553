import { describe, expect, it } from 'vitest';
import { FEATURES, probability, type Features } from '../../src/answer/answerability';
import { matchQualifiers, passageTokens, questionQualifiers } from '../../src/answer/qualifiers';

describe('questionQualifiers', () => {
  it('finds years, technologies and other numbers, once each, as typed', () => {
    expect(questionQualifiers('Hải Phòng có bao nhiêu trạm BTS 5G năm 2024, so với 2024 và 82,6% ?')).toEqual([
      { text: '5G', kind: 'technology', key: '5g' },
      { text: '2024', kind: 'year', key: '2024' },
      { text: '82,6', kind: 'number', key: '82,6' },
    ]);
    expect(questionQualifiers('Thủ tục đăng ký thường trú gồm những gì?')).toEqual([]);
    expect(questionQualifiers('Hàng thừa kế thứ tư gồm những ai? Phiên họp thứ 3 thì sao?')).toEqual([
      { text: 'thứ tư', kind: 'ordinal', key: 'thứ_tư' },
      { text: 'thứ 3', kind: 'ordinal', key: 'thứ_3' },
    ]);
    expect(questionQualifiers('hang thua ke thu tu gom nhung ai')).toEqual([{ text: 'thu tu', kind: 'ordinal', key: 'thu_tu' }]);
  });
});

describe('matchQualifiers', () => {
  const tokens = (text: string, extra = '') => ({ all: new Set(`${text} ${extra}`.toLowerCase().split(/\s+/)), text: new Set(text.toLowerCase().split(/\s+/)) });

  it('names what the evidence states instead of a missing year or technology, from its text only', () => {
    const match = matchQualifiers(questionQualifiers('tỷ lệ năm 2024 của trạm 5G'), tokens('năm 2022 có 120 trạm 4g', '68/2020/qh14 2020'));
    expect(match.missing.map((q) => q.key)).toEqual(['2024', '5g']);
    expect(match.stated).toEqual(['2022', '4G']);
  });

  it('misses an ordinal the evidence does not state, with nothing stated instead', () => {
    // "thứ tự" (order) is not "thứ tư" (fourth).
    const words = (text: string) => ({ all: new Set([...text.toLowerCase().split(/\s+/), 'thứ_nhất', 'thứ_ba', 'thứ_tự', 'thu_tu']), text: new Set(text.toLowerCase().split(/\s+/)) });
    expect(matchQualifiers(questionQualifiers('Hàng thừa kế thứ tư gồm những ai?'), words('theo thứ tự: hàng thừa kế thứ nhất … thứ ba'))).toEqual({ missing: [{ text: 'thứ tư', kind: 'ordinal', key: 'thứ_tư' }], stated: [] });
    // Nor does a heading's "Phần thứ tư" state it.
    const headed = { all: new Set(['thứ_tư', 'thứ_ba']), text: new Set(['thứ_ba']) };
    expect(matchQualifiers(questionQualifiers('Hàng thừa kế thứ tư gồm những ai?'), headed).missing.map((q) => q.key)).toEqual(['thứ_tư']);
    expect(matchQualifiers(questionQualifiers('Hàng thừa kế thứ ba gồm những ai?'), headed).missing).toEqual([]);
  });

  it('finds nothing missing when the evidence states every qualifier', () => {
    expect(matchQualifiers(questionQualifiers('năm 2022 có bao nhiêu trạm 4G'), tokens('năm 2022 có 120 trạm 4g'))).toEqual({ missing: [], stated: [] });
  });
});

describe('probability', () => {
  it('is the logistic of the bias plus the weighted features, and grows with a positive weight', () => {
    const zero = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Features;
    const model = { bias: -1, weights: { ...zero, coverage: 2 } };
    expect(probability(model, zero)).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
    expect(probability(model, { ...zero, coverage: 1 })).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(probability(model, { ...zero, coverage: 1, margin: 1 })).toBe(probability(model, { ...zero, coverage: 1 }));
  });
});

describe('quarters ("quý II")', () => {
  it('are qualifiers keyed by their number, roman or arabic, accented or not; "quy định" is none', () => {
    expect(questionQualifiers('Doanh thu kinh tế số quý II/2022 đạt bao nhiêu?')).toEqual([
      { text: 'quý II', kind: 'quarter', key: 'quý_2' },
      { text: '2022', kind: 'year', key: '2022' },
    ]);
    expect(questionQualifiers('Quý 1 năm 2022 ngành thuế xử lý bao nhiêu hóa đơn?').map((q) => q.key)).toEqual(['quý_1', '2022']);
    expect(questionQualifiers('doanh thu quy iv la bao nhieu').map((q) => q.key)).toEqual(['quý_4']);
    expect(questionQualifiers('Luật quy định 2 trường hợp')).toEqual([{ text: '2', kind: 'number', key: '2' }]);
  });

  it('name the quarter the evidence states instead of the one asked', () => {
    const passage = { doc: { id: 'd', title: 'Kinh tế số', meta: {} }, chunk: { text: 'Doanh thu kinh tế số quý I/2022 ước đạt 53 tỷ USD.', headingPath: [] } } as unknown as Parameters<typeof passageTokens>[0];
    const match = matchQualifiers(questionQualifiers('Doanh thu kinh tế số quý II/2022 đạt bao nhiêu?'), passageTokens(passage));
    expect(match.missing.map((q) => q.key)).toEqual(['quý_2']);
    expect(match.stated).toEqual(['quý I']);
    expect(matchQualifiers(questionQualifiers('Doanh thu kinh tế số quý 1 năm 2022?'), passageTokens(passage)).missing).toEqual([]);
  });
});
