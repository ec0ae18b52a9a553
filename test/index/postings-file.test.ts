import fc from 'fast-check';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPostingsFileWriter, DICTIONARY_BLOCK_TERMS, openPostingsFile } from '../../src/index/postings-file';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('postings-file');

interface List {
  chunks: number[];
  tfBody: number[];
  tfHeading: number[];
}

/** Ascending distinct chunk numbers (gaps of every varint width), tf up to the u16 cap, heading tf mostly 0. */
const list: fc.Arbitrary<List> = fc
  .array(fc.tuple(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 1, max: 3_000_000 })), fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 250, max: 65_535 })), fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 254, max: 65_535 }))), { minLength: 1, maxLength: 60 })
  .chain((rows) =>
    fc.integer({ min: 0, max: 5 }).map((first) => {
      let at = first - 1;
      return { chunks: rows.map(([gap]) => (at += gap)), tfBody: rows.map(([, tf]) => tf), tfHeading: rows.map(([, , h]) => h) };
    }),
  );
/** Terms with Vietnamese letters, ASCII and a character beyond the BMP, so UTF-8 order differs from UTF-16 order. */
const term = fc.array(fc.constantFrom('a', 'b', 'đ', 'ư', 'ờ', '_', '𝔸', 'z', '\uffee'), { minLength: 1, maxLength: 6 }).map((c) => c.join(''));
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function write(path: string, views: Array<Map<string, List>>): { bytes: number; sha256: string } {
  const writer = createPostingsFileWriter({ path });
  views.forEach((terms, view) => {
    for (const t of [...terms.keys()].sort(utf8Order)) writer.add(view, t, terms.get(t) as List);
  });
  return writer.finish();
}

describe('postings file', () => {
  it('reads back every list as written, and nothing for terms it lacks, across dictionary blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(term, list, { maxKeys: DICTIONARY_BLOCK_TERMS * 3 }), { minLength: 2, maxLength: 2 }), fc.array(term, { maxLength: 20 }), (raw, probes) => {
        const views = raw.map((d) => new Map(Object.entries(d)));
        const path = join(tempDir(), 'x.postings');
        const { bytes, sha256 } = write(path, views);
        expect(statSync(path).size).toBe(bytes);
        expect(sha256).toMatch(/^[0-9a-f]{64}$/);
        const reader = openPostingsFile({ path });
        try {
          views.forEach((terms, view) => {
            for (const [t, l] of terms) {
              const got = reader.get(view, t);
              expect(got, `${view}:${t}`).toBeDefined();
              expect([...(got?.chunks ?? [])]).toEqual(l.chunks);
              expect([...(got?.tfBody ?? [])]).toEqual(l.tfBody);
              if (l.tfHeading.every((h) => h === 0)) expect(got?.tfHeading).toBeUndefined();
              else expect([...(got?.tfHeading ?? [])]).toEqual(l.tfHeading);
            }
            for (const p of probes) if (!terms.has(p)) expect(reader.get(view, p)).toBeUndefined();
          });
        } finally {
          reader.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps small term frequencies in one byte each and chunk numbers as gaps', () => {
    const path = join(tempDir(), 'small.postings');
    const chunks = Array.from({ length: 10_000 }, (_, i) => 1_000_000 + i * 3);
    const empty = write(join(tempDir(), 'empty.postings'), [new Map(), new Map()]).bytes;
    const { bytes } = write(path, [new Map([['của', { chunks, tfBody: chunks.map(() => 2), tfHeading: chunks.map(() => 0) }]]), new Map()]);
    // 10,000 chunks: one byte of gap and one of tf each, plus the first number (3 bytes) and the dictionary.
    expect(bytes - empty).toBeLessThan(10_000 * 2 + 64);
  });

  it('refuses terms out of order and a file that is not one, truncated or of another version', () => {
    const dir = tempDir();
    const writer = createPostingsFileWriter({ path: join(dir, 'order.postings') });
    const one = { chunks: [1], tfBody: [1], tfHeading: [0] };
    writer.add(0, 'đ', one);
    expect(() => writer.add(0, 'b', one)).toThrowError(/out of order/);
    expect(() => writer.add(0, 'đ', one)).toThrowError(/out of order/);
    writer.abort();
    expect(() => createPostingsFileWriter({ path: join(dir, 'bad.postings') }).add(0, 'a', { chunks: [3, 3], tfBody: [1, 1], tfHeading: [0, 0] })).toThrowError(/ascend/);

    const path = join(dir, 'ok.postings');
    write(path, [new Map([['a', one]]), new Map([['b', one]])]);
    const good = readFileSync(path);
    const corrupt = (name: string, bytes: Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return () => openPostingsFile({ path: p });
    };
    expect(() => openPostingsFile({ path: join(dir, 'missing.postings') })).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
    expect(corrupt('sqlite.postings', Buffer.concat([Buffer.from('SQLite format 3\u0000'), good]))).toThrowError(/not a postings file/);
    const cut = join(dir, 'cut.postings');
    writeFileSync(cut, good);
    truncateSync(cut, good.length - 5);
    expect(() => openPostingsFile({ path: cut })).toThrowError(/footer/);
    const version = Buffer.from(good);
    version.writeUInt32LE(99, good.length - 28);
    expect(corrupt('v99.postings', version)).toThrowError(/version 99/);
    // A damaged list is found when read, as SNAPSHOT_CORRUPT, not as a wrong answer.
    const list = Buffer.from(good);
    list[8] = 0xff; // the first list's chunk number becomes an unfinished varint
    const reader = corrupt('list.postings', list)();
    try {
      expect(() => reader.get(0, 'a')).toThrowError(expect.objectContaining({ code: 'SNAPSHOT_CORRUPT' }));
    } finally {
      reader.close();
    }
  });
});
