import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument, type Chunk } from '../../src/chunk/index';
import { splitSentences } from '../../src/text/index';
import { makeDocument } from '../helpers/make-document';
import { legalSpec, proseSpec, renderLegal, renderProse } from './generators';
import { articleOf, chunkProblems } from './invariants';

const settings = fc
  .record({ targetChars: fc.integer({ min: 120, max: 1500 }), overlapShare: fc.double({ min: 0, max: 0.5, noNaN: true }), articleMaxChars: fc.integer({ min: 60, max: 2500 }) })
  .map(({ targetChars, overlapShare, articleMaxChars }) => ({ targetChars, overlapChars: Math.floor(targetChars * overlapShare), articleMaxChars }));

/** Chunk boundaries that fall inside a sentence no longer than the limit (there should be none). */
function cutSentences(text: string, chunks: readonly Chunk[], limit: number): string[] {
  const sentences = splitSentences(text);
  const inside = (at: number) => sentences.find((s) => s.start < at && at < s.end && s.end - s.start <= limit);
  return chunks.flatMap((c) => [inside(c.start), inside(c.end)]).filter((s) => s !== undefined).map((s) => s.text);
}

describe('chunkDocument (properties)', () => {
  it('covers every legal text exactly, in order, with no chunk holding two articles', () => {
    fc.assert(
      fc.property(legalSpec, settings, (spec, options) => {
        const { text, title, articles } = renderLegal(spec);
        const doc = makeDocument({ id: 'luat-mau', text });
        const chunks = chunkDocument({ doc, ...options });
        expect(chunkProblems({ text: doc.text, chunks, title })).toEqual([]);
        for (const c of chunks) {
          const inArticles = articles.filter((a) => c.start < a.end && a.start < c.end);
          expect(inArticles.length).toBeLessThanOrEqual(1);
          expect(articleOf(c.locator)).toBe(inArticles[0]?.number);
          if (inArticles[0]) expect(c.text.startsWith(`Điều ${inArticles[0].number}. `)).toBe(true);
          expect(c.end - c.start).toBeLessThanOrEqual(inArticles[0] ? options.articleMaxChars : options.targetChars);
        }
        expect(articles.every((a) => chunks.some((c) => articleOf(c.locator) === a.number))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('covers every other document exactly, in order, within the target and cutting no sentence that fits', () => {
    fc.assert(
      fc.property(proseSpec, settings, (spec, options) => {
        const text = renderProse(spec);
        const doc = makeDocument({ id: 'bai-viet', text, format: 'txt' });
        const chunks = chunkDocument({ doc, ...options });
        expect(chunkProblems({ text: doc.text, chunks, title: doc.text.split('\n')[0]?.trim() })).toEqual([]);
        expect(chunks.every((c) => c.end - c.start <= options.targetChars && c.kind === 'section')).toBe(true);
        expect(cutSentences(doc.text, chunks, options.targetChars)).toEqual([]);
        for (const [prev, next] of chunks.slice(1).map((c, i) => [chunks[i], c] as const)) {
          if (!prev || next.start >= prev.end) continue;
          // An overlap is whole sentences of the previous chunk, within the budget, never all of it.
          expect(prev.end - next.start).toBeLessThanOrEqual(options.overlapChars);
          expect(next.start).toBeGreaterThan(prev.start);
          expect(next.headingPath).toEqual(prev.headingPath);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same chunks and ids on every run', () => {
    fc.assert(
      fc.property(fc.oneof(legalSpec.map((s) => renderLegal(s).text), proseSpec.map(renderProse)), settings, (text, options) => {
        const first = chunkDocument({ doc: makeDocument({ id: 'van-ban', text }), ...options });
        const second = chunkDocument({ doc: makeDocument({ id: 'van-ban', text }), ...options });
        expect(second).toEqual(first);
        expect(new Set(first.map((c) => c.id)).size).toBe(first.length);
        for (const c of first) expect(c.id).toMatch(/^van-ban#[a-z0-9]+(?:-[a-z0-9]+)*-\d+$/);
      }),
      { numRuns: 60 },
    );
  });
});
