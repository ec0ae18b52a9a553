import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { BM25_FORMAT, BM25_FORMAT_VERSION, decodeBm25, encodeBm25 } from '../../src/index/bm25-codec';
import { buildBm25Data, type Bm25Data, type Bm25View } from '../../src/index/bm25-data';
import { buildBm25Index, loadBm25Index, type Bm25Params } from '../../src/index/bm25-index';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { foldDiacritics } from '../../src/text/index';
import { articleEntries, lawDocument } from '../helpers/law-documents';

const LAW = fileURLToPath(new URL('../../../shared/bench/alqac2023/laws/luat-cu-tru.md', import.meta.url));
const cuTru = lawDocument({ id: 'luat-cu-tru', title: 'Luật Cư trú', docNumber: '68/2020/QH14', text: readFileSync(LAW, 'utf8').normalize('NFC') });
const entries = articleEntries(cuTru);
const params: Bm25Params = { ...DEFAULT_TUNABLES };
const data = buildBm25Data({ entries });
const encoded = encodeBm25(data);
const source = 'lexical.bin';
const code = (c: string) => expect.objectContaining({ code: c });
const decode = (buffer: Buffer) => decodeBm25({ buffer, source });

const MAGIC_BYTES = 8;
type Header = { format: string; version: number; sections: Array<{ name: string; type: string; offset: number; length: number }> };

function splitFile(buffer: Buffer): { header: Header; body: Buffer } {
  const length = buffer.readUInt32LE(MAGIC_BYTES);
  const header = JSON.parse(buffer.toString('utf8', MAGIC_BYTES + 4, MAGIC_BYTES + 4 + length)) as Header;
  return { header, body: buffer.subarray((MAGIC_BYTES + 4 + length + 3) & ~3) };
}

/** The same file with its header changed (and re-padded), the body untouched. */
function withHeader(buffer: Buffer, change: (header: Header) => Header): Buffer {
  const { header, body } = splitFile(buffer);
  const json = Buffer.from(JSON.stringify(change(header)));
  const prefix = Buffer.alloc((MAGIC_BYTES + 4 + json.length + 3) & ~3);
  buffer.copy(prefix, 0, 0, MAGIC_BYTES);
  prefix.writeUInt32LE(json.length, MAGIC_BYTES);
  json.copy(prefix, MAGIC_BYTES + 4);
  return Buffer.concat([prefix, body]);
}

const QUESTIONS = [
  'Công dân thuê nhà thì có được đăng ký thường trú tại chỗ ở thuê không?',
  'Hồ sơ đăng ký tạm trú gồm những giấy tờ gì?',
  'Nơi cư trú của người chưa thành niên khi cha mẹ sống ở hai nơi khác nhau',
  'Những hành vi bị nghiêm cấm về cư trú',
];

