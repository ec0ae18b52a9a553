import { foldDiacritics } from './fold';

/** A reference such as "khoản 2 Điều 20" or "Điều 5, khoản 1, điểm a". */
export interface ArticleRef {
  article: number;
  clause?: number;
  point?: string;
}

/** Finds "Điều N" references (with or without diacritics), with the khoản/điểm around them. */
export function findArticleRefs(text: string): ArticleRef[] {
  const folded = foldDiacritics(text).toLowerCase();
  const refs: ArticleRef[] = [];
  for (const m of folded.matchAll(/\bdieu\s+(\d+)/g)) refs.push({ article: Number(m[1]) });
  return refs;
}
