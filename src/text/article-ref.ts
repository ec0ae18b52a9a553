import { findUnitMentions, type UnitMention } from './article-mentions';

/** A reference such as "khoản 2 Điều 20" or "Điều 5, khoản 1, điểm a". */
export interface ArticleRef {
  article: number;
  clause?: number;
  point?: string;
}

// Between two units of one reference: spaces, a comma, "của"/"tại"/"thuộc" ("khoản 2 của Điều 5").
const LINK_RE = /^\s*,?\s*(?:(?:cua|tai|thuoc)\s+)?$/;
// Between two lists of the same unit: "khoản 1 và khoản 2", "Điều 5, Điều 6".
const SAME_LEVEL_RE = /^\s*,?\s*(?:(?:va|hoac)\s+)?$/;

interface Chain {
  articles: string[];
  clauses: string[];
  points: string[];
}

/**
 * Every article reference in a text, in order of appearance, once each. Understands both orders
 * ("điểm a khoản 1 Điều 5", "Điều 5, khoản 1, điểm a", "Điều 20 khoản 2"), lists ("khoản 1, 2 và 3
 * Điều 5", "điểm a và điểm b khoản 1 Điều 2"), any case, with or without diacritics ("dieu 20
 * khoan 2"), and keeps "điểm đ" apart from "điểm d". A khoản or điểm with no Điều (it refers to the
 * current article) yields nothing.
 */
export function findArticleRefs(text: string): ArticleRef[] {
  const { folded, mentions } = findUnitMentions(text);
  const linked = (a: UnitMention | undefined, b: UnitMention | undefined, re: RegExp): boolean =>
    a !== undefined && b !== undefined && re.test(folded.slice(a.end, b.start));
  const chains: Chain[] = [];
  let i = 0;
  // Consumes mentions of one level (merging "và" lists) into `into`; returns false if none was there.
  const take = (level: number, into: string[]): boolean => {
    const first = mentions[i];
    if (first?.level !== level) return false;
    into.push(...first.values);
    i++;
    while (mentions[i]?.level === level && linked(mentions[i - 1], mentions[i], SAME_LEVEL_RE)) into.push(...(mentions[i++]?.values ?? []));
    return true;
  };
  const next = (level: number): boolean => mentions[i]?.level === level && linked(mentions[i - 1], mentions[i], LINK_RE);
  // A khoản/điểm followed directly by a higher unit starts its own reference ("Điều 5, khoản 2 Điều 6").
  const startsOwnRef = (): boolean => {
    const here = mentions[i];
    const after = mentions[i + 1];
    return here !== undefined && after !== undefined && after.level > here.level && linked(here, after, LINK_RE);
  };
  while (i < mentions.length) {
    const chain: Chain = { articles: [], clauses: [], points: [] };
    if (take(2, chain.articles)) {
      if (next(1) && !startsOwnRef()) take(1, chain.clauses);
      if (next(0) && !startsOwnRef()) take(0, chain.points);
    } else {
      // Ascending order: điểm → khoản → Điều.
      take(0, chain.points);
      if (chain.points.length === 0 || next(1)) take(1, chain.clauses);
      if (next(2)) take(2, chain.articles);
      if (chain.articles.length === 0) continue;
    }
    chains.push(chain);
  }
  return dedupe(chains.flatMap(expand));
}

function expand({ articles, clauses, points }: Chain): ArticleRef[] {
  const refs: ArticleRef[] = [];
  for (const a of articles) {
    for (const c of clauses.length > 0 ? clauses : [undefined]) {
      for (const p of points.length > 0 ? points : [undefined]) {
        refs.push({ article: Number(a), ...(c !== undefined && { clause: Number(c) }), ...(p !== undefined && { point: p }) });
      }
    }
  }
  return refs;
}

function dedupe(refs: ArticleRef[]): ArticleRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.article}/${r.clause ?? ''}/${r.point ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
