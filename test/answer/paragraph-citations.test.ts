import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/answer/assistant';
import type { DocumentReader } from '../../src/answer/document-cache';
import type { Answer } from '../../src/answer/types';
import type { RetrievalResult } from '../../src/retrieve/types';
import { createFakeRetriever } from '../fakes/fake-retriever';
import { article, cuTru, prompts, seedConference, tunables, withText } from './corpus';
import { retrievalOf } from './passages';

const docs = [seedConference, cuTru];
const reader: DocumentReader = {
  getDocument: (id) => docs.find((d) => d.doc.id === id)?.doc,
  chunksOfDocument: (id) => docs.find((d) => d.doc.id === id)?.chunks ?? [],
};

async function ask(question: string, retrieval: RetrievalResult, documents?: DocumentReader): Promise<Answer> {
  const retriever = createFakeRetriever({ results: { [question]: retrieval } });
  return createAssistant({ retriever, prompts, tunables, ...(documents === undefined ? {} : { documents }) }).ask({ question });
}

describe('citations of non-legal documents', () => {
  const question = 'Hội nghị quán triệt Nghị quyết 03 được tổ chức trực tuyến đến bao nhiêu điểm cầu?';
  const retrieval = retrievalOf({ items: withText(seedConference, '327 điểm cầu'), confidence: 0.8 });

  it('name the paragraph quoted, not the paragraphs the chunk spans', async () => {
    const plain = await ask(question, retrieval);
    const chunkLocator = plain.citations[0]?.locator ?? '';
    expect(chunkLocator).toMatch(/^Đoạn \d+–\d+/);
    const answer = await ask(question, retrieval, reader);
    expect(answer.text).toContain('327 điểm cầu');
    // The story (seeds/000) has no headings: a title line, then "Ngày 21/4…" (1) with the photo
    // caption on the line under it (2), the caption again (3), "Tham dự Hội nghị…" (4), and the 327
    // điểm cầu (5). The answer quotes the 5th paragraph (the one stating the figure asked), and the
    // citation names that paragraph alone, not the 1st to 7th the chunk spans.
    const cited = answer.citations.find((c) => answer.sentences.some((s) => s.text.includes('327 điểm cầu') && s.cites.includes(c.n)));
    expect(answer.sentences.some((s) => s.text.startsWith('Tham dự Hội nghị'))).toBe(false);
    expect(cited?.locator).toBe('Đoạn 5');
    expect(cited?.chunkId).toBe(plain.citations[0]?.chunkId);
  });

  it('leave the locators of legal texts as they are', async () => {
    const q = 'Thời hạn tạm trú tối đa là bao lâu?';
    const r = retrievalOf({ items: article(cuTru, 27), confidence: 0.8 });
    const [plain, withDocs] = [await ask(q, r), await ask(q, r, reader)];
    expect(withDocs.citations.map((c) => c.locator)).toEqual(plain.citations.map((c) => c.locator));
    expect(withDocs.citations[0]?.locator).toBe('Điều 27');
  });
});
