import { AppError } from '../config/errors';
import { DEFAULT_TUNABLES } from '../config/tunables';
import type { SourceDocument } from '../ingest/types';
import { makeChunkIds } from './chunk-id';
import { chunkLegal } from './legal-chunks';
import { detectLegalStructure } from './legal-structure';
import { chunkParagraphs } from './section-chunks';
import { detectSections } from './section-structure';
import type { Chunk } from './types';

/** Bump when the same document and settings would give different chunks: index snapshots record it. */
export const CHUNKER_VERSION = 2;

export interface ChunkDocumentOptions {
  doc: SourceDocument;
  /** Largest non-legal chunk body, in characters. Default `DEFAULT_TUNABLES.chunkTargetChars`. */
  targetChars?: number;
  /** Whole sentences of the previous chunk repeated in the next non-legal chunk, in characters. */
  overlapChars?: number;
  /** Longest article kept whole; longer ones are split by khoản, then điểm. */
  articleMaxChars?: number;
}

/**
 * Splits a document into the passages that are indexed and cited. A document whose loader marked
 * citable units (spreadsheet rows) gets one chunk per unit, with the unit's locator; a legal text
 * (at least two "Điều N." lines) is chunked by article, khoản and điểm; anything else by headings
 * and paragraphs. Deterministic: the same document and settings give the same chunks and ids.
 */
export function chunkDocument({
  doc,
  targetChars = DEFAULT_TUNABLES.chunkTargetChars,
  overlapChars = DEFAULT_TUNABLES.chunkOverlapChars,
  articleMaxChars = DEFAULT_TUNABLES.articleMaxChars,
}: ChunkDocumentOptions): Chunk[] {
  checkSettings({ targetChars, overlapChars, articleMaxChars });
  const { text } = doc;
  const units = doc.source.units ?? [];
  const structure = units.length > 0 ? undefined : detectLegalStructure({ text });
  const drafts = units.length > 0
    ? units.flatMap((unit, i) => chunkParagraphs({ text, paragraphs: [{ start: unit.start, end: unit.end, number: i + 1, section: i, headingPath: unit.headingPath }], targetChars, overlapChars, locator: unit.locator }))
    : structure
      ? chunkLegal({ text, structure, targetChars, overlapChars, articleMaxChars })
      : chunkParagraphs({ text, paragraphs: detectSections({ text }).paragraphs, targetChars, overlapChars });
  const ids = makeChunkIds({ docId: doc.id, locators: drafts.map((d) => d.locator) });
  return drafts.map((draft, ordinal) => ({ id: ids[ordinal] ?? `${doc.id}#${ordinal}`, docId: doc.id, ordinal, ...draft }));
}

function checkSettings({ targetChars, overlapChars, articleMaxChars }: Required<Omit<ChunkDocumentOptions, 'doc'>>): void {
  const problems: string[] = [];
  if (!Number.isInteger(targetChars) || targetChars < 1) problems.push(`targetChars must be a positive integer, got ${targetChars}`);
  if (!Number.isInteger(articleMaxChars) || articleMaxChars < 1) problems.push(`articleMaxChars must be a positive integer, got ${articleMaxChars}`);
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars >= targetChars) {
    problems.push(`overlapChars must be an integer from 0 to targetChars - 1 (${targetChars - 1}), got ${overlapChars}`);
  }
  if (problems.length > 0) {
    throw new AppError('INPUT_INVALID', `Invalid chunking settings: ${problems.join('; ')}. Set TROLY_CHUNK_TARGET_CHARS, TROLY_CHUNK_OVERLAP_CHARS and TROLY_ARTICLE_MAX_CHARS (or the options passed to chunkDocument) accordingly.`);
  }
}
