import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/answer/extractive-answer';
import { foldDiacritics, syllables } from '../../src/text';
import { all, article, citedTexts, cuTru, prompts, quotesOf, seedInfra, seedNews } from './corpus';
import { retrievalOf } from './passages';

/** A pool of real passages: the Luật Cư trú articles on thường trú and two Hải Phòng articles. */
const items = [...article(cuTru, 20), ...article(cuTru, 21), ...article(cuTru, 22), ...all(seedInfra), ...all(seedNews)];
const words = [...new Set(items.flatMap((p) => syllables(p.chunk.text)))].filter((w) => !/\d/.test(w));

describe('extractiveAnswer (properties)', () => {
  it('quotes only verbatim text of the cited source, within the limits, and answers only at or above the threshold', () => {
    let grounded = 0;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(items, { minLength: 1, maxLength: 6 }),
        // The question: a run of words of one of the passages (so that some sentence answers it), plus noise words.
        fc.record({ passage: fc.nat(), start: fc.nat(), length: fc.integer({ min: 2, max: 8 }) }),
        fc.array(fc.constantFrom(...words), { maxLength: 2 }),
        fc.double({ min: 0.2, max: 1, noNaN: true }),
        fc.record({ refusalThreshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }), maxCitations: fc.integer({ min: 1, max: 5 }), maxAnswerSentences: fc.integer({ min: 1, max: 8 }) }),
        (passages, pick, noise, confidence, tunables) => {
          const source = syllables(passages[pick.passage % passages.length]?.chunk.text ?? '');
          const from = pick.start % Math.max(1, source.length);
          const question = `${[...source.slice(from, from + pick.length), ...noise].join(' ')}?`;
          const retrieval = retrievalOf({ items: passages, confidence });
          const answer = extractiveAnswer({ question, retrieval, tunables, prompts });
          if (answer.grounded) grounded += 1;
          const p = answer.answerability?.probability ?? Number.NaN;
          const flagged = answer.notes.some((n) => n.kind === 'only-stated');
          expect(answer.confidence).toBe(p);
          // Answered only at the threshold, or flagged as stating another year; below it, never unflagged.
          if (answer.grounded) expect(p >= tunables.refusalThreshold || flagged).toBe(true);
          if (p < tunables.refusalThreshold && !flagged) expect(answer.grounded).toBe(false);
          if (!answer.grounded) {
            expect(answer.citations).toEqual([]);
            return;
          }
          const quotes = quotesOf(answer);
          expect(answer.citations.length).toBeGreaterThan(0);
          expect(answer.citations.length).toBeLessThanOrEqual(tunables.maxCitations);
          expect(quotes.length).toBeLessThanOrEqual(tunables.maxAnswerSentences);
          for (const { quote, n } of quotes) {
            const citation = answer.citations[n - 1];
            expect(citation?.n).toBe(n);
            if (citation !== undefined) expect(citedTexts(citation, retrieval).some((t) => t.includes(quote))).toBe(true);
          }
        },
      ),
      { numRuns: 150, seed: 20240521 },
    );
    // Both branches were exercised: some answers, some refusals.
    expect(grounded).toBeGreaterThan(20); // of 150
    expect(grounded).toBeLessThan(140);
  });

  it.each([
    ['Thời hạn giải quyết đăng ký thường trú là bao lâu?', [22, 21]],
    ['Hồ sơ đăng ký thường trú gồm những gì?', [21, 22]],
    ['Công dân được đăng ký thường trú tại chỗ ở hợp pháp do thuê, mượn, ở nhờ khi nào?', [20, 21]],
    ['Người đăng ký thường trú nộp hồ sơ ở đâu?', [22, 20]],
  ])('gives "%s" the same decision and source without diacritics', (question, articles) => {
    const retrieval = retrievalOf({ items: articles.flatMap((n) => article(cuTru, n)), confidence: 0.7 });
    const tunables = { refusalThreshold: 0.35, maxCitations: 3, maxAnswerSentences: 4 };
    const accented = extractiveAnswer({ question, retrieval, tunables, prompts });
    const plain = extractiveAnswer({ question: foldDiacritics(question), retrieval, tunables, prompts });
    expect(accented.grounded).toBe(true);
    expect(plain.grounded).toBe(true);
    // Folded syllables are ambiguous, so a second khoản may join; the cited article is the same.
    expect(plain.citations.map((c) => c.locator.split(',')[0])).toContain(accented.citations[0]?.locator.split(',')[0]);
  });
});
