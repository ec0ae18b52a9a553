import { isoDateSchema } from './meta-schema';

const NUMERIC = /ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu;
const SPELLED = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;

/** Finds the first "ngày 26/10/2021" or "ngày 26 tháng 10 năm 2021" in a text, as ISO `2021-10-26`. */
export function findVietnameseDate(text: string): string | undefined {
  const candidates = [SPELLED.exec(text), NUMERIC.exec(text)].filter((m): m is RegExpExecArray => m !== null);
  candidates.sort((a, b) => a.index - b.index);
  for (const match of candidates) {
    const [, day, month, year] = match;
    if (day === undefined || month === undefined || year === undefined) continue;
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isoDateSchema.safeParse(iso).success) return iso;
  }
  return undefined;
}
