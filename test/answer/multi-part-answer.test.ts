import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/answer/assistant';
import { questionParts } from '../../src/answer/question-parts';
import type { Answer } from '../../src/answer/types';
import type { RetrievalResult } from '../../src/retrieve/types';
import { createFakeRetriever } from '../fakes/fake-retriever';
import { article, cuTru, prompts, seedConference, tunables, withText } from './corpus';
import { retrievalOf } from './passages';

async function ask(question: string, retrieval: RetrievalResult): Promise<Answer> {
  const retriever = createFakeRetriever({ results: { [question]: retrieval } });
  return createAssistant({ retriever, prompts, tunables }).ask({ question });
}

describe('questionParts', () => {
  it('cuts a question where both sides ask something, giving later parts the subject of the first', () => {
    const parts = questionParts('Hội nghị trực tuyến quán triệt NQ 03 có bao nhiêu điểm cầu, bao nhiêu đại biểu?');
    expect(parts.map((p) => p.text)).toEqual(['Hội nghị trực tuyến quán triệt NQ 03 có bao nhiêu điểm cầu', 'bao nhiêu đại biểu']);
    expect(parts[1]?.question).toContain('Hội nghị trực tuyến quán triệt NQ 03');
    expect(parts[1]?.question).toContain('bao nhiêu đại biểu');
    // What each part is about, without its question words.
    expect(parts[1]?.terms).toEqual(['dai', 'bieu']);
    expect(questionParts('Văn bản này ai ký và ngày nào?').map((p) => p.text)).toEqual(['Văn bản này ai ký', 'ngày nào']);
    expect(questionParts('Thoi han tam tru toi da la bao lau, co gia han duoc khong').map((p) => p.text)).toEqual(['Thoi han tam tru toi da la bao lau', 'co gia han duoc khong']);
  });

  it('keeps one question whole when only one side asks', () => {
    for (const q of ['Tốc độ băng rộng cố định của Hải Phòng và trung bình cả nước là bao nhiêu?', 'Bao nhiêu tuổi thì được bầu cử và ứng cử đại biểu Quốc hội?', 'Điều kiện kết hôn gồm những gì?']) {
      const parts = questionParts(q);
      expect(parts).toHaveLength(1);
      expect(parts[0]?.question).toBe(q);
    }
  });
});

describe('answering a multi-part question', () => {
  it('answers every part from its evidence, each with its citation', async () => {
    // The conference story states both figures; the question asks them as two parts.
    const question = 'Hội nghị trực tuyến quán triệt Nghị quyết 03 có bao nhiêu điểm cầu, bao nhiêu đại biểu?';
    const answer = await ask(question, retrievalOf({ items: withText(seedConference, 'điểm cầu'), confidence: 0.8 }));
    expect(answer.grounded).toBe(true);
    expect(answer.text).toMatch(/327 điểm cầu/);
    expect(answer.text).toMatch(/11\.345 đại biểu/);
    expect(answer.notes.filter((n) => n.kind === 'part-not-stated')).toEqual([]);
    for (const s of answer.sentences) expect(s.cites.every((n) => answer.citations.some((c) => c.n === n))).toBe(true);
  });

  it('says which part the documents do not state, and answers the other', async () => {
    const question = 'Thời hạn tạm trú tối đa là bao lâu, lệ phí đăng ký tạm trú là bao nhiêu tiền?';
    const answer = await ask(question, retrievalOf({ items: article(cuTru, 27), confidence: 0.8 }));
    expect(answer.grounded).toBe(true);
    expect(answer.text).toContain('Thời hạn tạm trú tối đa là 02 năm');
    expect(answer.notes).toContainEqual({ kind: 'part-not-stated', part: 'lệ phí đăng ký tạm trú là bao nhiêu tiền' });
    expect(answer.text).toContain(prompts.format('answer.partNotStated', { part: 'lệ phí đăng ký tạm trú là bao nhiêu tiền' }));
    // The note comes after the quotes.
    expect(answer.text.indexOf('02 năm')).toBeLessThan(answer.text.indexOf('lệ phí đăng ký tạm trú'));
  });

  it('does not quote the same sentence twice nor number a source twice', async () => {
    const question = 'Thời hạn tạm trú tối đa là bao lâu, có gia hạn được không?';
    const answer = await ask(question, retrievalOf({ items: article(cuTru, 27), confidence: 0.8 }));
    const texts = answer.sentences.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(answer.citations.map((c) => `${c.docId}|${c.locator}`)).size).toBe(answer.citations.length);
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
    expect(answer.notes.filter((n) => n.kind === 'part-not-stated')).toEqual([]);
  });

  it('keeps the refusal of the whole question', async () => {
    const question = 'Giá vé máy bay là bao nhiêu, mua ở đâu?';
    const answer = await ask(question, retrievalOf({ items: article(cuTru, 27), confidence: 0.1 }));
    expect(answer.grounded).toBe(false);
    expect(answer.notes).toEqual([]);
  });
});
