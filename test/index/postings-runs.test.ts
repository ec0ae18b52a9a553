import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewBuilder, type TermCounts } from '../../src/index/bm25-data';
import { createPostingsRuns, encodeRun } from '../../src/index/postings-runs';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('postings-runs');

const term = fc.array(fc.constantFrom('a', 'ă', 'đ', 'o', 'ơ', ' ', '𝔸', '\uffee'), { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
const counts: fc.Arbitrary<TermCounts> = fc
  .tuple(fc.dictionary(term, fc.integer({ min: 1, max: 70_000 }), { maxKeys: 8 }), fc.dictionary(term, fc.integer({ min: 1, max: 3 }), { maxKeys: 3 }))
  .map(([body, heading]) => ({ body: new Map(Object.entries(body)), heading: new Map(Object.entries(heading)) }));

describe('postings runs', () => {
  it('merged across runs of any size, every (view, term) comes once, in UTF-8 order, with the lists of a single build of all chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(counts, counts), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (chunks, perRun) => {
        const path = join(tempDir(), 'runs.partial');
        const runs = createPostingsRuns({ path });
        const whole = [new ViewBuilder(), new ViewBuilder()];
        let block = [new ViewBuilder(), new ViewBuilder()];
        chunks.forEach((views, n) => {
          views.forEach((c, v) => {
            (whole[v] as ViewBuilder).add(n, c);
            (block[v] as ViewBuilder).add(n, c);
          });
          if ((n + 1) % perRun === 0 || n === chunks.length - 1) {
            runs.addRun(block.map((b, view) => ({ view, data: b.finish() })));
            block = [new ViewBuilder(), new ViewBuilder()];
          }
        });
        const got: Array<{ view: number; term: string; chunks: number[]; tfBody: number[]; tfHeading: number[] }> = [];
        runs.merge((view, t, list) => got.push({ view, term: t, chunks: [...list.chunks], tfBody: [...list.tfBody], tfHeading: [...list.tfHeading] }));
        runs.dispose();
        expect(existsSync(path)).toBe(false);
        const expected = whole.flatMap((b, view) => {
          const data = b.finish();
          return data.terms
            .map((t, i) => {
              const from = data.starts[i] ?? 0;
              const to = data.starts[i + 1] ?? 0;
              return { view, term: t, chunks: [...data.chunks.subarray(from, to)], tfBody: [...data.tfBody.subarray(from, to)], tfHeading: [...data.tfHeading.subarray(from, to)] };
            })
            .sort((a, b) => Buffer.compare(Buffer.from(a.term), Buffer.from(b.term)));
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('runs encoded apart with chunk numbers from 0 and a base merge to the same lists as runs numbered by the writer', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(counts, counts), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (chunks, perRun) => {
        const collect = (fill: (runs: ReturnType<typeof createPostingsRuns>) => void) => {
          const runs = createPostingsRuns({ path: join(tempDir(), 'runs.partial') });
          fill(runs);
          const got: unknown[] = [];
          runs.merge((view, t, list) => got.push([view, t, [...list.chunks], [...list.tfBody], [...list.tfHeading]]));
          runs.dispose();
          return got;
        };
        const numbered = collect((runs) => {
          const whole = [new ViewBuilder(), new ViewBuilder()];
          chunks.forEach((views, n) => views.forEach((c, v) => (whole[v] as ViewBuilder).add(n, c)));
          runs.addRun(whole.map((b, view) => ({ view, data: b.finish() })));
        });
        const based = collect((runs) => {
          for (let base = 0; base < chunks.length; base += perRun) {
            const local = [new ViewBuilder(), new ViewBuilder()];
            chunks.slice(base, base + perRun).forEach((views, n) => views.forEach((c, v) => (local[v] as ViewBuilder).add(n, c)));
            runs.addEncodedRun(encodeRun(local.map((b, view) => ({ view, data: b.finish() }))), base);
          }
        });
        expect(based).toEqual(numbered);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a run whose base is below the previous run’s', () => {
    const runs = createPostingsRuns({ path: join(tempDir(), 'runs.partial') });
    try {
      const empty = encodeRun([{ view: 0, data: new ViewBuilder().finish() }]);
      runs.addEncodedRun(empty, 10);
      expect(() => runs.addEncodedRun(empty, 9)).toThrow(/base 9 is below the previous run's \(10\)/);
    } finally {
      runs.dispose();
    }
  });
});
