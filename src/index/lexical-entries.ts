import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';
import { findArticleRefs } from '../text/index';
import type { LexicalEntry } from './lexical-index';

/**
 * What the lexical index is told of each chunk: its text; the document title and heading path as
 * the heading field (a question often names the law or the article title); the document's số hiệu;
 * and, for legal chunks, the article number read from the locator ("Điều 12, khoản 3" → 12).
 */
export function lexicalEntries({ documents, chunks }: { documents: ReadonlyArray<Pick<SourceDocument, 'id' | 'title' | 'meta'>>; chunks: readonly Chunk[] }): LexicalEntry[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  return chunks.map((chunk) => {
    const doc = byId.get(chunk.docId);
    const article = chunk.kind === 'legal' ? findArticleRefs(chunk.locator)[0]?.article : undefined;
    return {
      chunkId: chunk.id,
      text: chunk.text,
      heading: [doc?.title ?? '', ...chunk.headingPath].join('\n'),
      ...(doc?.meta.docNumber === undefined ? {} : { docNumber: doc.meta.docNumber }),
      ...(article === undefined ? {} : { article }),
    };
  });
}
