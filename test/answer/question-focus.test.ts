import { describe, expect, it } from 'vitest';
import { questionFocus, statesFocus } from '../../src/answer/question-focus';

describe('questionFocus', () => {
  it('reads the noun counted after "bao nhiêu" / "mấy" / "bn", accented or not', () => {
    expect(questionFocus('Trung tâm điều hành kết nối bao nhiêu camera?')).toEqual({ kind: 'count', noun: 'camera' });
    expect(questionFocus('Mấy tuổi thì được cấp CMND?')).toEqual({ kind: 'count', noun: 'tuoi' });
    expect(questionFocus('tap huan cho bao nhieu CCVC')).toEqual({ kind: 'count', noun: 'ccvc' });
  });

  it('asks for any figure when no noun follows, a share, an amount or a number when the words say so', () => {
    expect(questionFocus('Tỷ lệ hồ sơ trực tuyến là bao nhiêu?')).toEqual({ kind: 'count' });
    expect(questionFocus('mức đóng bhyt theo hộ gia đình là bn')).toEqual({ kind: 'count' });
    expect(questionFocus('giảm giá vé bao nhiêu phần trăm?')).toEqual({ kind: 'count', unit: 'percent' });
    expect(questionFocus('hỗ trợ bao nhiêu tiền?')).toEqual({ kind: 'count', unit: 'money' });
    expect(questionFocus('là quyết định số mấy?')).toEqual({ kind: 'count', unit: 'number' });
  });

  it('has no focus for other questions, nor for accent-free "may" (also "máy")', () => {
    expect(questionFocus('Thủ tục đăng ký thường trú gồm những gì?')).toBeUndefined();
    expect(questionFocus('Cơ quan nào có quyền thu hồi chứng minh nhân dân?')).toBeUndefined();
    expect(questionFocus('dang ky tam tru o may quan')).toBeUndefined();
  });
});

describe('statesFocus', () => {
  it('wants a figure followed closely by the noun counted', () => {
    const focus = { kind: 'count', noun: 'tram' } as const;
    expect(statesFocus(focus, 'đưa tổng số trạm BTS lên 2.224 trạm, tăng 11%')).toBe(true);
    expect(statesFocus(focus, 'tăng 11% so với năm 2021, phủ sóng ở các khu vực có trạm BTS')).toBe(false);
  });

  it('wants a share, an amount, "số" with a figure, or any figure', () => {
    expect(statesFocus({ kind: 'count', unit: 'percent' }, 'được giảm ít nhất 15% giá vé')).toBe(true);
    expect(statesFocus({ kind: 'count', unit: 'percent' }, 'được giảm giá vé theo quy định')).toBe(false);
    expect(statesFocus({ kind: 'count', unit: 'money' }, 'mức thu 50.000 đồng')).toBe(true);
    expect(statesFocus({ kind: 'count', unit: 'money' }, 'tối đa không quá 05 lần mức lương cơ sở')).toBe(true);
    expect(statesFocus({ kind: 'count', unit: 'money' }, 'đưa 100% hộ sản xuất lên sàn; phát triển thanh toán không dùng tiền mặt')).toBe(false);
    expect(statesFocus({ kind: 'count', unit: 'number' }, 'theo Quyết định số 505/QĐ-TTg')).toBe(true);
    expect(statesFocus({ kind: 'count', unit: 'number' }, 'ngày 10/10 hằng năm')).toBe(false);
    expect(statesFocus({ kind: 'count' }, 'đạt 82,6%')).toBe(true);
    expect(statesFocus({ kind: 'count' }, 'triển khai sổ sức khỏe điện tử')).toBe(false);
  });
});
