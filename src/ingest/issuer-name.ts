/**
 * Turns the upper-case issuer block of a document header into the name as written in running text:
 * ["THÀNH ỦY HẢI PHÒNG", "BAN THƯỜNG VỤ"] → "Ban Thường vụ Thành ủy Hải Phòng",
 * ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"] → "Ủy ban nhân dân thành phố Hải Phòng".
 */

/** Fixed phrases of Vietnamese institution names, in their conventional case. Longest first. */
const PHRASES: readonly string[] = [
  'Ủy ban Thường vụ Quốc hội', 'Ban Chấp hành Trung ương', 'Thủ tướng Chính phủ', 'Ủy ban nhân dân', 'Hội đồng nhân dân',
  'Ban Thường vụ', 'Ban Chấp hành', 'Ban Chỉ đạo', 'Bộ Chính trị', 'Ban Bí thư', 'Văn phòng', 'Thành ủy', 'Tỉnh ủy', 'Quận ủy',
  'Huyện ủy', 'Đảng ủy', 'Quốc hội', 'Chính phủ', 'Trung ương', 'thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'quận', 'huyện', 'xã', 'phường',
].slice().sort((a, b) => b.split(' ').length - a.split(' ').length);

/** Words after which a place name follows (Capitalised Each Word). */
const PLACE_WORDS = new Set(['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'quận', 'huyện', 'xã', 'phường']);
/** Words after which an agency name follows ("Bộ Thông tin và Truyền thông"). */
const AGENCY_WORDS = new Set(['bộ', 'sở', 'cục', 'vụ', 'ban', 'tổng cục', 'viện', 'trường']);
/** Abbreviations kept as they are. */
const ABBREVIATIONS = new Set(['UBND', 'HĐND', 'MTTQ', 'TP', 'TW']);

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

function caseWords(words: string[]): string {
  const out: string[] = [];
  let mode: 'proper' | 'agency-first' | 'agency' = 'proper';
  for (let i = 0; i < words.length; ) {
    const word = words[i] ?? '';
    if (ABBREVIATIONS.has(word)) {
      out.push(word);
      i++;
      continue;
    }
    const phrase = PHRASES.find((p) => words.slice(i, i + p.split(' ').length).join(' ').toLowerCase() === p.toLowerCase());
    if (phrase !== undefined) {
      out.push(phrase);
      i += phrase.split(' ').length;
      mode = 'proper';
      continue;
    }
    const lower = word.toLowerCase();
    if (out.length === 0 || mode === 'proper') {
      if (AGENCY_WORDS.has(lower)) {
        out.push(capitalise(word));
        mode = 'agency-first';
      } else {
        out.push(capitalise(word));
      }
    } else if (mode === 'agency-first') {
      out.push(capitalise(word));
      mode = 'agency';
    } else {
      const previous = out[out.length - 1] ?? '';
      const afterJoiner = previous === 'và' || /[,-]$/.test(previous) || previous === '-';
      out.push(afterJoiner ? capitalise(word) : lower);
    }
    i++;
  }
  const joined = out.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Whether an issuer line continues the one above ("THÀNH PHỐ HẢI PHÒNG" under "ỦY BAN NHÂN DÂN"). */
function isPlaceContinuation(line: string): boolean {
  const lower = line.toLowerCase();
  return [...PLACE_WORDS].some((place) => lower.startsWith(`${place} `));
}

/** Builds the issuer's name from the header lines above the số hiệu (upper-case, top to bottom). */
export function issuerName(lines: readonly string[]): string | undefined {
  const cleaned = lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
  if (cleaned.length === 0) return undefined;
  // The last line is either the continuation of the one above (a place) or the organ of the body
  // above it that actually issued the document (BAN THƯỜNG VỤ under THÀNH ỦY HẢI PHÒNG).
  const last = cleaned[cleaned.length - 1] ?? '';
  const ordered = cleaned.length > 1 && !isPlaceContinuation(last) ? [last, ...cleaned.slice(0, -1)] : cleaned;
  return caseWords(ordered.join(' ').split(' ')).replace(/\s+/g, ' ').trim();
}
