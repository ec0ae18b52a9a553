import { phraseList } from '../text';

/**
 * Words that make a question a follow-up, or that name what is asked rather than what it is about.
 * Matching data (not user-facing text); compared accented, or accent-free for questions typed
 * without diacritics.
 */

/** Openers of a follow-up: "còn thời hạn…", "thế còn Điều 21", "vậy còn Hà Nội". */
export const LEADING_MARKERS = phraseList(['thế còn', 'vậy còn', 'còn về', 'thế thì', 'vậy thì', 'thế với', 'vậy với', 'còn', 'thế', 'vậy', 'và', 'nếu là', 'với']);

/** Closers of a follow-up: "…thì sao?". "như thế nào" alone is a real question, not a closer. */
export const TRAILING_MARKERS = phraseList(['thì sao', 'thì sao nhỉ', 'thì thế nào', 'thì như thế nào', 'thì ra sao', 'nữa', 'nữa không']);

/** Phrases that ask (the question word and its verb), removed when finding a question's subject. */
export const QUESTION_PHRASES = phraseList([
  'là bao lâu', 'mất bao lâu', 'trong bao lâu', 'bao lâu', 'đạt bao nhiêu', 'là bao nhiêu', 'bao nhiêu', 'là gì', 'gồm những gì',
  'gồm những', 'những gì', 'gồm gì', 'cần gì', 'như thế nào', 'thế nào', 'ra sao', 'khi nào', 'bao giờ', 'ở đâu', 'là ai', 'ai',
  'nào', 'gì', 'không', 'chưa', 'có phải', 'được không', 'mấy',
]);

/**
 * What a question can ask about a subject: "thời hạn", "hồ sơ", "ai chịu trách nhiệm". A short
 * question made only of these ("ai chịu trách nhiệm?", "hồ sơ gồm những gì?") is a follow-up.
 */
export const ASPECT_PHRASES = phraseList([
  'thời hạn', 'thời gian', 'hồ sơ', 'thủ tục', 'lệ phí', 'phí', 'chi phí', 'kinh phí', 'điều kiện', 'trách nhiệm',
  'chịu trách nhiệm', 'thẩm quyền', 'có thẩm quyền', 'cơ quan', 'đơn vị', 'mục tiêu', 'nhiệm vụ', 'giải pháp',
  'đối tượng', 'phạm vi', 'quy trình', 'trình tự', 'hình thức', 'mức phạt', 'xử phạt', 'hiệu lực', 'kết quả',
  'số lượng', 'tỷ lệ', 'nội dung', 'quyền', 'nghĩa vụ', 'giấy tờ', 'nộp', 'cần', 'gồm', 'mất', 'quy định',
  'chủ trì', 'thực hiện', 'tiến độ', 'ngày', 'ban hành', 'ký',
]);

/** Small words trimmed from the edges of a subject ("… của Hải Phòng đạt" → "… của Hải Phòng"). */
export const EDGE_PARTICLES = phraseList(['là', 'của', 'về', 'thì', 'có', 'được', 'đạt', 'cho', 'với', 'và', 'ạ', 'vậy', 'nhỉ', 'hả', 'à', 'phải', 'do', 'bởi', 'theo', 'những', 'các']);

/** "văn bản đó", "điều này", "quy định trên", "nó": the thing the last question was about. */
export const ANAPHORA = phraseList(
  ['văn bản', 'nghị quyết', 'quyết định', 'kế hoạch', 'chương trình', 'luật', 'điều', 'khoản', 'quy định', 'nội dung', 'thủ tục', 'việc', 'trường hợp', 'chính sách']
    .flatMap((noun) => ['đó', 'này', 'trên', 'ấy'].map((det) => `${noun} ${det}`))
    .concat(['nó']),
);
