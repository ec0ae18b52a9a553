import { describe, expect, it } from 'vitest';
import { mentionRole } from '../../src/text';

const keys = (s: string): string[] => s.split(' ');

describe('mentionRole', () => {
  it('is the subject when a clause starts with the phrase (after its numbering or a short lead-in)', () => {
    const text = '1. Viên chức vi phạm các quy định của pháp luật thì phải chịu một trong các hình thức kỷ luật sau: a) Khiển trách; b) Cảnh cáo.';
    expect(mentionRole({ text, keys: keys('viên chức'), folded: false })).toBe('subject');
    expect(mentionRole({ text: 'Đáng chú ý, thành phố ban hành tới 8 kế hoạch.', keys: keys('thành phố'), folded: false })).toBe('subject');
    // After ";" a new clause starts: "triển khai phần mềm …" is about the software.
    expect(mentionRole({ text: 'Thành phố số hóa dữ liệu chuyên ngành, phát triển kho dữ liệu dùng chung; triển khai phần mềm đất đai VBDLIS tại Hải Phòng.', keys: keys('phần mềm'), folded: false })).toBe('subject');
  });

  it('is listed when the phrase is one item of an enumeration deep in a clause', () => {
    const text = 'Các chuyến học tập kinh nghiệm triển khai thực hiện chuyển đổi số tại Cục Tin học hóa, Tập đoàn FPT, Tập Đoàn Viettel và tỉnh Quảng Ninh,Thái Nguyên, Huế, Lạng Sơn… giúp định hình các bước đi.';
    expect(mentionRole({ text, keys: keys('thái nguyên'), folded: false })).toBe('listed');
    // The same words as the subject of a clause.
    expect(mentionRole({ text: 'Thái Nguyên, Huế và Lạng Sơn đã triển khai chuyển đổi số.', keys: keys('thái nguyên'), folded: false })).toBe('subject');
  });

  it('is passing when the phrase stands deep in a clause outside any list, absent when not there', () => {
    const text = 'Tham dự Hội nghị có ông Nguyễn Mạnh Hùng, Bộ trưởng Bộ Thông tin và Truyền thông, Phó trưởng Ban Tuyên giáo Trung ương.';
    expect(mentionRole({ text: 'Tham dự Hội nghị có đồng chí Phó trưởng Ban Tuyên giáo Trung ương và lãnh đạo thành phố.', keys: keys('ban tuyên'), folded: false })).toBe('passing');
    expect(mentionRole({ text, keys: keys('công chức'), folded: false })).toBe('absent');
    expect(mentionRole({ text, keys: [], folded: false })).toBe('absent');
  });

  it('compares accent-free with `folded` and accented otherwise', () => {
    const text = 'Công chức vi phạm thì bị xử lý kỷ luật.';
    expect(mentionRole({ text, keys: keys('cong chuc'), folded: true })).toBe('subject');
    expect(mentionRole({ text, keys: keys('cong chuc'), folded: false })).toBe('absent');
    expect(mentionRole({ text: 'Viên chức vi phạm thì bị xử lý kỷ luật.', keys: keys('cong chuc'), folded: true })).toBe('absent');
  });
});
