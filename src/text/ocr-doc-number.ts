/**
 * OCR's usual misreadings in the "Số: 15/2024/QĐ-UBND" field of a document header, and how to read
 * them back. Tesseract, on a stamped or faint header, reads "Số" as "S6"/"Sô"/"So", digits as
 * look-alike letters (1 → l, I, |; 0 → O, o; 5 → S), "Đ" as the Icelandic "Ð" or a plain "D", and
 * puts spaces around the slashes and dashes.
 */

/** The "Số:" label as printed and as OCR misreads it, at the start of a header line (after an optional short prefix). */
export const OCR_NUMBER_LABEL = /^(?:[\p{L} ]{0,30}\s)?s[ốôoóòỏõọồổỗộ6ơớ0][\s.:;,]*(?=[0-9lI|O])/iu;

const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { l: '1', I: '1', '|': '1', i: '1', O: '0', o: '0', S: '5', s: '5' };
/** Type codes that OCR reads without the stroke of their Đ. */
const STROKED_CODES: Readonly<Record<string, string>> = { QD: 'QĐ', ND: 'NĐ' };

const asDigits = (part: string): string => [...part].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('');
const digitLike = (part: string): boolean => /^[0-9lI|iOoSs]+$/.test(part) && /[0-9]/.test(part);

/**
 * The số hiệu field after the label, repaired: separators closed up, look-alike letters in the
 * number and year turned back into digits, "Ð"/"D" in known type codes back into "Đ". Only the
 * first token (up to a space that is not around a separator) is kept. Text that is no số hiệu
 * comes back closed up but otherwise unchanged.
 */
export function repairOcrDocNumber(field: string): string {
  const closed = field
    .normalize('NFC')
    .replace(/\u00d0/g, 'Đ')
    .replace(/\u00f0/g, 'đ')
    .replace(/[—_]/g, '-')
    .replace(/\s*([/\-–])\s*/g, '$1')
    .trim();
  const token = closed.split(/\s/)[0] ?? '';
  const parts = token.split(/([/\-–])/);
  // "15l2024/QĐ-UBND": the first slash read as a letter between the number and the year.
  const glued = /^([0-9lIO]{1,5})[lI|]((?:19|20)[0-9O]{2})$/.exec(parts[0] ?? '');
  if (glued?.[1] !== undefined && glued[2] !== undefined && parts[1] === '/') parts.splice(0, 1, glued[1], '/', glued[2]);
  const fields = parts.filter((_, i) => i % 2 === 0);
  const repaired = fields.map((part, i) => {
    if (i <= 1 && digitLike(part)) return asDigits(part);
    return part;
  });
  let out = '';
  repaired.forEach((part, i) => {
    out += (i === 0 ? '' : parts[2 * i - 1]) + part;
  });
  return out.replace(/(^|[/\-–])(QD|ND)(?=$|[/\-–])/giu, (_, separator: string, code: string) => separator + (STROKED_CODES[code.toUpperCase()] ?? code));
}