describe('encodeBm25 / decodeBm25', () => {
  it('gives back an index of Luật Cư trú that answers every question exactly as the original', () => {
    expect(entries.length).toBeGreaterThan(30);
    expect(decode(encoded)).toEqual(data);
    const original = buildBm25Index({ entries, params });
    const loaded = loadBm25Index({ buffer: original.serialize(), params, source });
    for (const question of QUESTIONS.flatMap((q) => [q, foldDiacritics(q)])) {
      const query = analyzeQuery({ query: question });
      const hits = original.search({ query, k: 10 });
      expect(hits.length).toBeGreaterThan(0);
      expect(loaded.search({ query, k: 10 })).toEqual(hits);
    }
  });

  it('stores any strings as Buffer does in UTF-8, lone surrogates included, in batches or not', () => {
    const empty = buildBm25Data({ entries: [] });
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udc00', 'đ', 'ừ'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 6 }), { maxLength: 9000 }), (terms) => {
        const view = { ...empty.folded, terms, starts: new Uint32Array(terms.length + 1) };
        const back = decode(encodeBm25({ ...empty, accented: view, folded: view }));
        expect(back.folded.terms).toEqual(terms.map(utf8));
      }),
      { numRuns: 30 },
    );
  });

  it('reads a file that starts at an odd address, as a Buffer from readFileSync may', () => {
    const odd = Buffer.alloc(encoded.length + 1).subarray(1);
    encoded.copy(odd);
    expect(odd.byteOffset % 4).not.toBe(0);
    expect(decode(odd)).toEqual(data);
  });

  it('writes a magic, the format name and version, and 4-aligned sections', () => {
    expect(encoded.subarray(0, MAGIC_BYTES).toString('latin1')).toBe('TROLYBM2');
    const { header, body } = splitFile(encoded);
    expect(header).toMatchObject({ format: BM25_FORMAT, version: BM25_FORMAT_VERSION });
    expect(header.sections.map((s) => s.name)).toEqual(expect.arrayContaining(['chunkIds.utf8', 'chunkIds.ends', 'lengths', 'articles', 'folded.chunks', 'accented.terms.ends']));
    for (const s of header.sections) expect(s.offset % 4).toBe(0);
    expect(body.byteOffset % 4).toBe(0);
  });

  it.each([
    ['before the header length', 10],
    ['inside the header', 40],
    ['inside the postings', encoded.length - 100],
    ['one byte short', encoded.length - 1],
  ])('refuses a file truncated %s as corrupt', (_where, length) => {
    expect(() => decode(encoded.subarray(0, length))).toThrowError(code('SNAPSHOT_CORRUPT'));
    expect(() => decode(encoded.subarray(0, length))).toThrow(/run "troly index"/i);
  });

  it('refuses a file with another magic, an empty file, a header that is not JSON and bytes past the end as corrupt', () => {
    const wrongMagic = Buffer.from(encoded);
    wrongMagic.write('SQLITE3!', 0, 'latin1');
    const notJson = Buffer.from(encoded);
    notJson.write('{{', MAGIC_BYTES + 4, 'latin1');
    const extended = Buffer.concat([encoded, Buffer.from('thêm')]);
    for (const buffer of [wrongMagic, Buffer.alloc(0), notJson, extended]) expect(() => decode(buffer)).toThrowError(code('SNAPSHOT_CORRUPT'));
  });

  it('refuses a header whose sections run past the end of the file', () => {
    const size = encoded.length;
    const past = withHeader(encoded, (h) => ({ ...h, sections: h.sections.map((s) => (s.name === 'folded.chunks' ? { ...s, offset: size } : s)) }));
    expect(() => decode(past)).toThrowError(code('SNAPSHOT_CORRUPT'));
    expect(() => decode(past)).toThrow(/folded\.chunks.*runs past the end/);
    const longer = withHeader(encoded, (h) => ({ ...h, sections: h.sections.map((s) => (s.name === 'accented.tfBody' ? { ...s, length: s.length * 1000 } : s)) }));
    expect(() => decode(longer)).toThrow(/accented\.tfBody.*runs past the end/);
  });

  it('refuses arrays that disagree in length, a missing section and a section of the wrong type', () => {
    const shorter = (name: string) => withHeader(encoded, (h) => ({ ...h, sections: h.sections.map((s) => (s.name === name ? { ...s, length: s.length - 1 } : s)) }));
    for (const name of ['lengths', 'chunkIds.ends', 'folded.tfHeading', 'accented.starts']) {
      expect(() => decode(shorter(name))).toThrowError(code('SNAPSHOT_CORRUPT'));
    }
    const missing = withHeader(encoded, (h) => ({ ...h, sections: h.sections.filter((s) => s.name !== 'articles') }));
    expect(() => decode(missing)).toThrow(/articles is missing/);
    const retyped = withHeader(encoded, (h) => ({ ...h, sections: h.sections.map((s) => (s.name === 'lengths' ? { ...s, type: 'u16' } : s)) }));
    expect(() => decode(retyped)).toThrowError(code('SNAPSHOT_CORRUPT'));
  });

  it('refuses a version 1 JSON file and a binary file of another version as incompatible', () => {
    const b64 = (a: Uint32Array | Uint16Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    const view = (v: Bm25View) => ({ terms: v.terms, starts: b64(v.starts), chunks: b64(v.chunks), tfBody: b64(v.tfBody), tfHeading: b64(v.tfHeading) });
    // What version 1 wrote for the same index.
    const version1 = Buffer.from(
      JSON.stringify({ format: BM25_FORMAT, version: 1, chunkIds: data.chunkIds, lengths: b64(data.lengths), docNumberKeys: data.docNumberKeys, articles: b64(data.articles), accented: view(data.accented), folded: view(data.folded) }),
    );
    const future = withHeader(encoded, (h) => ({ ...h, version: BM25_FORMAT_VERSION + 1 }));
    for (const buffer of [version1, future]) {
      expect(() => decode(buffer)).toThrowError(code('SNAPSHOT_INCOMPATIBLE'));
      expect(() => decode(buffer)).toThrow(/run "troly index"/i);
    }
  });

  it('encodes 192 MB of postings byte for byte, with no text conversion (size = raw bytes + header)', () => {
    const postings = 24_000_000;
    const chunks = 1000;
    const big: Bm25View = { terms: ['đăng_ký', 'thường_trú'], starts: Uint32Array.of(0, postings / 2, postings), chunks: new Uint32Array(postings), tfBody: new Uint16Array(postings), tfHeading: new Uint16Array(postings) };
    for (let p = 0; p < postings; p++) {
      big.chunks[p] = p % chunks;
      big.tfBody[p] = p % 65_521;
      big.tfHeading[p] = p % 7;
    }
    const small = buildBm25Data({ entries: entries.slice(0, 1) });
    const synthetic: Bm25Data = {
      chunkIds: Array.from({ length: chunks }, (_, i) => `luat-cu-tru#dieu-${i}`),
      lengths: new Uint32Array(chunks).fill(120),
      docNumberKeys: new Array<string>(chunks).fill('68/2020/qh14'),
      articles: Int32Array.from({ length: chunks }, (_, i) => i),
      accented: small.accented,
      folded: big,
    };
    const buffer = encodeBm25(synthetic);
    const raw = postings * 8 + big.starts.byteLength + chunks * 12;
    expect(buffer.length).toBeGreaterThan(raw);
    // Base64 would be 4/3 of the raw bytes (+64 MB here); the header and small arrays are a few hundred kB.
    expect(buffer.length).toBeLessThan(raw + 1_000_000);
    const back = decode(buffer);
    expect(back.folded.terms).toEqual(big.terms);
    for (const key of ['chunks', 'tfBody', 'tfHeading'] as const) {
      const a = back.folded[key];
      expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(big[key].buffer))).toBe(true);
    }
    expect(back.chunkIds).toEqual(synthetic.chunkIds);
  });
});
