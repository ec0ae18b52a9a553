/** Số hiệu of Vietnamese documents, normalised for comparison: "03-nq-tu", "03-NQ/TU" → "03-NQ/TU". */
export function normalizeDocNumber(raw: string): string {
  return raw.normalize('NFC').trim().toUpperCase();
}

/** Every số hiệu named in a text ("Nghị quyết số 03-NQ/TU", "15/2024/NĐ-CP"), normalised, in order. */
export function findDocNumbers(text: string): string[] {
  const re = /\b\d{1,4}(?:\/\d{4})?\/[\p{Lu}Đ]{1,8}(?:-[\p{Lu}Đ]{1,8})*\b|\b\d{1,4}-[\p{Lu}Đ]{1,6}\/[\p{Lu}Đ]{1,6}\b/gu;
  return [...new Set([...text.normalize('NFC').matchAll(re)].map((m) => normalizeDocNumber(m[0])))];
}
