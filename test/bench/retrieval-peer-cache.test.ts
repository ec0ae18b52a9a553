import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { bm25Params } from '../../src/index/bm25-index';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { fts5Engine } from '../../bench/retrieval-engines';
import { corpusFingerprint, peerIndexPath } from '../../bench/retrieval-peer-cache';
import { articleEntries, LUAT_CU_TRU, LUAT_HON_NHAN } from '../helpers/law-documents';

const ENTRIES = [...articleEntries(LUAT_CU_TRU), ...articleEntries(LUAT_HON_NHAN)];

describe('peer index cache', () => {
  it('names a cached index by a fingerprint that changes with any chunk id, heading, text or their order', () => {
    const base = corpusFingerprint(ENTRIES);
    expect(corpusFingerprint(ENTRIES.map((e) => ({ ...e })))).toBe(base);
    const [first, second, ...rest] = ENTRIES;
    if (first === undefined || second === undefined) throw new Error('fixture too small');
    expect(corpusFingerprint([{ ...first, text: `${first.text}.` }, second, ...rest])).not.toBe(base);
    expect(corpusFingerprint([{ ...first, heading: `${first.heading} ` }, second, ...rest])).not.toBe(base);
    expect(corpusFingerprint([{ ...first, chunkId: `${first.chunkId}x` }, second, ...rest])).not.toBe(base);
    expect(corpusFingerprint([second, first, ...rest])).not.toBe(base);
    expect(peerIndexPath({ cacheDir: '/c', set: 'zalo2021', engine: 'fts5', fingerprint: base })).toBe(`/c/zalo2021-fts5-${base}.sqlite`);
    expect(peerIndexPath({ cacheDir: '/c', set: 'zalo2021', engine: 'minisearch-vi', fingerprint: base })).toBeUndefined();
  });

  it('an FTS5 index reopened from its serialised bytes answers exactly as the one built', () => {
    const params = bm25Params(DEFAULT_TUNABLES);
    const built = fts5Engine(params);
    built.build(ENTRIES);
    const reopened = fts5Engine(params, { image: built.serialize() });
    for (const q of ['điều kiện đăng ký thường trú', 'dang ky ket hon', 'Nơi cư trú của người chưa thành niên']) {
      const expected = built.search(analyzeQuery({ query: q }), 5);
      expect(expected.length).toBeGreaterThan(0);
      expect(reopened.search(analyzeQuery({ query: q }), 5)).toEqual(expected);
    }
    built.close();
    reopened.close();
  });
});
