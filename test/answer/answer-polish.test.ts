import { describe, expect, it } from 'vitest';
import { FRAGMENT_MARK, numberInOrder, polishAnswer } from '../../src/answer/answer-polish';
import { evidenceQuote } from '../../src/answer/evidence-quote';
import { answerUnits } from '../../src/answer/answer-units';
import type { Answer, Citation } from '../../src/answer/types';
import { article, cuTru, prompts, seedInfra, withText } from './corpus';
import { retrievalOf } from './passages';

const citation = (n: number, docId: string): Citation => ({ n, docId, title: docId, locator: 'Đoạn 1', chunkId: `${docId}#doan-1-0`, passage: 'p' });

function answerOf(sentences: Answer['sentences'], citations: Citation[]): Answer {
  return { text: '', sentences, notes: [], grounded: true, confidence: 0.9, citations, mode: 'extractive', resolvedQuestion: 'q' };
}

describe('polishAnswer', () => {
  // Real sentences of a Hải Phòng infrastructure story (seeds/001).
  const broadband = withText(seedInfra, 'tốc độ băng rộng cố định')[0]?.chunk.text ?? '';
  const sentence = broadband.match(/[^.\n]*tốc độ băng rộng cố định[^.\n]*\./)?.[0]?.trim() ?? '';

  it('gives a quote once, where it first stands, and drops the source only the repeat cited', () => {
    expect(sentence.length).toBeGreaterThan(20);
    const answer = polishAnswer({ answer: answerOf([{ text: sentence, cites: [1] }, { text: 'Hải Phòng đã hoàn thành kết nối kênh truyền số liệu chuyên dùng.', cites: [2] }, { text: sentence, cites: [3] }], [citation(1, 'a'), citation(2, 'b'), citation(3, 'c')]), prompts });
    expect(answer.sentences.map((s) => s.text)).toEqual([sentence, 'Hải Phòng đã hoàn thành kết nối kênh truyền số liệu chuyên dùng.']);
    expect(answer.citations.map((c) => [c.n, c.docId])).toEqual([[1, 'a'], [2, 'b']]);
    expect(answer.text.split(sentence.slice(0, -1))).toHaveLength(2);
  });

  it('keeps the longer of two quotes when one holds the other', () => {
    const part = sentence.slice(0, Math.floor(sentence.length / 2));
    const answer = polishAnswer({ answer: answerOf([{ text: part, cites: [1] }, { text: sentence, cites: [1] }], [citation(1, 'a')]), prompts });
    expect(answer.sentences).toEqual([{ text: sentence, cites: [1] }]);
  });

  it('marks a quote that starts inside a sentence (in lower case) as a fragment', () => {
    const inside = sentence.slice(sentence.indexOf('tốc độ băng rộng cố định'));
    const answer = polishAnswer({ answer: answerOf([{ text: inside, cites: [1] }], [citation(1, 'a')]), prompts });
    expect(answer.sentences[0]?.text).toBe(`${FRAGMENT_MARK}${inside}`);
    expect(answer.text.startsWith('… tốc độ')).toBe(true);
  });

  it('returns an answer with nothing to change as it is, and a refusal untouched', () => {
    const clean = answerOf([{ text: sentence, cites: [1] }], [citation(1, 'a')]);
    expect(polishAnswer({ answer: clean, prompts })).toBe(clean);
    const refusal: Answer = { ...clean, grounded: false, sentences: [], citations: [] };
    expect(polishAnswer({ answer: refusal, prompts })).toBe(refusal);
  });
});

describe('numberInOrder', () => {
  it('numbers sources by first appearance and drops uncited ones', () => {
    const out = numberInOrder({ sentences: [{ text: 'x', cites: [-1] }, { text: 'y', cites: [4] }, { text: 'z', cites: [-1] }], citations: [citation(4, 'd'), citation(-1, 'e'), citation(7, 'f')] });
    expect(out.sentences.map((s) => s.cites)).toEqual([[1], [2], [1]]);
    expect(out.citations.map((c) => [c.n, c.docId])).toEqual([[1, 'e'], [2, 'd']]);
  });
});

describe('evidenceQuote numbering', () => {
  it('keeps the "1." of a whole article quoted with its other khoản, and drops it for a single khoản', () => {
    // Điều 27 (thời hạn tạm trú) is one chunk of three khoản.
    const passages = retrievalOf({ items: article(cuTru, 27), confidence: 1 }).passages;
    const units = answerUnits({ passages });
    const first = units.find((u) => u.text.includes('Công dân đến sinh sống'));
    if (first === undefined) throw new Error('Điều 27 khoản 1 not found');
    const quote = evidenceQuote(first);
    expect(quote.text.startsWith('1. Công dân đến sinh sống')).toBe(true);
    expect(quote.text).toContain('\n\n2. Thời hạn tạm trú tối đa là 02 năm');
    // Điều 20 is chunked by khoản: a khoản chunk is quoted without its number.
    const k3 = retrievalOf({ items: article(cuTru, 20).filter((p) => /khoản 3$/.test(p.chunk.locator)), confidence: 1 }).passages;
    const unit = answerUnits({ passages: k3 })[0];
    if (unit === undefined) throw new Error('Điều 20 khoản 3 not found');
    expect(evidenceQuote(unit).text.startsWith('Trừ trường hợp quy định tại khoản 2 Điều này')).toBe(true);
  });
});
