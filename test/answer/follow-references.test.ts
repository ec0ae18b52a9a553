import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/answer/assistant';
import { createDocumentCache, type DocumentReader } from '../../src/answer/document-cache';
import { createReferenceFollower, MAX_FOLLOWED_REFERENCES, MAX_REFERENCE_QUOTE_CHARS } from '../../src/answer/follow-references';
import type { Answer } from '../../src/answer/types';
import type { RetrievalResult } from '../../src/retrieve/types';
import { chunkDocument } from '../../src/chunk';
import type { SourceDocument } from '../../src/ingest/types';
import { createFakeRetriever } from '../fakes/fake-retriever';
import { article, cuTru, prompts, tunables, withText } from './corpus';
import { retrievalOf } from './passages';

/** The store as following a reference reads it: the Luật Cư trú (ALQAC 2023), chunked by the project's chunker. */
const reader: DocumentReader & { reads: string[] } = {
  reads: [],
  getDocument(id) {
    this.reads.push(id);
    return id === cuTru.doc.id ? { ...cuTru.doc } : undefined;
  },
  chunksOfDocument: (id) => (id === cuTru.doc.id ? cuTru.chunks : []),
};

async function ask(question: string, retrieval: RetrievalResult, documents: DocumentReader | null = reader): Promise<Answer> {
  const retriever = createFakeRetriever({ results: { [question]: retrieval } });
  return createAssistant({ retriever, prompts, tunables, ...(documents === null ? {} : { documents }) }).ask({ question });
}

const CHO_O = 'Những chỗ ở nào không được đăng ký thường trú mới?';
/** Retrieval finds the clause that only refers to Điều 23 ("tại chỗ ở quy định tại Điều 23"), not Điều 23 itself. */
const khoan8 = retrievalOf({ items: withText(cuTru, 'không được đăng ký thường trú mới tại chỗ ở quy định tại Điều 23'), confidence: 0.8 });

/**
 * A law-shaped document chunked by the project's chunker, a reference follower over it, and the
 * extractive answer that quotes `sentence` of its Điều 1 with citation [1].
 */
function quotingArticle1({ id, articles, sentence }: { id: string; articles: readonly string[]; sentence: string }) {
  const text = ['# Luật Mẫu', ...articles].join('\n\n');
  const doc: SourceDocument = { id, title: 'Luật Mẫu', text, meta: {}, source: { path: `${id}.md`, format: 'md', bytes: text.length, contentHash: id } };
  const chunks = chunkDocument({ doc });
  const first = chunks.find((c) => c.locator === 'Điều 1');
  if (first === undefined) throw new Error('Điều 1 not chunked');
  const answer: Answer = {
    text: sentence,
    sentences: [{ text: sentence, cites: [1] }],
    notes: [],
    grounded: true,
    confidence: 0.9,
    citations: [{ n: 1, docId: doc.id, title: doc.title, locator: first.locator, chunkId: first.id, passage: sentence }],
    mode: 'extractive',
    resolvedQuestion: 'hồ sơ đăng ký hộ kinh doanh',
  };
  const follow = createReferenceFollower({ documents: createDocumentCache({ getDocument: (d) => (d === doc.id ? doc : undefined), chunksOfDocument: (d) => (d === doc.id ? chunks : []) }), prompts });
  return { text, answer, follow };
}

