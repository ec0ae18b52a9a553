import { describe, expect, it } from 'vitest';
import { questionHead } from '../../src/answer/question-subject';

describe('questionHead', () => {
  it('is the first two content words of the subject, after its asking words and aspects', () => {
    expect(questionHead({ question: 'Công chức vi phạm thì có những hình thức kỷ luật nào?' })).toEqual(['công', 'chức']);
    expect(questionHead({ question: 'Thái Nguyên đã triển khai chuyển đổi số thế nào?' })).toEqual(['thái', 'nguyên']);
    expect(questionHead({ question: 'Ở Hải Phòng diện tích nhà ở tối thiểu để đăng ký thường trú nhà thuê là bao nhiêu m2?' })).toEqual(['hải', 'phòng']);
  });

  it('is accent-free for a question typed without accents', () => {
    expect(questionHead({ question: 'cong chuc vi pham bi ky luat the nao' })).toEqual(['cong', 'chuc']);
  });

  it('is undefined when the subject opens with a single word before a function word, or a number', () => {
    expect(questionHead({ question: 'HP có bao nhiêu trạm BTS 3G?' })).toBeUndefined();
    expect(questionHead({ question: 'Năm 2022 Bộ và thành phố tập trung làm những việc gì?' })).toBeUndefined();
    expect(questionHead({ question: 'là gì?' })).toBeUndefined();
  });
});
