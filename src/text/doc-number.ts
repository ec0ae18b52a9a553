import { foldDiacritics } from './fold';
import { normalizeText } from './normalize';

/** One số hiệu found in a text. Offsets are into normalizeText(text) (= the input when it is NFC). */
export interface DocNumberMatch {
  /** As written, e.g. "03-NQ-TU". */
  text: string;
  start: number;
  end: number;
  /** Display form, e.g. "03-NQ/TU" (see normalizeDocNumber). */
  normalized: string;
  /** Comparison key, e.g. "3-nq-tu" (see docNumberKey). */
  key: string;
}

/*
 * The three shapes of a số hiệu (no spaces inside; any letter case, so queries typed in lower case
 * and without diacritics are found too):
 *   number/year/TYPE-ISSUER   15/2024/NĐ-CP, 68/2020/QH14, 15/2004/PL-UBTVQH11   (laws, decrees)
 *   number/TYPE-ISSUER[-…]    123/QĐ-UBND, 1234/KH-UBND, 45/CT-TTg, 1234/UBND-VX (state bodies)
 *   number-TYPE/ISSUER        03-NQ/TU, 52-NQ/TW; also typed 03-NQ-TU            (Party bodies)
 * A code part starts with a letter, so dates (26/10/2021), fractions (1/7), ranges (2021-2025) and
 * percentages never match; "4G/5G" and "COVID-19" do not start with a bare number. The match must
 * end the token, which rejects URL slugs such as "nghi-quyet-03-cua-ban-thuong-vu-…".
 */
const NUM = '[0-9]{1,5}';
const YEAR = '(?:19|20)[0-9]{2}';
const CODE = '\\p{L}[\\p{L}0-9]{0,9}';
const DASH = '[-–]';
const SHAPES = [
  `${NUM}/${YEAR}/${CODE}(?:${DASH}${CODE}){0,3}`,
  `${NUM}/${CODE}(?:${DASH}${CODE}){1,3}`,
  `${NUM}${DASH}${CODE}[-–/]${CODE}(?:${DASH}${CODE}){0,2}`,
];
const DOC_NUMBER_RE = new RegExp(
  `(?<![\\p{L}\\p{N}/.\\-–])(?:${SHAPES.join('|')})(?![\\p{L}\\p{N}]|[-–/.][\\p{L}\\p{N}])`,
  'gu',
);

// Official abbreviations that are not all capitals.
const MIXED_CASE = new Map([['TTG', 'TTg']]);

function displayCode(code: string): string {
  const upper = code.toUpperCase();
  return MIXED_CASE.get(upper) ?? upper;
}

function firstMatch(raw: string): string | undefined {
  DOC_NUMBER_RE.lastIndex = 0;
  const m = DOC_NUMBER_RE.exec(raw);
  DOC_NUMBER_RE.lastIndex = 0;
  return m?.[0];
}

/**
 * The display form of a số hiệu: "03-nq-tu" → "03-NQ/TU", "15/2024/nđ-cp" → "15/2024/NĐ-CP",
 * "45/ct-ttg" → "45/CT-TTg". Accepts a phrase around it ("Nghị quyết số 03-NQ/TU"). The
 * state/Party shape is kept as written; text that is no số hiệu comes back trimmed, upper-cased.
 */
export function normalizeDocNumber(raw: string): string {
  const text = normalizeText(raw).trim();
  const found = firstMatch(text);
  if (found === undefined) return text.replace(/\s+/g, ' ').toUpperCase();
  const [num = '', ...codes] = found.split(/[-–/]/);
  const second = codes[0] ?? '';
  if (/^[0-9]+$/.test(second)) return `${num}/${second}/${codes.slice(1).map(displayCode).join('-')}`;
  const shown = codes.map(displayCode);
  if (found.charAt(num.length) === '/') return `${num}/${shown.join('-')}`;
  return `${num}-${shown[0] ?? ''}/${shown.slice(1).join('-')}`;
}

/**
 * A key equal for every way users write the same số hiệu: "03-NQ/TU", "03-nq/tu", "03-NQ-TU",
 * "03/NQ-TU" and "3-NQ/TU" → "3-nq-tu"; "15/2024/NĐ-CP" and "15/2024/ND-CP" → "15-2024-nd-cp".
 * Case, separators, leading zeros and diacritics are ignored; the order of the parts is not.
 */
export function docNumberKey(raw: string): string {
  const text = normalizeText(raw);
  const found = firstMatch(text) ?? text;
  return foldDiacritics(found)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => (/^[0-9]+$/.test(part) ? String(Number(part)) : part))
    .join('-');
}

/** Every số hiệu in a text, in order, with offsets and both normalised forms. */
export function matchDocNumbers(text: string): DocNumberMatch[] {
  const normalized = normalizeText(text);
  return [...normalized.matchAll(DOC_NUMBER_RE)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
    normalized: normalizeDocNumber(m[0]),
    key: docNumberKey(m[0]),
  }));
}

/** Each số hiệu named in a text ("Nghị quyết số 03-NQ/TU", "15/2024/NĐ-CP"), display form, once, in order. */
export function findDocNumbers(text: string): string[] {
  const byKey = new Map<string, string>();
  for (const m of matchDocNumbers(text)) if (!byKey.has(m.key)) byKey.set(m.key, m.normalized);
  return [...byKey.values()];
}
