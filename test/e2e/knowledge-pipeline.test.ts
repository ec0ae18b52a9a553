import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { openSnapshot, type Snapshot } from '../../src/index/open-snapshot';
import { createLexicalRetriever } from '../../src/retrieve/lexical-retriever';
import type { Retriever } from '../../src/retrieve/types';
import { foldDiacritics } from '../../src/text/index';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// knowledge folder → ingest → chunk → snapshot → lexical retriever, with real law text.
let root = '';
let snapshot: Snapshot;
let retriever: Retriever;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'troly-e2e-'));
  writeLawKnowledge(join(root, 'knowledge'));
  const built = await buildSnapshot({ knowledgeDir: join(root, 'knowledge'), dataDir: join(root, 'data'), tunables: { ...DEFAULT_TUNABLES } });
  expect(built.ingest.problems.map((p) => p.path).sort()).toEqual(['bao-cao-quy-1.docx', 'ghi-chu.txt']);
  snapshot = openSnapshot({ dataDir: join(root, 'data'), tunables: { ...DEFAULT_TUNABLES } });
  retriever = createLexicalRetriever(snapshot);
});
afterAll(() => {
  snapshot.close();
  rmSync(root, { recursive: true, force: true });
});

async function first(query: string) {
  const result = await retriever.retrieve({ query, k: 3 });
  expect(result.mode).toBe('lexical');
  const top = result.passages[0];
  return { id: top?.chunk.id, locator: top?.chunk.locator, docNumber: top?.doc.meta.docNumber, text: top?.chunk.text ?? '', confidence: result.confidence };
}

describe('knowledge pipeline (lexical)', () => {
  it.each([
    ['Công dân thuê nhà có được đăng ký thường trú tại chỗ ở thuê không?', 'luat-cu-tru#dieu-20-khoan-3-0', 'Điều 20, khoản 3', 'do thuê, mượn, ở nhờ'],
    ['Hồ sơ đăng ký thường trú đối với người ở nhờ gồm những giấy tờ gì?', 'luat-cu-tru#dieu-21', 'Điều 21', 'Hồ sơ đăng ký thường trú'],
    ['Nam nữ kết hôn cần đủ bao nhiêu tuổi?', 'luat-hon-nhan-va-gia-dinh#dieu-8-0', 'Điều 8', 'Nam từ đủ 20 tuổi trở lên'],
    ['Hậu quả pháp lý khi hủy việc kết hôn trái pháp luật', 'luat-hon-nhan-va-gia-dinh#dieu-12-0', 'Điều 12', 'Khi việc kết hôn trái pháp luật bị hủy'],
  ])('finds the passage for "%s" with and without diacritics', async (question, chunkId, locator, passage) => {
    for (const query of [question, foldDiacritics(question)]) {
      const top = await first(query);
      expect(top.id?.startsWith(chunkId)).toBe(true);
      expect(top.locator?.startsWith(locator)).toBe(true);
      expect(top.text).toContain(passage);
    }
  });

  it('uses the số hiệu and the "Điều N" a question names', async () => {
    const byNumber = await first('Luật 52/2014/QH13 quy định phạm vi điều chỉnh thế nào?');
    expect(byNumber.locator).toBe('Điều 1');
    expect(byNumber.docNumber).toBe('52/2014/QH13');
    const byArticle = await first('Điều 13 Luật Cư trú quy định gì?');
    expect(byArticle.id).toBe('luat-cu-tru#dieu-13-0');
  });

  it('is more confident about a question the laws answer than about an unrelated one', async () => {
    const onTopic = await first('Điều kiện kết hôn của nam và nữ là gì?');
    const offTopic = await retriever.retrieve({ query: 'Cách nấu phở bò Nam Định như thế nào?', k: 3 });
    expect(onTopic.confidence).toBeGreaterThan(offTopic.confidence);
    // The refusal threshold is on the answerability probability now, not on retrieval's scale.
    expect(onTopic.confidence - offTopic.confidence).toBeGreaterThan(0.2);
  });
});
