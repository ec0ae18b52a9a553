import { chunkArticle } from './article-chunks';
import type { ChunkDraft } from './draft';
import type { LegalStructure, Range } from './legal-structure';
import { chunkParagraphs } from './section-chunks';
import { detectSections } from './section-structure';

/** Locator of the text before the first article: issuing body, số hiệu, căn cứ, title. */
export const PREAMBLE_LOCATOR = 'Phần mở đầu';
/** Locator of the text after the last article: passing formula, recipients, signatures. */
export const CLOSING_LOCATOR = 'Phần kết';

/**
 * Chunks a legal text: the preamble, each article (see `chunkArticle`), any note under a division
 * heading, and the closing, in document order. No chunk holds text of two articles.
 */
export function chunkLegal({
  text,
  structure,
  targetChars,
  overlapChars,
  articleMaxChars,
}: {
  text: string;
  structure: LegalStructure;
  targetChars: number;
  overlapChars: number;
  articleMaxChars: number;
}): ChunkDraft[] {
  const prose = (range: Range, locator: string, headingPath: string[]): ChunkDraft[] => {
    // Inside a legal text every line is the paragraph's own: no heading detection, one section.
    const paragraphs = detectSections({ text, from: range.start, to: range.end, headings: false }).paragraphs;
    return chunkParagraphs({ text, paragraphs, targetChars, overlapChars, locator }).map((d) => ({ ...d, headingPath }));
  };
  const parts: { start: number; drafts: () => ChunkDraft[] }[] = [];
  const { preamble, closing } = structure;
  if (preamble) parts.push({ start: preamble.start, drafts: () => prose(preamble, PREAMBLE_LOCATOR, []) });
  for (const division of structure.divisions) {
    const body = division.body;
    if (body) parts.push({ start: body.start, drafts: () => prose(body, division.text, division.path) });
  }
  for (const article of structure.articles) parts.push({ start: article.start, drafts: () => chunkArticle({ text, article, articleMaxChars }) });
  if (closing) parts.push({ start: closing.start, drafts: () => prose(closing, CLOSING_LOCATOR, []) });
  return parts.sort((a, b) => a.start - b.start).flatMap((p) => p.drafts());
}
