import { foldDiacritics } from './fold';

/*
 * Whether a terminator ends a sentence. Called for ".", "!", "?", "…" runs (with any closing quotes
 * or brackets) that are followed by whitespace; line breaks are handled by the caller.
 */

// Titles and place words written with a full stop before a capitalised name: "TP. Hải Phòng",
// "PGS.TS. Nguyễn Văn A", "Nxb. Chính trị". Compared lower-case, accent-free. Single capitals
// ("Q. Ngô Quyền", "P. Máy Chai", initials) are handled apart. Left out on purpose: "TT" (also
// "Thông tư" and "TT&TT", which end sentences) and words that end sentences too ("ông", "bà", "nó").
const ABBREVIATIONS = new Set([
  'tp', 'tx', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks', 'kts', 'ls', 'nxb', 'tr', 'vd', 'mr', 'mrs', 'dr',
]);
// What may precede a heading or list number on its line (accent-free, lower-case): markdown marks,
// a structure word and earlier markers, as in "Điều 2. 1. Nhà nước…" of the Constitution.
const KEYWORD = '(?:dieu|chuong|muc|tieu muc|phan|khoan|diem)\\s+';
const LINE_START_RE = new RegExp(`^\\s*(?:[#>*+-]+\\s*)?(?:(?:${KEYWORD})?(?:\\d+(?:\\.\\d+)*|[ivxlcdm]+|[a-z])[.)]\\s+)*(?:${KEYWORD})?$`);
// A heading or list number: "5", "1.2", "II", "a", "đ".
const MARKER_RE = /^(?:\d+(?:\.\d+)*|[IVXLCDM]+|[a-zA-ZđĐ])$/;
const OPENERS_RE = /^[("'“‘«[]+/;
const LOWER_START_RE = /^\p{Ll}/u;
const UPPER_LETTER_RE = /^\p{Lu}$/u;

export interface BoundaryContext {
  /** The line up to (not including) the terminator. */
  before: string;
  /** The terminator run, e.g. ".", "?!", "...", ".”". */
  terminator: string;
  /** The rest of the line after the terminator and the whitespace that follows it. */
  after: string;
}

/** True when the terminator ends a sentence in its context. */
export function isSentenceEnd({ before, terminator, after }: BoundaryContext): boolean {
  if (after === '') return true;
  // A lower-case continuation means the stop was an abbreviation or an ellipsis inside a sentence.
  if (LOWER_START_RE.test(after)) return false;
  if (!terminator.startsWith('.') || terminator.startsWith('..')) return true;
  const wordStart = lastWordStart(before);
  const word = before.slice(wordStart).replace(OPENERS_RE, '');
  const lastPart = word.slice(word.lastIndexOf('.') + 1);
  if (ABBREVIATIONS.has(foldDiacritics(lastPart).toLowerCase())) return false;
  if (UPPER_LETTER_RE.test(lastPart)) return false; // an initial or a place: "Nguyễn V. Anh", "Q. Lê Chân"
  // The line before the word is read only for a marker: folding it for every stop of a long line costs O(line) each.
  return !(MARKER_RE.test(word) && LINE_START_RE.test(foldDiacritics(before.slice(0, wordStart)).toLowerCase()));
}

const SPACE_RE = /\s/;

/**
 * Where the last run of non-space characters of `text` starts (`text.search(/\S*$/)`), found from
 * the end: the regex tries every start position of a long line for each stop in it. `\s` holds BMP
 * characters only, so testing code unit by code unit gives the same index.
 */
export function lastWordStart(text: string): number {
  let i = text.length;
  while (i > 0 && !SPACE_RE.test(text.charAt(i - 1))) i--;
  return i;
}
