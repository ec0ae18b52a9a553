import { foldDiacritics, phraseList, type WordSpan } from '../text';

/**
 * The Vietnamese words that carry the *kind* of question rather than its subject. They are data for
 * matching, not user-facing text, so they live here and not in prompts/. Every list is compared
 * through `findPhrases`, accented or accent-free as the question was typed.
 */

/**
 * Question words and particles that say nothing about the subject: dropped as single terms.
 * Compared accented for accented questions ("cố" in "cố định" stays), accent-free for questions
 * typed without diacritics (where "co" may be "có" or "cố": dropped, but the bigram "co_dinh" stays).
 */
const FUNCTION_WORD_LIST = [
  'gì', 'nào', 'ai', 'đâu', 'sao', 'bao', 'nhiêu', 'lâu', 'mấy', 'khi', 'không', 'chưa', 'hả', 'à', 'ư', 'nhỉ', 'vậy', 'thế',
  'thì', 'còn', 'hay', 'là', 'có', 'được', 'những', 'các', 'của', 'và', 'với', 'cho', 'về', 'trong', 'này', 'đó', 'ra',
  'nhé', 'một', 'ở', 'tại', 'đến', 'từ', 'phải', 'như', 'ạ',
];

/**
 * The function words that also break bigrams: a pair such as "trú_là" or "bao_lâu" says nothing,
 * while "có_thẩm" in "có thẩm quyền" or "cố_định" does. Same accent rule as above.
 */
const BIGRAM_BREAKER_LIST = ['gì', 'nào', 'ai', 'bao', 'nhiêu', 'lâu', 'mấy', 'khi', 'không', 'chưa', 'hả', 'à', 'ư', 'nhỉ', 'vậy', 'thì', 'hay', 'là', 'những', 'các', 'của', 'và', 'ạ', 'nhé'];

function accentSets(words: readonly string[]): { accented: Set<string>; folded: Set<string> } {
  return { accented: new Set(words), folded: new Set(words.map(foldDiacritics)) };
}

const FUNCTION_WORDS = accentSets(FUNCTION_WORD_LIST);
const BIGRAM_BREAKERS = accentSets(BIGRAM_BREAKER_LIST);

/** True for a question word or particle (see FUNCTION_WORD_LIST). */
export function isFunctionWord(word: WordSpan, accentFree: boolean): boolean {
  return accentFree ? FUNCTION_WORDS.folded.has(word.folded) : FUNCTION_WORDS.accented.has(word.lower);
}

/** True for a word that no question bigram may contain (see BIGRAM_BREAKER_LIST). */
export function breaksBigrams(word: WordSpan, accentFree: boolean): boolean {
  return accentFree ? BIGRAM_BREAKERS.folded.has(word.folded) : BIGRAM_BREAKERS.accented.has(word.lower);
}

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
