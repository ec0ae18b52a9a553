import { describe, expect, it } from 'vitest';
import { probability, type Features } from '../../src/answer/answerability';
import { ANSWERABILITY_MODEL } from '../../src/answer/answerability-model';
import { createAssistant } from '../../src/answer/assistant';
import { isAppError } from '../../src/config/errors';
import { createCatalog } from '../../src/prompts/catalog';
import type { Answer } from '../../src/answer/types';
import type { RetrievalResult } from '../../src/retrieve/types';
import { foldDiacritics } from '../../src/text';
import { createFakeRetriever } from '../fakes/fake-retriever';
import { all, article, citedTexts, cuTru, prompts, quotesOf, seedConference, seedInfra, seedNews, tunables, withText } from './corpus';
import { retrievalOf } from './passages';

const BANG_RONG = 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?';
/** What retrieval might return for it: the right paragraph among other infrastructure news. */
const bangRong = retrievalOf({ items: [...all(seedNews).slice(0, 2), ...withText(seedInfra, 'băng rộng cố định'), ...all(seedInfra).slice(0, 2)], confidence: 0.8 });

async function ask(question: string, retrieval: RetrievalResult, options: { history?: Array<{ question: string }>; t?: Partial<typeof tunables> } = {}): Promise<Answer> {
  const retriever = createFakeRetriever({ results: { [question]: retrieval } });
  const assistant = createAssistant({ retriever, prompts, tunables: { ...tunables, ...options.t } });
  return assistant.ask({ question, history: options.history ?? [] });
}

/** Every quote of the answer occurs verbatim in a chunk of the document its [n] cites. */
function expectVerbatim(answer: Answer, retrieval: RetrievalResult): void {
  const quotes = quotesOf(answer);
  expect(quotes.length).toBeGreaterThan(0);
  for (const { quote, n } of quotes) {
    const citation = answer.citations.find((c) => c.n === n);
    expect(citation, `[${n}] names a citation`).toBeDefined();
    if (citation === undefined) continue;
    expect(citedTexts(citation, retrieval).some((text) => text.includes(quote)), `"${quote.slice(0, 60)}…" is in ${citation.chunkId}`).toBe(true);
    expect(citation.passage).toContain(quote);
  }
}

