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
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'vậy còn Hà Nội?', 'Tốc độ băng rộng cố định của Hà Nội đạt bao nhiêu?', 'substituted'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn TP Hồ Chí Minh thì sao?', 'Tốc độ băng rộng cố định của TP Hồ Chí Minh đạt bao nhiêu?', 'substituted'],
    ['Ông Nguyễn Văn Tùng giữ chức vụ gì?', 'còn Lê Tiến Châu?', 'Ông Lê Tiến Châu giữ chức vụ gì?', 'entity'],
    ['Thời hạn đăng ký thường trú là bao lâu?', 'còn tạm trú thì sao?', 'Thời hạn đăng ký tạm trú là bao lâu?', 'substituted'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn băng rộng di động?', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?', 'substituted'],
    ['Nghị quyết 03-NQ/TU được ban hành ngày nào?', 'văn bản đó do ai ký?', 'Nghị quyết 03-NQ/TU do ai ký?', 'anaphora'],
    ['Nghị quyết 03-NQ/TU về chuyển đổi số có mục tiêu gì?', 'còn Nghị quyết 05-NQ/TU?', 'Nghị quyết 05-NQ/TU về chuyển đổi số có mục tiêu gì?', 'doc-number'],
  ])('after "%s", resolves "%s" to "%s" (%s)', (previous, question, resolved, how) => {
    expect(resolveFollowUp({ question, history: [{ question: previous }] })).toEqual({ question: resolved, followUp: true, how });
  });

  it.each([
    // The follow-up's value takes the place of the previous question's value of the same class.
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn di động thì sao?', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'thế còn di động?', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'di động thì sao?', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'ở Hà Nội thì sao?', 'Tốc độ băng rộng cố định của Hà Nội đạt bao nhiêu?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn đà nẵng thì sao?', 'Tốc độ băng rộng cố định của đà nẵng đạt bao nhiêu?'],
    ['Tỷ lệ hồ sơ trực tuyến năm 2022 của Hải Phòng là bao nhiêu?', 'năm 2023 thì sao', 'Tỷ lệ hồ sơ trực tuyến năm 2023 của Hải Phòng là bao nhiêu?'],
    ['Doanh thu kinh tế số quý I/2022 ước đạt bao nhiêu?', 'còn năm 2023 thì sao?', 'Doanh thu kinh tế số quý I/2023 ước đạt bao nhiêu?'],
    ['Tỷ lệ hồ sơ trực tuyến của Sở Du lịch là bao nhiêu?', 'còn quận Hải An thì sao?', 'Tỷ lệ hồ sơ trực tuyến của quận Hải An là bao nhiêu?'],
    ['tỷ lệ hs trực tuyến của sở du lịch đc bn %', 'còn quận Hải An thì sao?', 'Tỷ lệ hs trực tuyến của quận Hải An đc bn %?'],
    ['Sở Du lịch và quận Hải An đạt tỷ lệ bao nhiêu?', 'còn quận Kiến Thụy?', 'Sở Du lịch và quận Kiến Thụy đạt tỷ lệ bao nhiêu?'],
    ['Hải Phòng mới đưa vào khai thác bao nhiêu trạm BTS 4G?', 'thế còn trạm 5G thì bao nhiêu?', 'Hải Phòng mới đưa vào khai thác bao nhiêu trạm BTS 5G?'],
    ['Cụ thọ 100 tuổi thì ai chúc thọ, tặng quà?', 'còn thọ 90 tuổi?', 'Cụ thọ 90 tuổi thì ai chúc thọ, tặng quà?'],
    ['Mức phạt vi phạm giao thông đường bộ là bao nhiêu?', 'còn đường thủy thì sao?', 'Mức phạt vi phạm giao thông đường thủy là bao nhiêu?'],
    // One spelling per question: a value typed with diacritics goes into an accent-free question without them, and the other way round as written.
    ['dang ky tam tru mat may ngay thi xong', 'thế còn đăng ký thường trú thì bao lâu?', 'Dang ky thuong tru mat may ngay thi xong?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'con di dong thi sao', 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'con ha noi thi sao', 'Tốc độ băng rộng cố định của Hà Nội đạt bao nhiêu?'],
    ['toc do bang rong co dinh cua hai phong dat bao nhieu', 'con di dong thi sao', 'Toc do bang rong di dong cua hai phong dat bao nhieu?'],
  ])('after "%s", substitutes "%s" into "%s"', (previous, question, resolved) => {
    expect(resolveFollowUp({ question, history: [{ question: previous }] })).toEqual({ question: resolved, followUp: true, how: 'substituted' });
  });

  it.each([
    // No counterpart of the same class, or words a swap does not account for: added, as typed.
    ['tỷ lệ hs trực tuyến của sở du lịch đc bn %', 'còn năm 2021 thì sao?', 'Tỷ lệ hs trực tuyến của sở du lịch đc bn %, năm 2021?'],
    ['Đi khám BHYT phải mang theo giấy tờ gì?', 'còn trẻ dưới 6 tuổi thì sao?', 'Đi khám BHYT phải mang theo giấy tờ gì, trẻ dưới 6 tuổi?'],
    ['Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', 'còn di động ở nông thôn?', 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu, di động ở nông thôn?'],
    ['Đi đăng ký khai sinh cho con cần nộp những giấy tờ gì?', 'ko có giấy chứng sinh thì sao', 'Đi đăng ký khai sinh cho con cần nộp những giấy tờ gì, ko có giấy chứng sinh?'],
  ])('after "%s", appends "%s" when nothing of its class is there to replace: "%s"', (previous, question, resolved) => {
    expect(resolveFollowUp({ question, history: [{ question: previous }] })).toEqual({ question: resolved, followUp: true, how: 'appended' });
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
