import { foldDiacritics } from '../text/index';

/** Longest slug kept in an id; long section headings are cut at a word boundary. */
const MAX_SLUG_CHARS = 60;

/** "Điều 20, khoản 2" → "dieu-20-khoan-2": accent-folded, lower-case, `-`-joined. */
export function slugify(locator: string): string {
  const slug = foldDiacritics(locator)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_CHARS) return slug || 'doan';
  const cut = slug.slice(0, MAX_SLUG_CHARS + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_CHARS)).replace(/-+$/, '');
}

/**
 * Ids `<docId>#<slug(locator)>-<i>` for locators in document order; `i` counts earlier chunks with
 * the same slug, so the same document always gets the same ids.
 */
export function makeChunkIds({ docId, locators }: { docId: string; locators: readonly string[] }): string[] {
  const seen = new Map<string, number>();
  return locators.map((locator) => {
    const slug = slugify(locator);
    const i = seen.get(slug) ?? 0;
    seen.set(slug, i + 1);
    return `${docId}#${slug}-${i}`;
  });
}
