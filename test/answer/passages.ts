import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chunkDocument } from '../../src/chunk';
import type { Chunk } from '../../src/chunk/types';
import { PROJECT_ROOT } from '../../src/config/config';
import type { DocumentMeta, SourceDocument } from '../../src/ingest/types';
import type { RetrievalResult, RetrievedPassage } from '../../src/retrieve/types';
import { foldDiacritics, normalizeText } from '../../src/text';

/** The shared data beside the repository: seeds (Hải Phòng articles) and the ALQAC 2023 laws. */
export const SHARED = join(PROJECT_ROOT, '..', 'shared');

/** A real document from `shared/`, chunked by the project's chunker. */
export function loadDocument({ path, meta = {} }: { path: string; meta?: DocumentMeta }): { doc: SourceDocument; chunks: Chunk[] } {
  const raw = normalizeText(readFileSync(join(SHARED, path), 'utf8')).replace(/\r\n?/g, '\n');
  const firstLine = raw.split('\n').find((l) => l.trim() !== '') ?? path;
  const id = basename(path).replace(/\.\w+$/, '');
  const doc: SourceDocument = {
    id,
    title: firstLine.replace(/^#\s*/, '').trim(),
    text: raw,
    meta,
    source: { path, format: path.endsWith('.md') ? 'md' : 'txt', bytes: raw.length, contentHash: id },
  };
  return { doc, chunks: chunkDocument({ doc }) };
}

/** The chunks of a document that contain `needle` (compared without diacritics), in document order. */
export function chunksWith(chunks: readonly Chunk[], needle: string): Chunk[] {
  const want = foldDiacritics(needle).toLowerCase();
  return chunks.filter((c) => foldDiacritics(c.text).toLowerCase().includes(want));
}

/** The chunk of a legal document whose locator names `Điều n` (the first, for split articles). */
export function articleChunks(chunks: readonly Chunk[], article: number): Chunk[] {
  return chunks.filter((c) => new RegExp(`^Điều ${article}(?:,|$)`).test(c.locator));
}

/** A retrieval result of the given chunks, best first, with decreasing scores. */
export function retrievalOf({
  items,
  confidence,
}: {
  items: Array<{ chunk: Chunk; doc: SourceDocument }>;
  confidence: number;
}): RetrievalResult {
  const passages: RetrievedPassage[] = items.map(({ chunk, doc }, i) => ({
    chunk,
    doc: { id: doc.id, title: doc.title, meta: doc.meta },
    score: 10 - i,
    scores: { lexical: 10 - i },
  }));
  return { passages, confidence, mode: 'lexical' };
}
