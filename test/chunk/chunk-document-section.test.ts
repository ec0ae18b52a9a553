import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkDocument, detectLegalStructure } from '../../src/chunk/index';
import { splitSentences } from '../../src/text/index';
import { makeDocument } from '../helpers/make-document';
import { chunkProblems } from './invariants';

// Real news articles about Hải Phòng's digital transformation, in shared/ beside the repository.
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const seed = (prefix: string) => {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`expected a seed file starting with ${prefix} in ${SEEDS}`);
  return makeDocument({ id: `seed-${prefix}`, text: readFileSync(`${SEEDS}${file}`, 'utf8'), format: 'txt' });
};
const options = { targetChars: 1200, overlapChars: 300, articleMaxChars: 2000 };

describe('chunkDocument on a news article', () => {
  const doc = seed('001');
  const chunks = chunkDocument({ doc, ...options });

  it('is not taken for a legal text', () => {
    expect(detectLegalStructure({ text: doc.text })).toBeUndefined();
    expect(chunks.every((c) => c.kind === 'section')).toBe(true);
  });

  it('uses heading-like lines as the locator and heading path of the paragraphs under them', () => {
    const section = chunks.filter((c) => c.locator === 'Nâng cao nhận thức để dẫn dắt hành động');
    expect(section).toHaveLength(1);
    expect(section[0]?.headingPath).toEqual(['Nâng cao nhận thức để dẫn dắt hành động']);
    expect(section[0]?.id).toBe('seed-001#nang-cao-nhan-thuc-de-dan-dat-hanh-dong-0');
    expect(section[0]?.text).toMatch(/^Trên thực tế, khái niệm chuyển đổi số vẫn còn khá xa lạ[\s\S]*khá hiệu quả của Hải Phòng\.$/);
  });

  it('leaves the title line out of the chunks and names the paragraphs before the first heading "Đoạn 1–2"', () => {
    expect(chunks.some((c) => c.text.includes('Kết hợp nhuần nhuyễn giữa nâng cao nhận thức'))).toBe(false);
    expect(chunks[0]?.locator).toBe('Đoạn 1–2');
    expect(chunks[0]?.text).toMatch(/^18:25 04\/08\/2022\n\nNăm 2022, Hải Phòng chọn chuyển đổi số/);
  });

  it('splits a long section into several chunks with numbered ids under one locator', () => {
    const ids = chunks.filter((c) => c.locator === 'Tăng cường đầu tư phát triển nền tảng số, hạ tầng số').map((c) => c.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(ids.map((_, i) => `seed-001#tang-cuong-dau-tu-phat-trien-nen-tang-so-ha-tang-so-${i}`));
  });
});

describe('chunkDocument on every seed article', () => {
  const docs = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => seed(f.slice(0, 3)));

  it('covers each text exactly, in order, within the target', () => {
    for (const doc of docs) {
      const chunks = chunkDocument({ doc, ...options });
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunkProblems({ text: doc.text, chunks, title: doc.text.split('\n')[0]?.trim() })).toEqual([]);
      expect(Math.max(...chunks.map((c) => c.end - c.start))).toBeLessThanOrEqual(options.targetChars);
    }
  });

  it('starts and ends every chunk on a sentence boundary, and overlaps only by whole sentences', () => {
    let overlaps = 0;
    for (const doc of docs) {
      const sentences = splitSentences(doc.text);
      const starts = new Set(sentences.map((s) => s.start));
      const ends = new Set(sentences.map((s) => s.end));
      const chunks = chunkDocument({ doc, ...options });
      chunks.forEach((c, i) => {
        expect(starts.has(c.start) && ends.has(c.end)).toBe(true);
        const prev = chunks[i - 1];
        if (prev && c.start < prev.end) {
          overlaps++;
          expect(prev.end - c.start).toBeLessThanOrEqual(options.overlapChars);
        }
      });
    }
    expect(overlaps).toBeGreaterThan(0);
  });

  it('numbers paragraphs when a text has one paragraph per line and no headings', () => {
    const doc = seed('002');
    const ranges = chunkDocument({ doc, ...options }).map((c) => {
      const m = /^Đoạn (\d+)(?:–(\d+))?$/.exec(c.locator);
      return [Number(m?.[1]), Number(m?.[2] ?? m?.[1])];
    });
    const lines = doc.text.split('\n').filter((l) => l.trim()).length;
    expect(ranges[0]?.[0]).toBe(1);
    expect(ranges.at(-1)?.[1]).toBe(lines);
    ranges.slice(1).forEach(([from], i) => expect(from).toBe((ranges[i]?.[1] ?? 0) + 1));
  });
});
