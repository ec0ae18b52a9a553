import { describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../../src/answer/follow-up';

describe('resolveFollowUp', () => {
  it.each([
    // [previous question, follow-up, resolved question, how]
    ['Hồ sơ đăng ký thường trú gồm những gì?', 'còn thời hạn thì sao?', 'Thời hạn đăng ký thường trú?', 'aspect'],
    ['Thời hạn đăng ký thường trú là bao lâu?', 'Hồ sơ gồm những gì?', 'Hồ sơ đăng ký thường trú gồm những gì?', 'aspect'],
    ['Thời hạn đăng ký thường trú là bao lâu?', 'vậy lệ phí bao nhiêu?', 'Lệ phí đăng ký thường trú bao nhiêu?', 'aspect'],
    ['Kế hoạch chuyển đổi số năm 2022 của Hải Phòng có những nhiệm vụ gì?', 'ai chịu trách nhiệm?', 'Ai chịu trách nhiệm Kế hoạch chuyển đổi số năm 2022 của Hải Phòng?', 'aspect'],
    ['Điều 20 Luật Cư trú quy định gì?', 'thế còn Điều 21?', 'Điều 21 Luật Cư trú quy định gì?', 'article'],
    ['Khoản 2 Điều 20 Luật Cư trú quy định gì?', 'còn khoản 3 Điều 20 thì sao?', 'Khoản 3 Điều 20 Luật Cư trú quy định gì?', 'article'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'vậy còn Hà Nội?', 'Tốc độ băng rộng cố định của Hà Nội đạt bao nhiêu?', 'entity'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn TP Hồ Chí Minh thì sao?', 'Tốc độ băng rộng cố định của TP Hồ Chí Minh đạt bao nhiêu?', 'entity'],
    ['Thời hạn đăng ký thường trú là bao lâu?', 'còn tạm trú thì sao?', 'Thời hạn đăng ký tạm trú là bao lâu?', 'parallel'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn băng rộng di động?', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?', 'parallel'],
    ['Nghị quyết 03-NQ/TU được ban hành ngày nào?', 'văn bản đó do ai ký?', 'Nghị quyết 03-NQ/TU do ai ký?', 'anaphora'],
    ['Nghị quyết 03-NQ/TU về chuyển đổi số có mục tiêu gì?', 'còn Nghị quyết 05-NQ/TU?', 'Nghị quyết 05-NQ/TU về chuyển đổi số có mục tiêu gì?', 'doc-number'],
  ])('after "%s", resolves "%s" to "%s" (%s)', (previous, question, resolved, how) => {
    expect(resolveFollowUp({ question, history: [{ question: previous }] })).toEqual({ question: resolved, followUp: true, how });
  });

  it.each([
    ['Thời hạn đăng ký thường trú là bao lâu?', 'Lưu trú là gì?'],
    ['Thời hạn đăng ký thường trú là bao lâu?', 'Hồ sơ đăng ký tạm trú gồm những gì?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'Có bao nhiêu đại biểu tham dự hội nghị quán triệt Nghị quyết 03?'],
    ['Lưu trú là gì?', 'Con nuôi có được đăng ký thường trú cùng cha mẹ nuôi không?'],
    ['Điều 20 Luật Cư trú quy định gì?', 'Thế còn thủ tục xóa đăng ký thường trú tại Công an xã?'],
  ])('after "%s", leaves the self-contained "%s" as typed', (previous, question) => {
    expect(resolveFollowUp({ question, history: [{ question: previous }] })).toEqual({ question, followUp: false, how: 'self-contained' });
  });

  it('resolves accent-free follow-ups of accent-free questions', () => {
    const r = resolveFollowUp({ question: 'con ho so thi sao', history: [{ question: 'thoi han dang ky thuong tru la bao lau' }] });
    expect(r).toEqual({ question: 'Ho so dang ky thuong tru?', followUp: true, how: 'aspect' });
  });

  it('resolves a chain of follow-ups turn by turn', () => {
    const history = [{ question: 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?' }, { question: 'vậy còn Hà Nội?' }];
    expect(resolveFollowUp({ question: 'còn băng rộng di động?', history }).question).toBe('Tốc độ băng rộng di động của Hà Nội đạt bao nhiêu?');
  });

  it('leaves a question alone when there is no history', () => {
    expect(resolveFollowUp({ question: 'còn thời hạn thì sao?' })).toEqual({ question: 'còn thời hạn thì sao?', followUp: false, how: 'no-history' });
  });

  it('normalises the question (NFC) even when it is left alone', () => {
    const decomposed = 'Lưu trú là gì?'.normalize('NFD');
    expect(resolveFollowUp({ question: decomposed, history: [] }).question).toBe('Lưu trú là gì?'.normalize('NFC'));
  });
});
