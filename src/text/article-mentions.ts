import { foldDiacritics } from './fold';
import { normalizeText } from './normalize';

/** Structural level of a legal unit: điểm < khoản < Điều. */
export type UnitLevel = 0 | 1 | 2;

/** One "Điều 5", "khoản 1, 2 và 3" or "điểm a, b" in a text, with its values in order. */
export interface UnitMention {
  level: UnitLevel;
  /** Article/clause numbers as strings ("5"), point letters lower-cased with diacritics ("đ"). */
  values: string[];
  start: number;
  end: number;
  /** "Điều này": the article the text stands in (no values). */
  self?: true;
}

const LEVELS: Record<string, UnitLevel> = { diem: 0, khoan: 1, dieu: 2 };
// Matched on the accent-free lower-case text; a list continues with ",", "và", "hoặc".
const NUM_LIST = '\\d+[a-z]?(?:\\s*(?:,|\\bva\\b|\\bhoac\\b)\\s*\\d+[a-z]?)*';
const LETTER_LIST = '[a-z](?![\\p{L}\\p{N}])(?:\\s*(?:,|\\bva\\b|\\bhoac\\b)\\s*[a-z](?![\\p{L}\\p{N}]))*';
const MENTION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(dieu|khoan)\\s+(${NUM_LIST})|(diem)\\s+(${LETTER_LIST})|(dieu)\\s+nay)(?![\\p{L}\\p{N}])`,
  'gu',
);
const VALUE_RE = { number: /\d+/g, letter: /(?<![a-z])[a-z](?![a-z])/g };

/**
 * Every Điều/khoản/điểm mention in a text (and "Điều này"), with or without diacritics, in any case. Also returns
 * the accent-free lower-case text the offsets refer to, so callers can inspect the gaps.
 */
export function findUnitMentions(text: string): { folded: string; mentions: UnitMention[] } {
  const normalized = normalizeText(text);
  // ASCII-only lower-casing keeps offsets aligned with `normalized` (fold keeps length for NFC).
  const folded = foldDiacritics(normalized).replace(/[A-Z]+/g, (s) => s.toLowerCase());
  const mentions: UnitMention[] = [];
  for (const m of folded.matchAll(MENTION_RE)) {
    if (m[5] !== undefined) {
      mentions.push({ level: 2, values: [], start: m.index, end: m.index + m[0].length, self: true });
      continue;
    }
    const keyword = m[1] ?? m[3] ?? '';
    const list = m[2] ?? m[4] ?? '';
    const listStart = m.index + m[0].length - list.length;
    const values = [...list.matchAll(keyword === 'diem' ? VALUE_RE.letter : VALUE_RE.number)].map((v) =>
      keyword === 'diem' ? normalized.charAt(listStart + v.index).toLowerCase() : String(Number(v[0])),
    );
    mentions.push({ level: LEVELS[keyword] ?? 2, values, start: m.index, end: m.index + m[0].length });
  }
  return { folded, mentions };
}
