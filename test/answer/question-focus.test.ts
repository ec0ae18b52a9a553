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

describe('a length of time ("bao lâu")', () => {
  it('is asked for by "bao lâu", accented or not, and stated by a figure with a unit of time', () => {
    expect(questionFocus('Thời gian tập sự của viên chức là bao lâu?')).toEqual({ kind: 'count', unit: 'duration' });
    expect(questionFocus('thoi gian tap su cua vien chuc la bao lau')).toEqual({ kind: 'count', unit: 'duration' });
    const duration = { kind: 'count', unit: 'duration' } as const;
    expect(statesFocus(duration, 'Thời gian tập sự từ 03 tháng đến 12 tháng và phải được quy định trong hợp đồng làm việc.')).toBe(true);
    expect(statesFocus(duration, 'Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ.')).toBe(true);
    // Mentions the probation period, states no length of it (Luật Viên chức, Điều 41, khoản 3).
    expect(statesFocus(duration, 'Việc đánh giá viên chức được thực hiện hàng năm; khi kết thúc thời gian tập sự; trước khi ký tiếp hợp đồng làm việc.')).toBe(false);
    expect(statesFocus(duration, 'Có 3 trường hợp được miễn tập sự.')).toBe(false);
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

describe('a company ("công ty nào")', () => {
  it('is asked for by "công ty / tập đoàn / nhà thầu … nào", accented or not; other "which" questions are not read', () => {
    expect(questionFocus('Phần mềm đất đai VBDLIS do công ty nào phát triển?')).toEqual({ kind: 'company' });
    expect(questionFocus('nha thau nao thi cong du an')).toEqual({ kind: 'company' });
    expect(questionFocus('Sở TTTT ký thỏa thuận với đơn vị nào?')).toBeUndefined();
  });

  it('is stated only by evidence that names a company by its kind', () => {
    const company = { kind: 'company' } as const;
    expect(statesFocus(company, 'Dự án do Công ty Cổ phần Hệ thống Công nghệ ETC thực hiện.')).toBe(true);
    expect(statesFocus(company, 'Thành phố làm việc với Tập đoàn FPT và Tập đoàn Viettel.')).toBe(true);
    // Names the software, not who made it (knowledge/, the VBDLIS sentence).
    expect(statesFocus(company, 'Triển khai phần mềm đất đai VBDLIS tại Hải Phòng liên thông hệ thống một cửa điện tử.')).toBe(false);
  });
});
