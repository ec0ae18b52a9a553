import type { LexicalQuery } from '../index/lexical-index';
import { analyzeForIndex, findArticleRefs, findDocNumbers, foldDiacritics, normalizeText, type ArticleRef } from '../text/index';

/** What retrieval reads from a question before searching. */
export interface QueryAnalysis extends LexicalQuery {
  /** The question after Vietnamese normalisation (NFC, one tone-mark placement). */
  text: string;
  /** "Điều 12", "khoản 2 Điều 20"… as found by `findArticleRefs`. */
  articleRefs: ArticleRef[];
}

/**
 * Analyses a question with the same functions that analysed the indexed text: syllables and
 * bigrams, accented and accent-free; the số hiệu and "Điều N" it names; whether it was typed with
 * diacritics at all (phones often drop them: "thu tuc dang ky ket hon").
 */
export function analyzeQuery({ query }: { query: string }): QueryAnalysis {
  const text = normalizeText(query).trim();
  const analyzed = analyzeForIndex(text);
  const articleRefs = findArticleRefs(text).map((ref) => ({ ...ref })); // a copy: the query owns its references
  return {
    text,
    ...analyzed,
    hasDiacritics: foldDiacritics(text) !== text,
    docNumbers: findDocNumbers(text),
    articleRefs,
    articles: [...new Set(articleRefs.map((ref) => ref.article))],
  };
}
