import type { RetrievedPassage } from '../retrieve/types';
import type { Citation } from './types';

/**
 * A citation of one source. `passages` are the chunks quoted from it (best first), `quotes` the
 * quoted texts in document order. When several chunks of one article are quoted, the locator is
 * what they share ("Điều 20" for "Điều 20, khoản 1" and "Điều 20, khoản 3").
 */
export function makeCitation({ n, passages, quotes }: { n: number; passages: readonly RetrievedPassage[]; quotes: readonly string[] }): Citation {
  const first = passages[0];
  if (first === undefined) throw new RangeError('makeCitation needs at least one passage');
  const { doc, chunk } = first;
  const citation: Citation = {
    n,
    docId: doc.id,
    title: doc.title,
    locator: commonLocator(passages.map((p) => p.chunk.locator)),
    chunkId: chunk.id,
    passage: quotes.join(' … '),
    inForce: doc.meta.inForce !== false,
  };
  if (doc.meta.docNumber !== undefined) citation.docNumber = doc.meta.docNumber;
  if (passages.some(({ doc: d, chunk: c }) => (d.scanned ?? []).some((span) => span.start < c.end && span.end > c.start))) citation.scanned = true;
  return citation;
}

function commonLocator(locators: readonly string[]): string {
  const distinct = [...new Set(locators)];
  if (distinct.length <= 1) return distinct[0] ?? '';
  const parts = distinct.map((l) => l.split(',').map((p) => p.trim()));
  const shared: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0]?.[i]); i++) shared.push(parts[0]?.[i] ?? '');
  return shared.length > 0 ? shared.join(', ') : distinct.join('; ');
}
