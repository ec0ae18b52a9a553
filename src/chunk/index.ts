/**
 * Chunking: turns a `SourceDocument` into the passages that are indexed, retrieved and cited.
 * Legal texts by Phần/Chương/Mục/Điều/khoản/điểm, other documents by headings and paragraphs.
 */
export { chunkDocument, CHUNKER_VERSION, type ChunkDocumentOptions } from './chunk-document';
export { detectLegalStructure, type LegalStructure, type LegalArticle, type LegalClause, type LegalPoint, type LegalDivision } from './legal-structure';
export { detectSections, type SectionStructure, type Paragraph } from './section-structure';
export { PREAMBLE_LOCATOR, CLOSING_LOCATOR } from './legal-chunks';
export { HEADING_SEPARATOR } from './section-chunks';
export { createParagraphLocator } from './paragraph-locator';
export { slugify } from './chunk-id';
export type { Chunk } from './types';
