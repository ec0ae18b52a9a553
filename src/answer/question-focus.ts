import { wordSpans, type WordSpan } from '../text';
import { questionParts } from './question-parts';
import { isFunctionWord } from './question-vocabulary';

/**
 * What a "bao nhiêu" / "mấy" question asks the answer to state: a figure followed by the noun
 * counted ("bao nhiêu camera" → "21 camera", "mấy ngày" → "03 ngày"), a share for "bao nhiêu phần
 * trăm" ("15%"), an amount for "bao nhiêu tiền" ("50.000 đồng", "05 lần mức lương cơ sở"), a number for "số mấy"
 * ("quyết định số mấy" → "số 505/QĐ-TTg"), a length of time for "bao lâu" ("03 tháng"), any figure for "… là bao nhiêu?". A passage that
 * mentions the subject but states no such figure found something nearby, not the answer ("Sổ sức
 * khỏe điện tử đã cấp cho bao nhiêu người?" answered by a sentence that only says the booklet is
 * being rolled out).
 *
 * "Which" questions ("cơ quan nào", "ngày nào") are not read: their answer is an instance ("Bộ Công
 * an", "27/4") that rarely repeats the noun, so a check would refuse good answers (tune half) —
 * except "công ty nào" / "tập đoàn nào" / "nhà thầu nào" (`company`): a company is named with its
 * kind ("Công ty Cổ phần …", "Tập đoàn FPT"), and a passage naming the software or the project
 * only ("triển khai phần mềm đất đai VBDLIS …") does not say who made it.
 */
export type QuestionFocus = { kind: 'count'; noun?: string; unit?: 'percent' | 'money' | 'number' | 'duration' } | { kind: 'company' };

/** "công ty", "tập đoàn", "nhà thầu" before "nào" ask for a company (accent-free pairs). */
const COMPANY_NOUNS = [['cong', 'ty'], ['tap', 'doan'], ['nha', 'thau']] as const;
/** What names a company in the evidence (accent-free): "Công ty …", "Tập đoàn …", "Tổng công ty …", "… cổ phần". */
const COMPANY_WORDS = [['cong', 'ty'], ['tap', 'doan'], ['co', 'phan']] as const;

/** Question words before the noun counted (accent-free: "bao nhieu", "bn" as typed in chats). */
const COUNT_WORDS = [['bao', 'nhieu'], ['bao', 'nhiu'], ['bn']] as const;
/** "mấy" only when typed with its accent: accent-free "may" is also "máy" (a machine). */
const COUNT_ACCENTED = 'mấy';
/** A figure: digits, or digits with separators ("2.224", "82,6", "16/67", "03-nq"). */
const FIGURE = /^\d[\d.,/%-]*$/u;
/** Words after a figure that make it an amount. */
const MONEY_UNITS = new Set(['dong', 'nghin', 'ngan', 'trieu', 'ty', 'usd']);
/** Words after a figure that make it a length of time ("03 tháng", "15 ngày làm việc"), accent-free. */
const TIME_UNITS = new Set(['giay', 'phut', 'gio', 'ngay', 'tuan', 'thang', 'quy', 'nam']);
/** How many words may stand between a figure and its noun ("2.224 trạm", "30.000 CCVC toàn thành phố" is not). */
const NOUN_GAP = 2;

/**
 * The focus of a question, or undefined when it asks for no figure — or asks several things
 * ("bao lâu, lệ phí bao nhiêu tiền?"): each part is then answered with its own focus
 * (multi-part-answer.ts), and one part's missing figure does not refuse the whole.
 */
export function questionFocus(question: string): QuestionFocus | undefined {
  if (questionParts(question).length > 1) return undefined;
  const words = wordSpans(question);
  const accentFree = !words.some((w) => w.lower !== w.folded);
  // "bao lâu" asks for a length of time: "Thời gian tập sự … bao lâu?" → "từ 03 tháng đến 12 tháng".
  if (words.some((w, i) => w.folded === 'bao' && words[i + 1]?.folded === 'lau')) return { kind: 'count', unit: 'duration' };
  if (words.some((w, i) => w.folded === 'nao' && COMPANY_NOUNS.some((n) => n.every((p, j) => words[i - n.length + j]?.folded === p)))) return { kind: 'company' };
  for (let i = 0; i < words.length; i++) {
    const length = countWordAt(words, i, accentFree);
    if (length === 0) continue;
    const next = words[i + length];
    const after = words[i + length + 1];
    // "số mấy" / "số bao nhiêu": a number is asked for, whatever noun came before ("quyết định số mấy").
    const before = words[i - 1];
    if (before !== undefined && before.folded === 'so') return { kind: 'count', unit: 'number' };
    if (next === undefined || isFunctionWord(next, accentFree)) return { kind: 'count' };
    if (next.folded === 'phan' && after?.folded === 'tram') return { kind: 'count', unit: 'percent' };
    if (next.folded === '%') return { kind: 'count', unit: 'percent' };
    if (next.folded === 'tien') return { kind: 'count', unit: 'money' };
    return { kind: 'count', noun: next.folded };
  }
  return undefined;
}

function countWordAt(words: readonly WordSpan[], i: number, accentFree: boolean): number {
  for (const phrase of COUNT_WORDS) if (phrase.every((p, j) => words[i + j]?.folded === p)) return phrase.length;
  const w = words[i];
  return w !== undefined && !accentFree && w.lower === COUNT_ACCENTED ? 1 : 0;
}

/**
 * Whether `text` (the quoted evidence) states what the focus asks for: a figure followed within
 * NOUN_GAP words by the noun counted, a share, an amount, "số" with a figure, or any figure; for a
 * company, a word that names one ("công ty", "tập đoàn", "cổ phần").
 */
export function statesFocus(focus: QuestionFocus, text: string): boolean {
  const words = wordSpans(text).map((w) => w.folded);
  if (focus.kind === 'company') return words.some((_, i) => COMPANY_WORDS.some((n) => n.every((p, j) => words[i + j] === p)));
  const figures = words.flatMap((w, i) => (FIGURE.test(w) ? [i] : []));
  if (figures.length === 0) return false;
  if (focus.unit === 'percent') return text.includes('%') || words.some((w, i) => w === 'phan' && words[i + 1] === 'tram');
  // An amount: a figure in đồng (or thousands, millions…), or a multiple of a statutory wage ("05 lần mức lương cơ sở").
  if (focus.unit === 'money') return figures.some((at) => words.slice(at + 1, at + 2 + NOUN_GAP).some((w) => MONEY_UNITS.has(w))) || words.includes('luong');
  if (focus.unit === 'number') return figures.some((at) => words[at - 1] === 'so');
  if (focus.unit === 'duration') return figures.some((at) => words.slice(at + 1, at + 2 + NOUN_GAP).some((w) => TIME_UNITS.has(w)));
  const noun = focus.noun;
  if (noun === undefined) return true;
  return figures.some((at) => words.slice(at + 1, at + 2 + NOUN_GAP).includes(noun));
}
