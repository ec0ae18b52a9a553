import { findUnitMentions, type UnitMention } from './article-mentions';
import { memoizeByText } from './text-memo';

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
  /** "Điều này", or a khoản with no Điều: the article the text stands in. */
  current: boolean;
  /** Offsets of the reference in the (normalised) text. */
  start: number;
  end: number;
}

/** A reference found in a text, with where it stands. */
export interface LocatedArticleRef extends ArticleRef {
  start: number;
  end: number;
}

// After a reference, the document it points into when that is not this one: "Điều 5 của Luật Đất
// đai", "khoản 2 Điều 12 Nghị định 62/2015" (but "Điều 23 của Luật này" stays in the document).
const OTHER_DOCUMENT_RE = /^\s*,?\s*(?:(?:cua|tai|theo|thuoc)\s+)?(?:bo luat|luat|nghi dinh|thong tu|phap lenh|nghi quyet|quyet dinh|hien phap|van ban)(?![\p{L}\p{N}])(?!\s+(?:nay|so nay)(?![\p{L}\p{N}]))/u;

/**
 * How many texts' references are remembered (per generation, see memoizeByText), for each of
 * findArticleRefs and the chains under it: ranking, grouping and the answer stage read the locators
 * and sentences of the same chunks for every question that retrieves them.
 */
const REFS_MEMO_CAPACITY = 4096;

/**
 * Every article reference in a text, in order of appearance, once each. Understands both orders
 * ("điểm a khoản 1 Điều 5", "Điều 5, khoản 1, điểm a", "Điều 20 khoản 2"), lists ("khoản 1, 2 và 3
 * Điều 5", "điểm a và điểm b khoản 1 Điều 2"), any case, with or without diacritics ("dieu 20
 * khoan 2"), and keeps "điểm đ" apart from "điểm d". A khoản or điểm with no Điều (it refers to the
 * current article) and "Điều này" yield nothing. The result is shared (remembered per text): read
 * it, never change it.
 */
export const findArticleRefs: (text: string) => readonly Readonly<ArticleRef>[] = memoizeByText(
  (text) => dedupe(findChains(text).chains.filter((c) => !c.current).flatMap((c) => expand(c))),
  { capacity: REFS_MEMO_CAPACITY },
);

/**
 * The references of a text that stands in article `currentArticle` to units of the same document:
 * "Điều 23 của Luật này", "khoản 2 Điều này" and a bare "khoản 2" or "điểm a khoản 1" (the current
 * article) resolved to their article; references into another document ("Điều 5 của Luật Đất đai",
 * "khoản 2 Điều 12 Nghị định 62/2015") left out. In order of appearance, once each; `start`/`end`
 * are offsets in `normalizeText(text)`.
 */
export function findInDocumentRefs(text: string, { currentArticle }: { currentArticle?: number } = {}): LocatedArticleRef[] {
  const { chains, folded } = findChains(text);
  const refs: LocatedArticleRef[] = [];
  for (const chain of chains) {
    if (OTHER_DOCUMENT_RE.test(folded.slice(chain.end, chain.end + 40))) continue;
    if (chain.current && currentArticle === undefined) continue;
    const resolved = chain.current ? { ...chain, articles: [String(currentArticle)] } : chain;
    for (const ref of expand(resolved)) refs.push({ ...ref, start: chain.start, end: chain.end });
  }
  return dedupe(refs);
}

/**
 * The references of a text, as chains of mentions, remembered per text (the grouping, ranking and
 * answer stages read the locators and sentences of the same chunks for every question that
 * retrieves them; the result is shared, never changed).
 */
const findChains: (text: string) => { readonly folded: string; readonly chains: readonly Readonly<Chain>[] } = memoizeByText(findChainsUncached, { capacity: REFS_MEMO_CAPACITY });

function findChainsUncached(text: string): { folded: string; chains: Chain[] } {
  const { folded, mentions } = findUnitMentions(text);
  const linked = (a: UnitMention | undefined, b: UnitMention | undefined, re: RegExp): boolean =>
    a !== undefined && b !== undefined && re.test(folded.slice(a.end, b.start));
  const chains: Chain[] = [];
  let i = 0;
  // Consumes mentions of one level (merging "và" lists) into `chain`; returns false if none was there.
  // "Điều này" is never merged with a list ("khoản 1 Điều này và Điều 5" is two references).
  const take = (level: number, into: string[], chain: Chain): boolean => {
    const first = mentions[i];
    if (first?.level !== level) return false;
    into.push(...first.values);
    if (first.self) chain.current = true;
    chain.end = first.end;
    i++;
    if (first.self) return true;
    while (mentions[i]?.level === level && mentions[i]?.self !== true && linked(mentions[i - 1], mentions[i], SAME_LEVEL_RE)) {
      const m = mentions[i++];
      into.push(...(m?.values ?? []));
      chain.end = m?.end ?? chain.end;
    }
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
    const start = mentions[i]?.start ?? 0;
    const chain: Chain = { articles: [], clauses: [], points: [], current: false, start, end: start };
    if (take(2, chain.articles, chain)) {
      if (next(1) && !startsOwnRef()) take(1, chain.clauses, chain);
      if (next(0) && !startsOwnRef()) take(0, chain.points, chain);
    } else {
      // Ascending order: điểm → khoản → Điều.
      take(0, chain.points, chain);
      if (chain.points.length === 0 || next(1)) take(1, chain.clauses, chain);
      if (next(2)) take(2, chain.articles, chain);
      // A khoản with no Điều is one of the current article; a lone điểm is of the current khoản (unknown).
      if (chain.articles.length === 0 && !chain.current) {
        if (chain.clauses.length === 0) continue;
        chain.current = true;
      }
    }
    if (chain.articles.length === 0 && !chain.current) continue;
    chains.push(chain);
  }
  return { folded, chains };
}

function expand({ articles, clauses, points }: Pick<Chain, 'articles' | 'clauses' | 'points'>): ArticleRef[] {
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

function dedupe<T extends ArticleRef>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.article}/${r.clause ?? ''}/${r.point ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
