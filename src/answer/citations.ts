import type { RetrievedPassage } from '../retrieve/types';
import type { Citation } from './types';

/**
 * A citation of one source. `passages` are the chunks quoted from it (best first), `quotes` the
 * quoted texts in document order. When several chunks of one article are quoted, the locator is
 * what they share ("Điều 20" for "Điều 20, khoản 1" and "Điều 20, khoản 3"). When the quotes of a
 * single article or khoản chunk are one khoản or điểm of it (quoted without its "6." or "a)"), the
 * locator names that unit: "Điều 2, khoản 6", as the quote reads.
 */
export function makeCitation({ n, passages, quotes }: { n: number; passages: readonly RetrievedPassage[]; quotes: readonly string[] }): Citation {
  const first = passages[0];
  if (first === undefined) throw new RangeError('makeCitation needs at least one passage');
  const { doc, chunk } = first;
  const citation: Citation = {
    n,
    docId: doc.id,
    title: doc.title,
    locator: quotedUnitLocator(passages, quotes) ?? commonLocator(passages.map((p) => p.chunk.locator)),
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

/**
 * "Điều 2, khoản 6" when every quote of a single legal chunk stands right after the "6. " of one
 * khoản line (or "a) " of one điểm) that the chunk's locator does not name yet; otherwise undefined.
 */
function quotedUnitLocator(passages: readonly RetrievedPassage[], quotes: readonly string[]): string | undefined {
  const only = passages[0];
  if (only === undefined || passages.length !== 1 || quotes.length === 0 || only.chunk.kind !== 'legal') return undefined;
  const { text, locator } = only.chunk;
  const labels = new Set<string>();
  for (const quote of quotes) {
    const at = text.indexOf(quote);
    if (at < 0) return undefined;
    const before = /(?:^|\n)[ \t]*(?:(\d+)[.)]|([a-zđ])\))[ \t]+$/u.exec(text.slice(Math.max(0, at - 12), at));
    if (before === null) return undefined;
    const [, clause, point] = before;
    if (clause !== undefined && !/khoản/.test(locator)) labels.add(`khoản ${Number(clause)}`);
    else if (point !== undefined && !/điểm/.test(locator)) labels.add(`điểm ${point}`);
    else return undefined;
  }
  const [label] = labels;
  return labels.size === 1 ? `${locator}, ${label}` : undefined;
}
