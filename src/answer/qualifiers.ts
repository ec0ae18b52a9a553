import { foldDiacritics, isAccentFree, wordSpans } from '../text';
import type { RetrievedPassage } from '../retrieve/types';

/**
 * What pins a question to one value of its subject and must be stated by the evidence too: years
 * ("2024"), quarters ("quý II", "quý 1"), other numbers ("6 tháng", "15 tuổi", "82,6%"),
 * technologies ("5G", "4G") and ordinals ("hàng thừa kế thứ tư", "phiên họp thứ 3"). "Tỷ lệ … năm 2024" answered with the 2022 figure, or "trạm BTS 5G" with the 4G count, is
 * wrong however well the rest matches. Places and names are the anchors' job (question-anchors.ts).
 */
export interface Qualifier {
  /** As written in the question. */
  text: string;
  kind: 'year' | 'number' | 'technology' | 'ordinal' | 'quarter';
  /** Lower-case accent-free token. */
  key: string;
}

const YEAR = /^(?:19|20)\d\d$/;
const TECHNOLOGY = /^\d+g$/;
const NUMBER = /^\d+(?:[.,]\d+)*$/;
/** A quarter as `passageTokens` keys it. */
const QUARTER_KEY = /^quý_[1-4]$/u;
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "quý_2" → "quý II", as documents write it. */
export function quarterName(key: string): string {
  return `quý ${ROMAN[Number(key.slice(-1)) - 1] ?? key.slice(-1)}`;
}

/** Accent-free words that make "thứ …" an ordinal ("hàng thừa kế thứ tư", "phiên họp thứ 3"). */
const ORDINAL_WORDS = new Set(['nhat', 'hai', 'ba', 'tu', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi']);

/**
 * "thứ tư" / "thứ 3" starting at word i, as the key "thứ_tư" / "thứ_3" — accented, since "thứ tự"
 * (order) folds to the same letters — or "thu_tu" with `folded` (a question typed without accents).
 */
function ordinalAt(words: ReadonlyArray<{ folded: string; lower: string }>, i: number, folded: boolean): string | undefined {
  const [w, next] = [words[i], words[i + 1]];
  if (w === undefined || next === undefined || w.folded !== 'thu' || !(ORDINAL_WORDS.has(next.folded) || /^\d{1,3}$/.test(next.folded))) return undefined;
  if (!folded && w.lower !== 'thứ') return undefined;
  return folded ? `thu_${next.folded}` : `${w.lower}_${next.lower}`;
}

/** The number of a quarter after "quý": roman or arabic, 1–4. */
const QUARTERS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * "quý II" / "quý 1" starting at word i, as the key "quý_2" (whatever the numeral), or undefined.
 * Accent-free "quy" counts too: "quy" before a numeral 1–4 is no "quy định".
 */
function quarterAt(words: ReadonlyArray<{ folded: string }>, i: number): string | undefined {
  const [w, next] = [words[i], words[i + 1]];
  if (w === undefined || next === undefined || w.folded !== 'quy') return undefined;
  const n = QUARTERS[next.folded];
  return n === undefined ? undefined : `quý_${n}`;
}

/** The qualifiers of a question, once each, in order. */
export function questionQualifiers(question: string): Qualifier[] {
  const out: Qualifier[] = [];
  const words = wordSpans(question);
  const accentFree = isAccentFree(question);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as (typeof words)[number];
    const ordinal = ordinalAt(words, i, accentFree);
    if (ordinal !== undefined) {
      if (!out.some((q) => q.key === ordinal)) out.push({ text: `${w.text} ${words[i + 1]?.text ?? ''}`, kind: 'ordinal', key: ordinal });
      i++;
      continue;
    }
    const quarter = quarterAt(words, i);
    if (quarter !== undefined) {
      if (!out.some((q) => q.key === quarter)) out.push({ text: `${w.text} ${words[i + 1]?.text ?? ''}`, kind: 'quarter', key: quarter });
      i++;
      continue;
    }
    const key = w.folded;
    const kind = YEAR.test(key) ? 'year' : TECHNOLOGY.test(key) ? 'technology' : NUMBER.test(key) ? 'number' : undefined;
    if (kind === undefined || out.some((q) => q.key === key)) continue;
    out.push({ text: w.text, kind, key });
  }
  return out;
}

/** The tokens of a passage as qualifiers are compared: of its text alone, and with its title, số hiệu and headings. */
export function passageTokens(passage: RetrievedPassage): { all: Set<string>; text: Set<string> } {
  const { doc, chunk } = passage;
  const tokens = (s: string): Set<string> => {
    const words = wordSpans(s);
    const out = new Set(words.map((w) => w.folded));
    words.forEach((_, i) => {
      for (const folded of [false, true]) {
        const ordinal = ordinalAt(words, i, folded);
        if (ordinal !== undefined) out.add(ordinal);
      }
      const quarter = quarterAt(words, i);
      if (quarter !== undefined) out.add(quarter);
    });
    return out;
  };
  return { all: tokens([doc.title, doc.meta.docNumber ?? '', ...chunk.headingPath, chunk.text].join('\n')), text: tokens(chunk.text) };
}

/** How the evidence stands to the question's qualifiers. */
export interface QualifierMatch {
  missing: Qualifier[];
  /**
   * For each missing year, quarter or technology, the values of the same kind that the evidence
   * states instead ("2022" for a question on 2024, "quý I" for quý II): the evidence is about a
   * neighbouring value.
   */
  stated: string[];
}

export function matchQualifiers(qualifiers: readonly Qualifier[], tokens: { all: ReadonlySet<string>; text: ReadonlySet<string> }): QualifierMatch {
  // An ordinal counts in the text only: headings number parts and chapters ("Phần thứ tư").
  const missing = qualifiers.filter((q) => !(q.kind === 'ordinal' ? tokens.text : tokens.all).has(q.key));
  const stated = new Set<string>();
  for (const q of missing) {
    // Another ordinal is another item of a list ("thứ ba" for "thứ tư"): nothing to state instead.
    if (q.kind === 'number' || q.kind === 'ordinal') continue;
    const same = q.kind === 'year' ? YEAR : q.kind === 'quarter' ? QUARTER_KEY : TECHNOLOGY;
    for (const t of tokens.text) if (same.test(t) && !qualifiers.some((o) => o.key === t)) stated.add(q.kind === 'technology' ? t.toUpperCase() : q.kind === 'quarter' ? quarterName(t) : t);
  }
  return { missing, stated: [...stated].sort() };
}
