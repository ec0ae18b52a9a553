import { createHash } from 'node:crypto';
import type { DocumentMeta } from './types';

/**
 * sha256 (hex) over title, text, metadata and layout (pages, citable units): equal hashes mean the document need not be
 * reindexed. Metadata keys are sorted so that the hash does not depend on the order they were set.
 */
export function contentHash({ title, text, meta, layout }: { title: string; text: string; meta: DocumentMeta; layout?: unknown }): string {
  const sortedMeta = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(JSON.stringify(layout === undefined ? [title, text, sortedMeta] : [title, text, sortedMeta, layout])).digest('hex');
}
