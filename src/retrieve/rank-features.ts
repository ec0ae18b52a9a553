import { bm25Idf } from '../index/bm25-scoring';
import type { LexicalIndex, LexicalQuery, TermMatch } from '../index/lexical-index';
import { analyzeForIndex, foldDiacritics } from '../text/index';
import type { ArticleChunks } from './article-chunks';
import { articleOfLocator, groupByArticle } from './grouping';
import type { RetrievedPassage } from './types';

/** The interpretable features the learned ranking weighs, per candidate article (or section). */
export const RANK_FEATURES = [
  'lexical',
  'lexicalSum',
  'reciprocalRank',
  'chunkCoverage',
  'chunkBigramCoverage',
  'titleCoverage',
  'titleBigramCoverage',
  'documentTitleCoverage',
  'namedDocument',
  'definition',
  'articleCoverage',
  'articleBigramCoverage',
  'titleContainment',
  'titleBigramContainment',
] as const;

// A question asking what something is ("… là gì?", "được hiểu như thế nào"), and an article that
// defines terms ("Giải thích từ ngữ"): laws answer the first with the second.
const DEFINITION_QUESTION_RE = /\b(?:la gi|duoc hieu|hieu the nao|hieu nhu the nao|duoc dinh nghia|dinh nghia|khai niem|la nhung gi)\b/;
const DEFINITION_ARTICLE_RE = /\b(?:giai thich tu ngu|giai thich thuat ngu|dinh nghia|khai niem)\b/;
export type RankFeature = (typeof RANK_FEATURES)[number];

/** One candidate article with its passages (best first) and feature values. */
export interface RankCandidate {
  key: string;
  passages: RetrievedPassage[];
  features: Record<RankFeature, number>;
}

/** idf-weighted share of `terms` (of one kind) for which `has` holds. */
function coverage(terms: readonly TermMatch[], has: (t: TermMatch) => boolean): number {
  let total = 0;
  let found = 0;
  for (const t of terms) {
    total += t.idf;
    if (has(t)) found += t.idf;
  }
  return total > 0 ? found / total : 0;
}

/**
 * The query terms matched anywhere in the article of `best` (every chunk of it, pooled or not, when
 * `articleChunks` knows the article; else the candidate's pooled chunks), in `terms`' order.
 */
function articleMatches({ terms, best, pooled, query, lexical, articleChunks }: {
  terms: readonly TermMatch[];
  best: RetrievedPassage;
  pooled: readonly RetrievedPassage[];
  query: LexicalQuery;
  lexical: Pick<LexicalIndex, 'explain'>;
  articleChunks: ArticleChunks | undefined;
}): TermMatch[] {
  const article = articleOfLocator({ locator: best.chunk.locator });
  const known = article === undefined || articleChunks === undefined ? [] : articleChunks(best.chunk.docId, article);
  const ids = new Set(known.length > 0 ? known : pooled.map((p) => p.chunk.id));
  ids.delete(best.chunk.id);
  const matched = new Set(terms.filter((t) => t.matched).map((t) => `${t.kind}:${t.term}`));
  for (const id of ids) {
    if (matched.size === terms.length) break;
    for (const t of lexical.explain({ query, chunkId: id })) if (t.matched) matched.add(`${t.kind}:${t.term}`);
  }
  return terms.map((t) => ({ ...t, matched: matched.has(`${t.kind}:${t.term}`) }));
}

/** The article heading of a passage ("Điều 25. Bàn giao vụ việc…"), else its innermost heading. */
function articleTitle(passage: RetrievedPassage): string {
  const path = passage.chunk.headingPath;
  return path.find((h) => articleOfLocator({ locator: h }) !== undefined) ?? path[path.length - 1] ?? '';
}

/** An article heading without its "Điều N." label: what the article is about. */
function withoutArticleLabel(title: string): string {
  return title.replace(/^\s*(?:điều|dieu)\s+\d+[a-zđ]?\s*[.:\-–]?\s*/i, '');
}

/**
 * idf-weighted share of a title's own terms (syllables or bigrams, `kind`) that the question
 * searched: a question containing the whole heading "Doanh nghiệp nhà nước" is about that article
 * even when longer articles match more of its words. 0 for an empty title.
 */
function containment(title: ReadonlySet<string>, kind: 'syllable' | 'bigram', searched: ReadonlySet<string>, idf: (term: string) => number): number {
  let total = 0;
  let found = 0;
  for (const t of title) {
    if (t.includes('_') !== (kind === 'bigram')) continue;
    const w = idf(t);
    total += w;
    if (searched.has(t)) found += w;
  }
  return total > 0 ? found / total : 0;
}

/** Accent-free syllables and bigrams of a short text (titles), memoised: titles repeat across queries. */
export function createTitleTerms(limit = 20_000): (text: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (text) => {
    let terms = cache.get(text);
    if (terms === undefined) {
      const a = analyzeForIndex(text);
      terms = new Set([...a.foldedSyllables, ...a.foldedBigrams]);
      if (cache.size >= limit) cache.clear();
      cache.set(text, terms);
    }
    return terms;
  };
}

