import { findDocNumbers, normalizeDocNumber, normalizeText, OCR_NUMBER_LABEL, repairOcrDocNumber } from '../text/index';
import { docTypeAtStart, docTypeFromNumber, issuerFromNumber } from './doc-types';
import { issuerName } from './issuer-name';
import type { DocumentMeta } from './types';
import { findVietnameseDate } from './vietnamese-date';

/** Non-empty lines at the top of a document searched for the header (quốc hiệu, số hiệu, ngày). */
const HEADER_LINES = 14;

/** The national and Party mottos and the decorations printed beside the issuer; never part of it. */
const MOTTOS = [/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/giu, /ĐẢNG CỘNG SẢN VIỆT NAM/giu, /Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc/giu];
const DECORATION = /^[\s*_\-–—=.|]*$/u;
const NUMBER_LINE = /^(?:[\p{L} ]{0,30}\s)?số\s*:?\s*(?=\d)/iu;
/** The place-and-date line of a header: "Hải Phòng, ngày 26 tháng 10 năm 2021", "Ngày 5/1/2024". */
const DATE_LINE = /(?:^|,\s*)ngày\s+\d/iu;
const DATE_LINE_MAX_CHARS = 90;

const UPPERCASE_LINE = (line: string): boolean => /\p{Lu}.*\p{Lu}/u.test(line) && line === line.toUpperCase();

function stripMottos(line: string): string {
  let out = line;
  for (const motto of MOTTOS) out = out.replace(motto, ' ');
  return out.replace(/[-–—_*=|]{2,}|\s\*\s|^\*|\*$/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The document's own số hiệu: from a "Số: …" header line, or a first line naming its type and number. */
function findOwnNumber(header: readonly string[], title: string): string | undefined {
  for (const line of header) {
    const match = NUMBER_LINE.exec(line);
    if (match === null) continue;
    const rest = line.slice(match[0].length);
    // The "Số:" field holds exactly the number: take its first token when the shared finder does not
    // recognise the pattern.
    const number = findDocNumbers(rest)[0] ?? /^\d[\p{L}\p{N}]*(?:[-/.][\p{L}\p{N}]+)+/u.exec(rest)?.[0];
    if (number !== undefined) return number;
  }
  // A scanned header read by OCR: "S6: l5/2O24/QÐ-UBND" is "Số: 15/2024/QĐ-UBND".
  for (const line of header) {
    const match = OCR_NUMBER_LABEL.exec(line);
    if (match === null) continue;
    const number = findDocNumbers(repairOcrDocNumber(line.slice(match[0].length)))[0];
    if (number !== undefined) return number;
  }
  if (docTypeAtStart(title) !== undefined) {
    const match = /\bsố\s*:?\s*/iu.exec(title);
    if (match !== null) return findDocNumbers(title.slice(match.index + match[0].length))[0];
  }
  return undefined;
}

function findIssuer(header: readonly string[]): string | undefined {
  const lines: string[] = [];
  for (const raw of header) {
    if (NUMBER_LINE.test(raw) || OCR_NUMBER_LABEL.test(raw) || DATE_LINE.test(raw) || docTypeAtStart(raw) !== undefined) break;
    const line = stripMottos(raw);
    if (DECORATION.test(line) || !UPPERCASE_LINE(line)) continue;
    lines.push(line);
  }
  return issuerName(lines);
}

function findDocType(header: readonly string[], title: string, docNumber: string | undefined): string | undefined {
  for (const raw of header) {
    const line = stripMottos(raw);
    if (UPPERCASE_LINE(line) && docTypeAtStart(line) !== undefined) return docTypeAtStart(line);
  }
  const fromTitle = docTypeAtStart(title);
  if (fromTitle !== undefined) return fromTitle;
  if (header.some((line) => /^V\/v\b/u.test(line))) return 'Công văn';
  return docNumber === undefined ? undefined : docTypeFromNumber(docNumber);
}

function findIssuedDate(header: readonly string[], title: string, text: string): string | undefined {
  for (const line of header) {
    // A date inside a sentence of the body ("Ngày 21/4, Thành ủy tổ chức…") is not the issue date.
    if (line.length > DATE_LINE_MAX_CHARS || !DATE_LINE.test(line)) continue;
    const date = findVietnameseDate(line);
    if (date !== undefined) return date;
  }
  if (docTypeAtStart(title) !== undefined) {
    const date = findVietnameseDate(title);
    if (date !== undefined) return date;
  }
  // A law carries its date at the end: "… thông qua ngày 13 tháng 11 năm 2020."
  const passed = [...text.matchAll(/thông qua\s+(ngày[^.\n]{0,40})/giu)].pop();
  return passed?.[1] === undefined ? undefined : findVietnameseDate(passed[1]);
}

/**
 * Reads the metadata of a Vietnamese administrative or legal document from its text: số hiệu,
 * ngày ban hành, cơ quan ban hành and loại văn bản, as printed in the header (the issuer block,
 * "Số: 03-NQ/TU", "Hải Phòng, ngày 26 tháng 10 năm 2021", the type in capitals). Only the header
 * and a title that names the document itself are read: a news article that merely mentions
 * "Nghị quyết số 03-NQ/TU" in its body does not become that resolution.
 */
export function extractMetadata({ text, title = '' }: { text: string; title?: string }): DocumentMeta {
  const header = normalizeText(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, HEADER_LINES);
  const cleanTitle = normalizeText(title).trim();
  const docNumber = findOwnNumber(header, cleanTitle);
  const meta: DocumentMeta = {};
  if (docNumber !== undefined) meta.docNumber = normalizeDocNumber(docNumber);
  const issuedDate = findIssuedDate(header, cleanTitle, text);
  if (issuedDate !== undefined) meta.issuedDate = issuedDate;
  const issuer = findIssuer(header) ?? (docNumber === undefined ? undefined : issuerFromNumber(docNumber));
  if (issuer !== undefined) meta.issuer = issuer;
  const docType = findDocType(header, cleanTitle, docNumber);
  if (docType !== undefined) meta.docType = docType;
  return meta;
}