describe('createAssistant (extractive)', () => {
  it('answers a "bao nhiêu" question with the sentence that holds the figure, quoted verbatim', async () => {
    const answer = await ask(BANG_RONG, bangRong);
    expect(answer.grounded).toBe(true);
    expect(answer.mode).toBe('extractive');
    expect(answer.text).toContain('60 Mbps');
    expectVerbatim(answer, bangRong);
    const [citation] = answer.citations;
    expect(citation?.docId).toBe(seedInfra.doc.id);
    expect(citation?.chunkId).toBe(bangRong.passages.find((p) => p.chunk.text.includes('60 Mbps'))?.chunk.id);
    expect(citation?.inForce).toBe(true);
  });

  it('gives the same answer to the question typed without diacritics', async () => {
    const accented = await ask(BANG_RONG, bangRong);
    const plain = await ask(foldDiacritics(BANG_RONG), bangRong);
    expect(plain.text).toBe(accented.text);
    expect(plain.citations).toEqual(accented.citations);
  });

  it.each([
    ['Thời hạn giải quyết đăng ký thường trú là bao lâu?', [21, 22, 20], 22, '07 ngày làm việc'],
    ['thoi han giai quyet dang ky thuong tru la bao lau', [21, 22, 20], 22, '07 ngày làm việc'],
    ['Hồ sơ đăng ký thường trú gồm những gì?', [22, 21, 20], 21, 'Tờ khai thay đổi thông tin cư trú'],
    ['Lưu trú là gì?', [30, 2, 29], 2, 'Lưu trú là việc công dân ở lại'],
  ])('answers "%s" from the Luật Cư trú, citing the right article', async (question, articles, expected, phrase) => {
    const retrieval = retrievalOf({ items: articles.flatMap((n) => article(cuTru, n)), confidence: 0.7 });
    const answer = await ask(question, retrieval);
    expect(answer.grounded).toBe(true);
    expect(answer.text).toContain(phrase);
    expect(answer.citations[0]?.locator).toMatch(new RegExp(`^Điều ${expected}(,|$)`));
    expect(answer.citations[0]?.docNumber).toBe('68/2020/QH14');
    expectVerbatim(answer, retrieval);
  });

  it('answers a definition with the defining khoản only, without its stray number', async () => {
    const retrieval = retrievalOf({ items: [...article(cuTru, 30), ...article(cuTru, 2)], confidence: 0.7 });
    const answer = await ask('Lưu trú là gì?', retrieval);
    expect(quotesOf(answer).map((q) => q.quote)).toEqual([expect.stringMatching(/^Lưu trú là việc/)]);
  });

  it('answers "có bao nhiêu đại biểu" with the sentence that counts them', async () => {
    const retrieval = retrievalOf({ items: all(seedConference), confidence: 0.6 });
    const answer = await ask('Có bao nhiêu đại biểu tham dự hội nghị quán triệt Nghị quyết 03?', retrieval);
    expect(answer.text).toContain('11.345 đại biểu');
    expectVerbatim(answer, retrieval);
  });

  it('cites each document or article once, whatever the number of its chunks quoted', async () => {
    const retrieval = retrievalOf({ items: [...article(cuTru, 21), ...article(cuTru, 20), ...all(seedInfra)], confidence: 0.7 });
    const answer = await ask('Hồ sơ đăng ký thường trú đối với người quy định tại khoản 2, khoản 3 Điều 20 gồm những gì?', retrieval);
    const sources = answer.citations.map((c) => `${c.docId} ${/^Điều \d+/.exec(c.locator)?.[0] ?? ''}`);
    expect(new Set(sources).size).toBe(sources.length);
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    expectVerbatim(answer, retrieval);
  });

  it('keeps to maxCitations and maxAnswerSentences', async () => {
    const retrieval = retrievalOf({ items: [...article(cuTru, 2), ...article(cuTru, 30), ...article(cuTru, 29)], confidence: 0.7 });
    const answer = await ask('Thông báo lưu trú, khai báo tạm vắng là gì?', retrieval, { t: { maxCitations: 1, maxAnswerSentences: 2 } });
    expect(answer.citations.length).toBeLessThanOrEqual(1);
    expect(quotesOf(answer).length).toBeLessThanOrEqual(2);
  });

  it('quotes the other khoản of the chosen article that retrieval ranks beside it, under one citation', async () => {
    const [k2, k3] = [article(cuTru, 20)[1], article(cuTru, 20)[2]];
    if (k2 === undefined || k3 === undefined) throw new Error('Điều 20 has khoản 2 and 3');
    const retrieval = retrievalOf({ items: [k3, ...all(seedInfra).slice(0, 1), k2, ...all(seedInfra).slice(1, 2)], confidence: 0.7 });
    const answer = await ask('Thuê nhà, ở nhờ thì có được đăng ký thường trú không, cần điều kiện gì?', retrieval);
    expect(answer.grounded).toBe(true);
    expect(answer.citations.filter((c) => c.locator.startsWith('Điều 20'))).toHaveLength(1);
    const quoted = quotesOf(answer).map((q) => q.quote);
    expect(quoted.some((q) => k3.chunk.text.includes(q) && q.includes('thuê, mượn, ở nhờ'))).toBe(true);
    expect(quoted.some((q) => k2.chunk.text.includes(q) && q.startsWith('Công dân được đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu'))).toBe(true);
    expectVerbatim(answer, retrieval);
  });

  it('refuses below the refusal threshold, suggesting the closest documents', async () => {
    const answer = await ask(BANG_RONG, bangRong, { t: { refusalThreshold: 0.99 } });
    expect(answer.answerability?.probability).toBeLessThan(0.99);
    expect(answer.grounded).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.text).toContain(prompts.format('answer.refusal'));
    expect(answer.suggestions?.map((s) => s.docId)).toEqual([seedNews.doc.id, seedInfra.doc.id]);
    expect(answer.suggestions?.[0]).toEqual({ docId: seedNews.doc.id, title: seedNews.doc.title });
    expect(answer.text).not.toMatch(/\]\(|\/documents\//);
  });

  it('refuses when no sentence answers, however sure retrieval is', async () => {
    const retrieval = retrievalOf({ items: [...article(cuTru, 22), ...withText(seedInfra, 'băng rộng cố định')], confidence: 0.95 });
    const answer = await ask('Mức lương tối thiểu vùng năm 2024 là bao nhiêu?', retrieval);
    expect(answer.grounded).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it('never passes evidence on another year or place off as the answer, however low the threshold', async () => {
    const onlyStated = (a: Answer) => a.notes.some((n) => n.kind === 'only-stated');
    for (const question of ['Tốc độ băng rộng cố định của Hải Phòng năm 2031 đạt bao nhiêu?', 'Tốc độ băng rộng cố định của quận Lê Chân đạt bao nhiêu?']) {
      const answer = await ask(question, bangRong, { t: { refusalThreshold: 0.01 } });
      // The model alone would answer; the rule makes the probability 0.
      expect(probability(ANSWERABILITY_MODEL, answer.answerability?.features as Features), question).toBeGreaterThanOrEqual(0.01);
      expect(answer.answerability?.probability, question).toBe(0);
      expect(answer.confidence, question).toBe(0);
      expect(!answer.grounded || onlyStated(answer), question).toBe(true);
    }
    // The place has no neighbouring value to state: refused.
    expect((await ask('Tốc độ băng rộng cố định của quận Lê Chân đạt bao nhiêu?', bangRong, { t: { refusalThreshold: 0.01 } })).grounded).toBe(false);
  });

  it('answers a question on another quarter with what the news states, flagged "chỉ nêu … quý I"', async () => {
    const question = 'Doanh thu kinh tế số quý II/2022 đạt bao nhiêu?';
    const economy = retrievalOf({ items: withText(seedNews, 'doanh thu kinh tế số'), confidence: 0.7 });
    const answer = await ask(question, economy);
    expect(answer.answerability?.probability).toBe(0);
    expect(answer.grounded).toBe(true);
    expect(answer.notes).toEqual([{ kind: 'only-stated', asked: ['quý II'], stated: ['quý I'] }]);
    expect(answer.text).toContain('Văn bản chỉ nêu số liệu quý I');
    expect(answer.text).toContain('53 tỷ USD');
    // Asked for the quarter the news states: answered as such.
    const same = await ask('Doanh thu kinh tế số quý I/2022 đạt bao nhiêu?', economy);
    expect(same.notes).toEqual([]);
    expect(same.answerability?.features.qualifiersMissing).toBe(0);
  });

  it('refuses without suggestions when retrieval found nothing', async () => {
    const answer = await ask('Thủ tục cấp phép xây dựng nhà ở riêng lẻ?', { passages: [], confidence: 0, mode: 'lexical' });
    expect(answer.grounded).toBe(false);
    expect(answer.suggestions).toBeUndefined();
    expect(answer.text).toBe(prompts.format('answer.refusal'));
  });

  it('decides by one calibrated number: grounded exactly when its probability reaches refusalThreshold, which is its confidence', async () => {
    const p = (await ask(BANG_RONG, bangRong)).answerability?.probability ?? Number.NaN;
    for (const refusalThreshold of [0.2, 0.5, 0.7, 0.79, 0.81, 0.95]) {
      const answer = await ask(BANG_RONG, bangRong, { t: { refusalThreshold } });
      expect(answer.grounded, `threshold ${refusalThreshold}, probability ${p}`).toBe(p >= refusalThreshold);
      expect(answer.confidence).toBe(p);
    }
  });

  it('says when a cited document is out of force', async () => {
    const repealed = { ...cuTru, doc: { ...cuTru.doc, meta: { ...cuTru.doc.meta, inForce: false } } };
    const retrieval = retrievalOf({ items: article(repealed, 2), confidence: 0.7 });
    const answer = await ask('Lưu trú là gì?', retrieval);
    expect(answer.citations[0]?.inForce).toBe(false);
    expect(answer.notes).toEqual([{ kind: 'out-of-force', n: 1, title: 'Luật Cư trú (68/2020/QH14)' }]);
    expect(answer.text).toContain(prompts.format('answer.outOfForce', { n: 1, title: 'Luật Cư trú (68/2020/QH14)' }));
    expectVerbatim(answer, retrieval);
  });

  it('resolves a follow-up against the history before retrieving', async () => {
    const resolved = 'Thời hạn đăng ký thường trú?';
    const retrieval = retrievalOf({ items: [...article(cuTru, 21), ...article(cuTru, 22)], confidence: 0.7 });
    const retriever = createFakeRetriever({ results: { [resolved]: retrieval } });
    const assistant = createAssistant({ retriever, prompts, tunables });
    const answer = await assistant.ask({ question: 'còn thời hạn thì sao?', history: [{ question: 'Hồ sơ đăng ký thường trú gồm những gì?', answer: '…' }] });
    expect(retriever.calls.map((c) => c.query)).toEqual([resolved]);
    expect(answer.resolvedQuestion).toBe(resolved);
    expect(answer.understoodAs).toBe(resolved);
    expect(answer.text).toContain('thời hạn');
  });

  it('asks for a question when the question is empty, without retrieving', async () => {
    const retriever = createFakeRetriever({ results: {} });
    const answer = await createAssistant({ retriever, prompts, tunables }).ask({ question: '   ' });
    expect(answer.text).toBe(prompts.format('answer.emptyQuestion'));
    expect(retriever.calls).toEqual([]);
  });

  it('throws ABORTED when the question is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const assistant = createAssistant({ retriever: createFakeRetriever({ results: {} }), prompts, tunables });
    await expect(assistant.ask({ question: BANG_RONG, abortSignal: controller.signal })).rejects.toSatisfy((e) => isAppError(e, 'ABORTED'));
  });

  it('fails at creation when a prompt text is missing', () => {
    expect(() => createAssistant({ retriever: createFakeRetriever({ results: {} }), prompts: createCatalog(new Map()), tunables })).toThrow(/answer\.refusal/);
  });
});