/**
 * Groups ranked passages by article and describes each group by features on a fixed 0–1 scale:
 * its best BM25F score and summed score relative to the top one, its reciprocal rank, the
 * idf-weighted share of the searched syllables and syllable bigrams found in its best passage
 * (read from the index: `LexicalIndex.explain` of a query of the searched words alone), in its
 * article title and in its document title, whether it lies in a document the question names, and
 * whether it is a definitions article ("Giải thích từ ngữ") for a question that asks what
 * something is ("… là gì?"); at article level, the idf-weighted share of the searched syllables and
 * bigrams found anywhere in the article (all its chunks: `articleChunks`); and, the other way
 * round, the idf-weighted share of the article heading's own syllables / bigrams (without "Điều N")
 * that the question contains. The searched words are those the user typed (after repair, without
 * scaffolding or expansions), compared without diacritics.
 */
export function rankCandidates({ passages, question, searched, lexical, namedDocuments, titleTerms = createTitleTerms(), articleChunks }: {
  passages: readonly RetrievedPassage[];
  /** The question as typed (for its form: is it asking for a definition?). */
  question: string;
  searched: string;
  lexical: Pick<LexicalIndex, 'explain' | 'documentFrequency' | 'size'>;
  namedDocuments: ReadonlySet<string>;
  titleTerms?: (text: string) => ReadonlySet<string>;
  /** Every chunk of an article (`createArticleChunks`); without it, an article is its pooled chunks. */
  articleChunks?: ArticleChunks;
}): RankCandidate[] {
  const groups = groupByArticle({ items: passages });
  const top = groups[0]?.score ?? 0;
  const a = analyzeForIndex(foldDiacritics(searched));
  const query: LexicalQuery = { ...a, hasDiacritics: false, docNumbers: [], articles: [] };
  const asksDefinition = DEFINITION_QUESTION_RE.test(foldDiacritics(question).toLowerCase());
  const searchedTerms = new Set([...a.foldedSyllables, ...a.foldedBigrams]);
  const idfs = new Map<string, number>();
  const idf = (term: string) => {
    let v = idfs.get(term);
    if (v === undefined) {
      v = bm25Idf(lexical.size, lexical.documentFrequency({ term, view: 'folded' }));
      idfs.set(term, v);
    }
    return v;
  };
  return groups.map((g, rank) => {
    const best = g.items[0];
    const terms = best === undefined ? [] : lexical.explain({ query, chunkId: best.chunk.id });
    const syl = terms.filter((t) => t.kind === 'syllable');
    const bi = terms.filter((t) => t.kind === 'bigram');
    const heading = best === undefined ? '' : articleTitle(best);
    const title = titleTerms(heading);
    const about = titleTerms(withoutArticleLabel(heading));
    const doc = best === undefined ? new Set<string>() : titleTerms(best.doc.title);
    const sum = g.items.reduce((s, p) => s + p.score, 0);
    const whole = best === undefined ? [] : articleMatches({ terms, best, pooled: g.items, query, lexical, articleChunks });
    const wholeSyl = whole.filter((t) => t.kind === 'syllable');
    const wholeBi = whole.filter((t) => t.kind === 'bigram');
    return {
      key: g.key,
      passages: g.items,
      features: {
        lexical: top > 0 ? g.score / top : 0,
        lexicalSum: top > 0 ? Math.min(sum / top, 3) / 3 : 0,
        reciprocalRank: 1 / (rank + 1),
        chunkCoverage: coverage(syl, (t) => t.matched),
        chunkBigramCoverage: coverage(bi, (t) => t.matched),
        titleCoverage: coverage(syl, (t) => title.has(t.term)),
        titleBigramCoverage: coverage(bi, (t) => title.has(t.term)),
        documentTitleCoverage: coverage(syl, (t) => doc.has(t.term)),
        namedDocument: best !== undefined && namedDocuments.has(best.doc.id) ? 1 : 0,
        definition: asksDefinition && DEFINITION_ARTICLE_RE.test(foldDiacritics(heading).toLowerCase()) ? 1 : 0,
        articleCoverage: coverage(wholeSyl, (t) => t.matched),
        articleBigramCoverage: coverage(wholeBi, (t) => t.matched),
        titleContainment: containment(about, 'syllable', searchedTerms, idf),
        titleBigramContainment: containment(about, 'bigram', searchedTerms, idf),
      },
    };
  });
}

/** Linear ranking weights, one per feature (a feature left out weighs 0). */
export type RankWeights = Partial<Record<RankFeature, number>>;

/** Scores candidates by Σ weight × feature and orders them, best first (ties: the lexical order). */
export function rerank({ candidates, weights }: { candidates: readonly RankCandidate[]; weights: RankWeights }): RankCandidate[] {
  const score = (c: RankCandidate) => RANK_FEATURES.reduce((s, f) => s + (weights[f] ?? 0) * c.features[f], 0);
  return candidates
    .map((c, i) => ({ c, i, s: score(c) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ c }) => c);
}
