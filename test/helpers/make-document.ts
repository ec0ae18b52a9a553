import { createHash } from 'node:crypto';
import type { SourceDocument } from '../../src/ingest/types';

/** A `SourceDocument` for tests: NFC text, the id given, the rest derived. */
export function makeDocument({ id = 'doc', text, title = id, format = 'md' }: { id?: string; text: string; title?: string; format?: string }): SourceDocument {
  const nfc = text.normalize('NFC');
  return {
    id,
    title,
    text: nfc,
    meta: {},
    source: { path: `${id}.${format}`, format, bytes: Buffer.byteLength(nfc), contentHash: createHash('sha256').update(nfc).digest('hex') },
  };
}
