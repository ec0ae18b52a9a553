import { findPhrases, isAccentFree, normalizeText, phraseList, wordSpans, type WordSpan } from '../text';
import { isFunctionWord } from './question-vocabulary';

/** A question is cut into at most this many parts; the rest stays in the last part. */
export const MAX_QUESTION_PARTS = 4;


/**
 * The words that make a stretch of a question a question of its own ("bao nhiêu điểm cầu",
 * "ai ký", "ngày nào", "nộp ở đâu", "có gia hạn được không"). Data for matching, not user-facing text.
 */
const ASKING = phraseList([
  'bao nhiêu', 'bn', 'mấy', 'ai', 'ngày nào', 'năm nào', 'tháng nào', 'khi nào', 'lúc nào', 'bao giờ', 'bao lâu', 'ở đâu', 'tại đâu',
  'nơi nào', 'đâu', 'cơ quan nào', 'đơn vị nào', 'cấp nào', 'những gì', 'là gì', 'gì', 'nào', 'thế nào', 'ra sao', 'thì sao', 'không', 'chưa',
]);
/** Words that join two questions: "… bao nhiêu điểm cầu và bao nhiêu đại biểu". */
const JOINING = phraseList(['và', 'còn', 'hay']);

/** One part of a multi-part question. */
export interface QuestionPart {
  /** The part as typed, trimmed, without its joining word: "bao nhiêu đại biểu". */
  text: string;
  /**
   * What the part asks, as a question of its own for the answer stage: the part, with the subject
   * of the first part when the part leaves it out ("bao nhiêu đại biểu" + "Hội nghị … có").
   */
  question: string;
  /** What the part is about: its own words (lower-case, accent-free) without question and function words. */
  terms: string[];
}

/**
 * The parts of a multi-part question: "Hội nghị … có bao nhiêu điểm cầu, bao nhiêu đại biểu?" →
 * "… bao nhiêu điểm cầu", "bao nhiêu đại biểu"; "ai ký và ngày nào?"; "… bao lâu, có gia hạn
 * được không?". A question is cut at a comma, a semicolon or a joining word ("và", "còn") only when
 * the stretches on both sides ask something of their own; "Tốc độ của Hải Phòng và cả nước là bao
 * nhiêu?" is one question. Every part after the first carries the first part's words without its
 * question words, as its subject (a later part mostly leaves it out: "bao nhiêu đại biểu"). One
 * part (the question itself) when it is not cut.
 */
export function questionParts(question: string): QuestionPart[] {
  const text = normalizeText(question).trim();
  const words = wordSpans(text);
  const folded = isAccentFree(text);
  const asking = new Set<number>();
  for (const m of findPhrases({ words, list: ASKING, folded })) for (let i = m.from; i < m.to; i++) asking.add(i);
  const joining = new Set(findPhrases({ words, list: JOINING, folded }).filter((m) => m.to === m.from + 1).map((m) => m.from));

  // Candidate cuts: before word i, after a "," / ";" or at a joining word.
  const cuts: Array<{ at: number; skip: number }> = [];
  for (let i = 1; i < words.length; i++) {
    const gap = text.slice(words[i - 1]?.end ?? 0, words[i]?.start ?? 0);
    if (/[,;]/.test(gap)) cuts.push({ at: i, skip: joining.has(i) ? 1 : 0 });
    else if (joining.has(i)) cuts.push({ at: i, skip: 1 });
  }
  const asks = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (asking.has(i)) return true;
    return false;
  };
  const bounds: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (const [k, cut] of cuts.entries()) {
    if (bounds.length + 1 >= MAX_QUESTION_PARTS) break;
    const nextCut = cuts[k + 1]?.at ?? words.length;
    if (!asks(from, cut.at) || !asks(cut.at + cut.skip, nextCut)) continue;
    bounds.push({ from, to: cut.at });
    from = cut.at + cut.skip;
  }
  const termsOf = (b: { from: number; to: number }): string[] => [
    ...new Set(words.slice(b.from, b.to).filter((w, j) => !asking.has(b.from + j) && !isFunctionWord(w, folded)).map((w) => w.folded)),
  ];
  if (bounds.length === 0) return [{ text, question: text, terms: termsOf({ from: 0, to: words.length }) }];
  bounds.push({ from, to: words.length });

  const slice = (b: { from: number; to: number }): string => {
    const first = words[b.from];
    const last = words[b.to - 1];
    return first === undefined || last === undefined ? '' : text.slice(first.start, last.end);
  };
  const firstBounds = bounds[0] ?? { from: 0, to: 0 };
  const subject = subjectWords(words.slice(firstBounds.from, firstBounds.to), asking, firstBounds.from);
  return bounds.map((b, i) => {
    const own = slice(b);
    const context = subject.map((w) => w.text).join(' ');
    return { text: own, question: i === 0 || context === '' ? `${own}?` : `${context} ${own}?`, terms: termsOf(b) };
  });
}

/** The words of the first part that are not its question words: the subject later parts share. */
function subjectWords(words: readonly WordSpan[], asking: ReadonlySet<number>, offset: number): WordSpan[] {
  return words.filter((_, i) => !asking.has(offset + i));
}
