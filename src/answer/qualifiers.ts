import { foldDiacritics, isAccentFree, wordSpans } from '../text';
import type { RetrievedPassage } from '../retrieve/types';

/**
 * What pins a question to one value of its subject and must be stated by the evidence too: years
 * ("2024"), periods and other numbers ("6 tháng", "15 tuổi", "82,6%"), technologies ("5G",
 * "4G") and ordinals ("hàng thừa kế thứ tư", "phiên họp thứ 3"). "Tỷ lệ … năm 2024" answered with the 2022 figure, or "trạm BTS 5G" with the 4G count, is
 * wrong however well the rest matches. Places and names are the anchors' job (question-anchors.ts).
 */
export interface Qualifier {
  /** As written in the question. */
  text: string;
  kind: 'year' | 'number' | 'technology' | 'ordinal';
  /** Lower-case accent-free token. */
  key: string;
}

const YEAR = /^(?:19|20)\d\d$/;
const TECHNOLOGY = /^\d+g$/;
const NUMBER = /^\d+(?:[.,]\d+)*$/;

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
    });
    return out;
  };
  return { all: tokens([doc.title, doc.meta.docNumber ?? '', ...chunk.headingPath, chunk.text].join('\n')), text: tokens(chunk.text) };
}

/** How the evidence stands to the question's qualifiers. */
export interface QualifierMatch {
  missing: Qualifier[];
  /**
   * For each missing year or technology, the values of the same kind that the evidence states
   * instead ("2022" for a question on 2024): the evidence is about a neighbouring value.
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
    const same = q.kind === 'year' ? YEAR : TECHNOLOGY;
    for (const t of tokens.text) if (same.test(t) && !qualifiers.some((o) => o.key === t)) stated.add(q.kind === 'technology' ? t.toUpperCase() : t);
  }
  return { missing, stated: [...stated].sort() };
}
