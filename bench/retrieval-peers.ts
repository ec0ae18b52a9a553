import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { LexicalEntry } from '../src/index/lexical-index';
import { analyzeForIndex } from '../src/text/index';

/**
 * A search library as a developer would drop it in: fed the chunk text and heading, asked the raw
 * question, returning chunk ids best first. Each comes twice: with the library's default tokenizer,
 * and with ours (`vietnameseTokens`).
 */
export interface PeerEngine {
  name: string;
  build(entries: readonly LexicalEntry[]): void | Promise<void>;
  search(question: string, k: number): string[] | Promise<string[]>;
}

/**
 * Our Vietnamese tokenizer as a plug-in for other libraries: `src/text` syllables and syllable
 * bigrams, accent-free (so a question typed without diacritics matches), e.g. "Điều kiện kết hôn"
 * → dieu, kien, ket, hon, dieu_kien, kien_ket, ket_hon.
 */
export function vietnameseTokens(text: string): string[] {
  const a = analyzeForIndex(text);
  return [...a.foldedSyllables, ...a.foldedBigrams];
}

export function miniSearchPeer({ ourTokenizer }: { ourTokenizer: boolean }): PeerEngine {
  const options = {
    fields: ['text', 'heading'],
    storeFields: [],
    ...(ourTokenizer ? { tokenize: vietnameseTokens, processTerm: (t: string) => t } : {}),
  };
  const index = new MiniSearch<{ id: string; text: string; heading: string }>(options);
  return {
    name: `MiniSearch 7.2 (${ourTokenizer ? 'our tokenizer' : 'default tokenizer'})`,
    build: (entries) => index.addAll(entries.map((e) => ({ id: e.chunkId, text: e.text, heading: e.heading }))),
    // Default search options: OR of the terms, BM25+ (k 1.2, b 0.7, d 0.5), no fuzzy or prefix.
    search: (question, k) => index.search(question).slice(0, k).map((h) => String(h.id)),
  };
}

export function flexSearchPeer({ ourTokenizer }: { ourTokenizer: boolean }): PeerEngine {
  // FlexSearch 0.8 Index: default preset ("strict" tokenizer, default encoder); `encode` replaces the encoder.
  const index = new FlexSearch.Index(ourTokenizer ? { encode: vietnameseTokens } : {});
  const ids: string[] = [];
  return {
    name: `FlexSearch 0.8 (${ourTokenizer ? 'our tokenizer' : 'default tokenizer'})`,
    build(entries) {
      entries.forEach((e, i) => {
        ids.push(e.chunkId);
        index.add(i, `${e.heading}\n${e.text}`);
      });
    },
    // `suggest: true` returns partial matches: without it a question must match every term, and a
    // natural question (function words included) matches nothing.
    search: (question, k) => (index.search(question, { limit: k, suggest: true }) as number[]).map((i) => ids[i] ?? ''),
  };
}

export function oramaPeer({ ourTokenizer }: { ourTokenizer: boolean }): PeerEngine {
  let db: AnyOrama | undefined;
  return {
    name: `Orama 3.1 (${ourTokenizer ? 'our tokenizer' : 'default tokenizer'})`,
    async build(entries) {
      db = create({
        schema: { text: 'string', heading: 'string' } as const,
        ...(ourTokenizer ? { components: { tokenizer: { language: 'vietnamese', normalizationCache: new Map<string, string>(), tokenize: (raw: string) => vietnameseTokens(raw) } } } : {}),
      });
      await insertMultiple(db, entries.map((e) => ({ id: e.chunkId, text: e.text, heading: e.heading })));
    },
    // Default search: BM25 (k 1.2, b 0.75, d 0.5), threshold 1 (any term), both properties.
    async search(question, k) {
      if (db === undefined) return [];
      const result = await oramaSearch(db, { term: question, limit: k });
      return result.hits.map((h) => String(h.id));
    },
  };
}
