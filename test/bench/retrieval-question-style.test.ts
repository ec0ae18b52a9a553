import { describe, expect, it } from 'vitest';
import { isLongOrPersonal, LONG_QUESTION_SYLLABLES, questionStyle } from '../../bench/retrieval-question-style';

describe('questionStyle', () => {
  it('calls personal a question that opens with a greeting or "cho … hỏi", or says "tôi" / "mình"', () => {
    expect(questionStyle('Thưa luật sư, mẹ tôi mất không để lại di chúc').personal).toBe(true);
    expect(questionStyle('Cho em hỏi thủ tục đăng ký tạm trú').personal).toBe(true);
    expect(questionStyle('Nhà mình có được tách thửa không?').personal).toBe(true);
    expect(questionStyle('Điều kiện kết hôn là gì?').personal).toBe(false);
  });

  it('does not take "tội" or "em" in "trẻ em" for the first person', () => {
    expect(questionStyle('Tội trộm cắp tài sản bị phạt thế nào?').personal).toBe(false);
    expect(questionStyle('Quyền của trẻ em được quy định ở đâu?').personal).toBe(false);
  });

  it(`calls long a question of at least ${LONG_QUESTION_SYLLABLES} syllables`, () => {
    const words = (n: number) => Array.from({ length: n }, () => 'đất').join(' ');
    expect(questionStyle(words(LONG_QUESTION_SYLLABLES)).long).toBe(true);
    expect(questionStyle(words(LONG_QUESTION_SYLLABLES - 1)).long).toBe(false);
    expect(isLongOrPersonal(words(LONG_QUESTION_SYLLABLES - 1))).toBe(false);
    expect(isLongOrPersonal(`Thưa luật sư, ${words(3)}`)).toBe(true);
  });
});