describe('following references within a document', () => {
  it('quotes the article a chosen clause only refers to, with its own citation, before the clause', async () => {
    const without = await ask(CHO_O, khoan8, null);
    expect(without.text).not.toContain('Chỗ ở bị tịch thu');
    const answer = await ask(CHO_O, khoan8);
    expect(answer.grounded).toBe(true);
    expect(answer.text).toContain('Chỗ ở bị tịch thu theo quyết định của cơ quan nhà nước có thẩm quyền');
    expect(answer.text).toContain('Chỗ ở là nhà ở đã có quyết định phá dỡ');
    const referring = answer.sentences.findIndex((s) => s.text.includes('quy định tại Điều 23'));
    const referred = answer.sentences.findIndex((s) => s.text.includes('Chỗ ở bị tịch thu'));
    // The clause says nothing of its own beyond "the places of Điều 23": what it points to leads.
    expect(referring).toBeGreaterThanOrEqual(1);
    expect(referred).toBe(referring - 1);
    const [n] = answer.sentences[referred]?.cites ?? [];
    const citation = answer.citations.find((c) => c.n === n);
    expect(citation?.locator).toBe('Điều 23');
    expect(citation?.chunkId).toBe(article(cuTru, 23)[0]?.chunk.id);
    expect(citation?.docNumber).toBe('68/2020/QH14');
    // Verbatim, and a whole article keeps its own numbering ("1." … "5.").
    expect(cuTru.doc.text).toContain(answer.sentences[referred]?.text);
    expect(answer.sentences[referred]?.text.startsWith('1. Chỗ ở nằm trong địa điểm cấm')).toBe(true);
    // The answer's own sources keep their numbers; the followed unit comes after them; every one is cited.
    expect(n).toBe(without.citations.length + 1);
    expect(answer.citations.slice(0, without.citations.length).map((c) => c.locator)).toEqual(without.citations.map((c) => c.locator));
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    expect(new Set(answer.sentences.flatMap((s) => s.cites))).toEqual(new Set(answer.citations.map((c) => c.n)));
    expect(answer.text).toContain(`[${n}]`);
  });

  it('does not follow a reference that does not bear on the question', async () => {
    // The same clause also refers to điểm a khoản 2 Điều 20 (vợ về ở với chồng…): not what was asked.
    const answer = await ask(CHO_O, khoan8);
    expect(answer.text).not.toContain('Vợ về ở với chồng');
    expect(answer.citations.some((c) => c.locator === 'Điều 20, khoản 2, điểm a')).toBe(false);
  });

  it('quotes a referenced khoản without its number, cited as that khoản', async () => {
    // Điều 20 khoản 3 opens "Trừ trường hợp quy định tại khoản 2 Điều này, …": khoản 2 is about the same registration.
    const question = 'Đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình khi được chủ hộ đồng ý thì cần điều kiện gì?';
    const clause3 = retrievalOf({ items: withText(cuTru, 'Trừ trường hợp quy định tại khoản 2 Điều này, công dân được đăng ký thường trú'), confidence: 0.8 });
    const answer = await ask(question, clause3);
    const cited = answer.citations.find((c) => c.locator === 'Điều 20, khoản 2');
    expect(cited, answer.citations.map((c) => c.locator).join('; ')).toBeDefined();
    const quote = answer.sentences.find((s) => s.cites.includes(cited?.n ?? -1))?.text ?? '';
    // Khoản 3 states conditions of its own (a floor area, the chủ hộ's consent): it stays first.
    const referring = answer.sentences.findIndex((s) => s.text.includes('Trừ trường hợp quy định tại khoản 2 Điều này'));
    expect(referring).toBeGreaterThanOrEqual(0);
    expect(answer.sentences.findIndex((s) => s.text === quote)).toBeGreaterThan(referring);
    expect(quote.startsWith('Công dân được đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình')).toBe(true);
    expect(cuTru.doc.text).toContain(quote);
  });

  it('does not quote again what the answer quotes already', async () => {
    // Điều 27 is one chunk; its khoản 3 refers to Điều 23, its text to nothing else in the article.
    const question = 'Thời hạn tạm trú tối đa là bao lâu?';
    const answer = await ask(question, retrievalOf({ items: article(cuTru, 27), confidence: 0.8 }));
    const texts = answer.sentences.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(answer.citations.filter((c) => c.locator.startsWith('Điều 27'))).toHaveLength(1);
  });

  it('is bounded: at most MAX_FOLLOWED_REFERENCES units, a long one cut at a line within MAX_REFERENCE_QUOTE_CHARS', () => {
    // A law-shaped text whose Điều 1 refers to three articles that all bear on the question, one of them long.
    const item = (i: number) => `${String.fromCharCode(96 + i)}) Hồ sơ đăng ký hộ kinh doanh phải có giấy tờ số ${i} theo mẫu do cơ quan đăng ký kinh doanh cấp huyện ban hành, nộp kèm bản sao giấy tờ tùy thân của chủ hộ kinh doanh.`;
    const sentence = 'Hộ kinh doanh nộp hồ sơ đăng ký hộ kinh doanh theo quy định tại Điều 2 của Luật này, kèm giấy tờ quy định tại Điều 3 và lệ phí quy định tại Điều 4 của Luật này.';
    const { text, answer, follow } = quotingArticle1({
      id: 'luat-mau',
      sentence,
      articles: [
        'Điều 1. Đăng ký hộ kinh doanh',
        sentence,
        'Điều 2. Hồ sơ đăng ký hộ kinh doanh',
        `Hồ sơ đăng ký hộ kinh doanh gồm:\n\n${Array.from({ length: 12 }, (_, i) => item(i + 1)).join('\n\n')}`,
        'Điều 3. Giấy tờ đăng ký hộ kinh doanh',
        'Giấy tờ đăng ký hộ kinh doanh gồm bản sao giấy tờ tùy thân của chủ hộ kinh doanh.',
        'Điều 4. Lệ phí đăng ký hộ kinh doanh',
        'Lệ phí đăng ký hộ kinh doanh do Hội đồng nhân dân cấp tỉnh quy định.',
      ],
    });
    const followed = follow({ answer, question: 'Hồ sơ đăng ký hộ kinh doanh gồm những giấy tờ gì?' });
    expect(followed.citations.map((c) => c.locator)).toEqual(['Điều 1', 'Điều 2', 'Điều 3']);
    expect(followed.citations).toHaveLength(1 + MAX_FOLLOWED_REFERENCES);
    // Điều 1 only points to Điều 2 and 3 ("theo quy định tại Điều 2", "kèm giấy tờ quy định tại Điều 3"): they lead, in order
    // (the citations keep the source's number: it is what retrieval found).
    expect(followed.sentences.map((s) => s.cites)).toEqual([[2], [3], [1]]);
    const long = followed.sentences[0]?.text ?? '';
    expect(long.length).toBeLessThanOrEqual(MAX_REFERENCE_QUOTE_CHARS + 2);
    expect(long.endsWith(' …')).toBe(true);
    expect(text).toContain(long.slice(0, -2));
    expect(long).toContain('a) Hồ sơ đăng ký hộ kinh doanh');
    expect(long).not.toContain('l) Hồ sơ');
    // Written (LLM) answers and refusals are returned as they are.
    expect(follow({ answer: { ...answer, mode: 'llm' }, question: 'Hồ sơ đăng ký hộ kinh doanh gồm những giấy tờ gì?' }).citations).toHaveLength(1);
  });

  it('quotes the referenced unit instead of a clause that says nothing but the reference', () => {
    const sentence = 'Hồ sơ đăng ký hộ kinh doanh thực hiện theo quy định tại Điều 2 của Luật này.';
    const { follow, answer } = quotingArticle1({
      id: 'luat-mau-2',
      sentence,
      articles: ['Điều 1. Đăng ký hộ kinh doanh', sentence, 'Điều 2. Hồ sơ đăng ký hộ kinh doanh', 'Hồ sơ đăng ký hộ kinh doanh gồm giấy đề nghị đăng ký hộ kinh doanh và bản sao giấy tờ tùy thân của chủ hộ kinh doanh.'],
    });
    const followed = follow({ answer, question: 'Hồ sơ đăng ký hộ kinh doanh gồm những gì?' });
    expect(followed.sentences).toEqual([{ text: 'Hồ sơ đăng ký hộ kinh doanh gồm giấy đề nghị đăng ký hộ kinh doanh và bản sao giấy tờ tùy thân của chủ hộ kinh doanh.', cites: [1] }]);
    expect(followed.citations.map((c) => c.locator)).toEqual(['Điều 2']);
    expect(followed.text).not.toContain('thực hiện theo quy định');
  });

  it('leaves refusals alone and reads nothing for them', async () => {
    reader.reads.length = 0;
    const answer = await ask('Giá vé máy bay Hà Nội đi Đà Nẵng là bao nhiêu?', retrievalOf({ items: article(cuTru, 27), confidence: 0.1 }));
    expect(answer.grounded).toBe(false);
    expect(reader.reads).toEqual([]);
  });
});
