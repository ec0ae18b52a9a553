import { foldDiacritics, wordSpans } from '../text';
import type { RetrievedPassage } from '../retrieve/types';

/**
 * What pins a question to one value of its subject and must be stated by the evidence too: years
 * ("2024"), periods and other numbers ("6 tháng", "15 tuổi", "82,6%"), and technologies ("5G",
 * "4G"). "Tỷ lệ … năm 2024" answered with the 2022 figure, or "trạm BTS 5G" with the 4G count, is
 * wrong however well the rest matches. Places and names are the anchors' job (question-anchors.ts).
 */
export interface Qualifier {
  /** As written in the question. */
  text: string;
  kind: 'year' | 'number' | 'technology';
  /** Lower-case accent-free token. */
  key: string;
}

const YEAR = /^(?:19|20)\d\d$/;
const TECHNOLOGY = /^\d+g$/;
const NUMBER = /^\d+(?:[.,]\d+)*$/;

/** The qualifiers of a question, once each, in order. */
export function questionQualifiers(question: string): Qualifier[] {
  const out: Qualifier[] = [];
  for (const w of wordSpans(question)) {
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
  const tokens = (s: string) => new Set(wordSpans(s).map((w) => w.folded));
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
  const missing = qualifiers.filter((q) => !tokens.all.has(q.key));
  const stated = new Set<string>();
  for (const q of missing) {
    if (q.kind === 'number') continue;
    const same = q.kind === 'year' ? YEAR : TECHNOLOGY;
    for (const t of tokens.text) if (same.test(t) && !qualifiers.some((o) => o.key === t)) stated.add(q.kind === 'technology' ? t.toUpperCase() : t);
  }
  return { missing, stated: [...stated].sort() };
}
