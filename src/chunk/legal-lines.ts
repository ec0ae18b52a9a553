import { foldDiacritics } from '../text/index';

/** What one line of a legal text is, judged on the line alone. */
export type LegalLine =
  | { kind: 'article'; number: string; heading: string }
  | { kind: 'division'; level: number; marker: string; title: string }
  | { kind: 'clause'; number: number }
  | { kind: 'point'; letter: string; order: number }
  | { kind: 'closing' }
  | { kind: 'text' };

/** Letters of điểm in Vietnamese order (no f, j, w, z; đ after d). */
export const POINT_LETTERS = 'abcdđeghiklmnopqrstuvxy';

// Matched on the accent-folded line, so "ĐIỀU 5.", "Điều 5:" and an unaccented "Dieu 5." all count.
// "Điều 169 của Luật này." (a wrapped sentence) does not: a heading has "." or ":" after the number.
const ARTICLE = /^dieu\s+(\d+[a-z]?)\s*[.:](?=\s|$)/di;
const DIVISIONS: ReadonlyArray<{ level: number; re: RegExp }> = [
  { level: 0, re: /^phan\s+(?:thu\s+[a-z]+|[ivxlc]+|\d+)\b/i },
  { level: 1, re: /^chuong\s+(?:[ivxlc]+|\d+)\b/i },
  { level: 2, re: /^muc\s+(?:[ivxlc]+|\d+)\b/i },
  { level: 3, re: /^tieu\s+muc\s+(?:[ivxlc]+|\d+)\b/i },
];
const CLAUSE = /^(\d+)\.\s/;
const POINT = /^([a-zđ])\)\s/;
// Closing matter after the last article: the list of recipients, or the line saying who passed the law.
const CLOSING = [/^noi nhan\s*:/i, /^(?:bo luat|luat|nghi quyet|phap lenh|nghi dinh|thong tu) nay (?:da )?duoc .*thong qua/i];

/** Strips Markdown heading marks and bold around a line: "## **Điều 5.** Tên" → "Điều 5. Tên". */
export function stripMarks(line: string): string {
  return line.replace(/^#{1,6}\s+/, '').replace(/\*\*/g, '').trim();
}

/** True for a line with letters and no lower-case letter ("NHỮNG QUY ĐỊNH CHUNG"). */
export function isUpperCaseLine(line: string): boolean {
  return /\p{L}/u.test(line) && line === line.toUpperCase();
}

/** Classifies one (trimmed) line of a legal text. */
export function classifyLegalLine(line: string): LegalLine {
  const text = stripMarks(line);
  const folded = foldDiacritics(text);
  // Folding keeps the length of NFC text, so offsets found in `folded` point into `text`.
  const same = folded.length === text.length;
  const article = ARTICLE.exec(folded);
  if (article) {
    const [from, to] = article.indices?.[1] ?? [0, 0];
    return { kind: 'article', number: same ? text.slice(from, to) : (article[1] ?? ''), heading: text };
  }
  for (const { level, re } of DIVISIONS) {
    const m = re.exec(folded);
    if (!m || !same) continue;
    const marker = text.slice(0, m[0].length);
    const rest = text.slice(m[0].length).trim();
    // "Phần vốn góp…", "Mục tiêu…" are sentences, not divisions: a title must follow a separator or be in capitals.
    if (rest && !/^[.:\-–—]/.test(rest) && !isUpperCaseLine(rest)) continue;
    return { kind: 'division', level, marker, title: rest.replace(/^[.:\-–—]\s*/, '') };
  }
  const clause = CLAUSE.exec(text);
  if (clause) return { kind: 'clause', number: Number(clause[1]) };
  const point = POINT.exec(text);
  if (point?.[1]) return { kind: 'point', letter: point[1], order: POINT_LETTERS.indexOf(point[1]) };
  if (CLOSING.some((re) => re.test(folded))) return { kind: 'closing' };
  return { kind: 'text' };
}
