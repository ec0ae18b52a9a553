import { docTypeAtStart } from './doc-types';
import type { DocumentMeta } from './types';

/** Lines after the type line searched for the document's name or subject. */
const SUBJECT_LINES = 4;
const MAX_NAME_CHARS = 80;
const PREAMBLE = /^(?:Căn cứ|Theo đề nghị|Xét|Kính gửi)\b|;$/u;

const isUpper = (line: string): boolean => line === line.toUpperCase() && /\p{Lu}/u.test(line);
const sentenceCase = (line: string): string => line.charAt(0).toUpperCase() + line.slice(1).toLowerCase();
const lowerFirst = (line: string): string => line.charAt(0).toLowerCase() + line.slice(1);

/**
 * The title of an administrative document, from the capitalised type line of its header and the
 * line(s) under it: "LUẬT / CƯ TRÚ" with số hiệu 68/2020/QH14 → "Luật Cư trú số 68/2020/QH14";
 * "NGHỊ QUYẾT / CỦA BAN THƯỜNG VỤ THÀNH ỦY / về chuyển đổi số…" → "Nghị quyết số 03-NQ/TU về
 * chuyển đổi số…". Undefined when the text has no such header.
 */
export function headerTitle({ text, meta }: { text: string; meta: DocumentMeta }): string | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const typeIndex = lines.findIndex((line, i) => i < 16 && isUpper(line) && docTypeAtStart(line) !== undefined && line.length <= 40);
  const typeLine = lines[typeIndex];
  if (typeIndex < 0 || typeLine === undefined) return undefined;
  const type = docTypeAtStart(typeLine) ?? '';
  let name = typeLine.slice(type.length).trim();
  let subject = '';
  for (const line of lines.slice(typeIndex + 1, typeIndex + 1 + SUBJECT_LINES)) {
    if (isUpper(line)) {
      // "CỦA BAN THƯỜNG VỤ THÀNH ỦY" names the issuer, which the metadata already holds.
      if (/^CỦA\s/u.test(line) || name !== '' || line.length > MAX_NAME_CHARS) continue;
      name = line;
      continue;
    }
    // A law's name is its subject; the preamble ("Căn cứ …;") never is.
    if (name === '' && !PREAMBLE.test(line)) subject = line;
    break;
  }
  const parts = [type];
  if (name !== '') parts.push(sentenceCase(name));
  if (meta.docNumber !== undefined) parts.push(`số ${meta.docNumber}`);
  if (subject !== '') parts.push(lowerFirst(subject));
  return parts.join(' ');
}
