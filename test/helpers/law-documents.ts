import { createHash } from 'node:crypto';
import type { SourceDocument } from '../../src/ingest/types';
import type { LexicalEntry } from '../../src/index/lexical-index';
import { LUAT_CU_TRU_ARTICLES, LUAT_HON_NHAN_ARTICLES } from './law-texts';

/** A law as ingestion would produce it from a Markdown file: title, text, số hiệu, content hash. */
export function lawDocument({ id, title, docNumber, text }: { id: string; title: string; docNumber: string; text: string }): SourceDocument {
  return {
    id,
    title,
    text,
    meta: { docNumber, docType: 'Luật', issuer: 'Quốc hội' },
    source: { path: `${id}.md`, format: 'md', bytes: Buffer.byteLength(text), contentHash: createHash('sha256').update(text).digest('hex') },
  };
}

export const LUAT_CU_TRU = lawDocument({ id: 'luat-cu-tru', title: 'Luật Cư trú', docNumber: '68/2020/QH14', text: LUAT_CU_TRU_ARTICLES });
export const LUAT_HON_NHAN = lawDocument({
  id: 'luat-hon-nhan-va-gia-dinh',
  title: 'Luật Hôn nhân và gia đình',
  docNumber: '52/2014/QH13',
  text: LUAT_HON_NHAN_ARTICLES,
});

/** One lexical entry per article ("Điều N." line to the next), id `<docId>#dieu-<N>`, as a legal chunker would give. */
export function articleEntries(doc: SourceDocument): LexicalEntry[] {
  return doc.text
    .split(/\n(?=Điều \d+\.)/)
    .map((text) => text.trim())
    .filter((text) => /^Điều \d+\./.test(text))
    .map((text) => {
      const heading = text.split('\n')[0] ?? '';
      const article = Number(/^Điều (\d+)/.exec(heading)?.[1]);
      return { chunkId: `${doc.id}#dieu-${article}`, text, heading: `${doc.title}\n${heading}`, docNumber: doc.meta.docNumber ?? '', article };
    });
}
