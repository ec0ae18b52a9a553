import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/chunk/types';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import type { LexicalEntry } from '../../src/index/lexical-index';
import { createArticleChunks } from '../../src/retrieve/article-chunks';
import { rankCandidates } from '../../src/retrieve/rank-features';
import type { RetrievedPassage } from '../../src/retrieve/types';

/** Two documents: Điều 5 of "a" has two khoản chunks, each with half of the question's words. */
const CHUNKS: Array<Pick<Chunk, 'id' | 'docId' | 'locator' | 'text'>> = [
  { id: 'a#5-1', docId: 'a', locator: 'Điều 5, khoản 1', text: 'Công dân phải đăng ký tại cơ quan công an.' },
  { id: 'a#5-2', docId: 'a', locator: 'Điều 5, khoản 2', text: 'Hồ sơ gồm tờ khai thay đổi thông tin tạm trú.' },
  { id: 'a#6', docId: 'a', locator: 'Điều 6', text: 'Đăng ký thường trú tại nơi ở hợp pháp.' },
  { id: 'b#2', docId: 'b', locator: 'Điều 2', text: 'Đăng ký kết hôn tại Ủy ban nhân dân cấp xã.' },
  { id: 'b#p', docId: 'b', locator: 'Đoạn 1', text: 'Lời nói đầu.' },
];

function chunk(c: (typeof CHUNKS)[number]): Chunk {
  return { ...c, ordinal: 0, headingPath: [c.locator.split(',')[0] ?? ''], start: 0, end: c.text.length, kind: 'legal' };
}

const entries: LexicalEntry[] = CHUNKS.map((c) => ({ chunkId: c.id, text: c.text, heading: '' }));
const lexical = buildBm25Index({ entries, params: { ...DEFAULT_TUNABLES } });
const passage = (id: string, score: number): RetrievedPassage => {
  const c = CHUNKS.find((x) => x.id === id);
  if (c === undefined) throw new Error(id);
  return { chunk: chunk(c), doc: { id: c.docId, title: c.docId === 'a' ? 'Luật Cư trú' : 'Luật Hôn nhân', meta: {} }, score, scores: { lexical: score } };
};
const store = { calls: 0, chunksOfDocument(docId: string): Chunk[] { this.calls++; return CHUNKS.filter((c) => c.docId === docId).map(chunk); } };

describe('rankCandidates: article-level features', () => {
  const question = 'đăng ký tạm trú';
  const passages = [passage('a#5-1', 3), passage('a#6', 3), passage('b#2', 2)];

  it('finds the words of the question spread over the clauses of one article, pooled or not', () => {
    const withArticles = rankCandidates({ passages, question, searched: question, lexical, namedDocuments: new Set(), articleChunks: createArticleChunks({ store }) });
    const dieu5 = withArticles.find((c) => c.key === 'a#dieu-5');
    // The best chunk has "đăng ký" only; khoản 2 (not in the pool) has "tạm trú".
    expect(dieu5?.features.chunkCoverage).toBeLessThan(0.7);
    expect(dieu5?.features.articleCoverage).toBe(1);
    expect(dieu5?.features.articleBigramCoverage).toBeGreaterThan(dieu5?.features.chunkBigramCoverage ?? 1);
    // Without the store, an article is its pooled chunks: the same as its best chunk here.
    const poolOnly = rankCandidates({ passages, question, searched: question, lexical, namedDocuments: new Set() });
    const alone = poolOnly.find((c) => c.key === 'a#dieu-5');
    expect(alone?.features.articleCoverage).toBeCloseTo(alone?.features.chunkCoverage ?? -1, 10);
  });
});

describe('createArticleChunks', () => {
  it("lists an article's chunks in document order, reads each document once, and knows no section or missing article", () => {
    store.calls = 0;
    const articleChunks = createArticleChunks({ store });
    expect(articleChunks('a', 5)).toEqual(['a#5-1', 'a#5-2']);
    expect(articleChunks('a', 6)).toEqual(['a#6']);
    expect(articleChunks('a', 7)).toEqual([]);
    expect(articleChunks('b', 2)).toEqual(['b#2']);
    expect(store.calls).toBe(2);
  });

  it('forgets documents once its limit is reached, and reads them again', () => {
    store.calls = 0;
    const articleChunks = createArticleChunks({ store, limit: 1 });
    articleChunks('a', 5);
    articleChunks('b', 2);
    articleChunks('a', 5);
    expect(store.calls).toBe(3);
  });
});

describe('rankCandidates: article heading features', () => {
  const heading = (id: string, docId: string, locator: string, title: string, text: string): RetrievedPassage => ({
    chunk: { id, docId, locator, text, ordinal: 0, headingPath: ['Chương II', `${locator}. ${title}`], start: 0, end: text.length, kind: 'legal' },
    doc: { id: docId, title: 'Luật Doanh nghiệp', meta: {} },
    score: 1,
    scores: { lexical: 1 },
  });
  const texts = [
    heading('d#88', 'd', 'Điều 88', 'Doanh nghiệp nhà nước', 'Doanh nghiệp nhà nước được tổ chức dưới hình thức công ty trách nhiệm hữu hạn.'),
    heading('d#4', 'd', 'Điều 4', 'Giải thích từ ngữ', 'Doanh nghiệp nhà nước bao gồm các doanh nghiệp do Nhà nước nắm giữ vốn điều lệ.'),
    heading('d#5', 'd', 'Điều 5', 'Bảo đảm của Nhà nước đối với doanh nghiệp và chủ sở hữu doanh nghiệp', 'Nhà nước công nhận sự tồn tại lâu dài của doanh nghiệp.'),
  ];
  const index = buildBm25Index({ entries: texts.map((p) => ({ chunkId: p.chunk.id, text: p.chunk.text, heading: '' })), params: { ...DEFAULT_TUNABLES } });
  const question = 'Doanh nghiệp nhà nước nắm giữ bao nhiêu vốn điều lệ?';
  const ranked = rankCandidates({ passages: texts, question, searched: question, lexical: index, namedDocuments: new Set() });
  const byKey = (key: string) => ranked.find((c) => c.key === key)?.features;

  it('measures how much of an article heading (without "Điều N") the question contains', () => {
    expect(byKey('d#dieu-88')?.titleContainment).toBe(1);
    expect(byKey('d#dieu-88')?.titleBigramContainment).toBe(1);
    // "Bảo đảm của Nhà nước đối với doanh nghiệp…": a few of its words only.
    expect(byKey('d#dieu-5')?.titleContainment).toBeGreaterThan(0);
    expect(byKey('d#dieu-5')?.titleContainment).toBeLessThan(0.6);
    expect(byKey('d#dieu-4')?.titleContainment).toBe(0);
  });
});
