import { phraseList } from './phrase-list';

/**
 * The Vietnamese words that carry the *kind* of question rather than its subject. They are data for
 * matching, not user-facing text, so they live here and not in prompts/. Every list is compared
 * through `findPhrases`, accented or accent-free as the question was typed.
 */

/**
 * Question words and particles that say nothing about the subject. They are dropped as single
 * terms (bigrams that contain them stay, so "cố định" still counts when "có" is dropped from an
 * accent-free "co dinh"). Compared without diacritics so that accented and accent-free questions
 * keep the same terms.
 */
export const FUNCTION_WORDS = new Set([
  'gi', 'nao', 'ai', 'dau', 'sao', 'bao', 'nhieu', 'may', 'khong', 'chua', 'ha', 'a', 'u', 'nhi', 'vay', 'the',
  'thi', 'con', 'hay', 'la', 'co', 'duoc', 'nhung', 'cac', 'cua', 'va', 'voi', 'cho', 've', 'trong', 'nay', 'do',
  'ra', 'nhe', 'mot', 'o', 'tai', 'den', 'tu', 'phai', 'nhu',
]);

/** The kinds of answer a question asks for; each favours sentences with matching content. */
export type QuestionCue = 'quantity' | 'time' | 'body' | 'place' | 'definition' | 'list';

/** Phrases in a question that reveal its cue. */
export const CUE_PHRASES: Readonly<Record<QuestionCue, ReturnType<typeof phraseList>>> = {
  quantity: phraseList(['bao nhiêu', 'mấy', 'số lượng', 'tỷ lệ', 'tỉ lệ', 'mức phạt', 'mức thu', 'lệ phí', 'bao nhiêu phần trăm', 'tốc độ']),
  time: phraseList(['khi nào', 'bao giờ', 'bao lâu', 'thời hạn', 'thời gian', 'thời điểm', 'ngày nào', 'năm nào', 'lúc nào', 'hạn chót', 'hiệu lực từ', 'chậm nhất']),
  body: phraseList(['ai', 'cơ quan nào', 'đơn vị nào', 'người nào', 'bộ nào', 'sở nào', 'cấp nào', 'chịu trách nhiệm', 'thẩm quyền', 'chủ trì', 'ban hành']),
  place: phraseList(['ở đâu', 'nơi nào', 'tại đâu', 'địa điểm', 'chỗ nào']),
  definition: phraseList(['là gì', 'nghĩa là gì', 'được hiểu', 'khái niệm', 'định nghĩa']),
  list: phraseList(['gồm', 'bao gồm', 'những gì', 'những nội dung', 'các bước', 'thủ tục', 'hồ sơ', 'quy trình', 'như thế nào', 'thế nào', 'nhiệm vụ', 'giải pháp']),
};
