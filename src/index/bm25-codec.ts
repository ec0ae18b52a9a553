import { z } from 'zod';
import { AppError } from '../config/errors';
import type { Bm25Data, Bm25View } from './bm25-data';

/** Bumped whenever the serialised layout or the meaning of a field changes; older files are refused. */
export const BM25_FORMAT_VERSION = 2;
/** The format name written into the file and the manifest. */
export const BM25_FORMAT = 'troly-bm25f';

/*
 * Layout (all integers little-endian, the byte order of every machine we run on):
 *   8 bytes  magic "TROLYBM2" (names the container; the format version is in the header)
 *   u32      byte length of the header
 *   JSON     header: format, version, bodyLength, and one entry per section {name, type, offset, length}
 *   padding  to a multiple of 4, then the body: each section's raw bytes, each starting 4-aligned
 * Offsets count from the start of the body; `length` counts elements. A string array is two
 * sections, `<name>.utf8` (the strings' bytes back to back) and `<name>.ends` (u32 end offsets), so no
 * step ever builds one JavaScript string of the whole index: version 1 (JSON with base64) did, and
 * V8's longest string (~512 MB) made it fail at 300,000 chunks.
 */
const MAGIC = Buffer.from('TROLYBM2', 'latin1');
const PREFIX = MAGIC.length + 4;
/** How version 1 (JSON) files began, so that they get "too old" rather than "corrupt". */
const JSON_VERSION = /^\{"format":"troly-bm25f","version":(\d+)/;

const ELEMENT_BYTES = { u8: 1, u16: 2, u32: 4, i32: 4 } as const;
type ElementType = keyof typeof ELEMENT_BYTES;
type Section = { name: string; type: ElementType; offset: number; length: number };

const headerSchema = z.object({
  format: z.literal(BM25_FORMAT),
  version: z.literal(BM25_FORMAT_VERSION),
  /** Bytes from the start of the body to the end of the file, so that a truncated file is told apart. */
  bodyLength: z.number().int().nonnegative(),
  sections: z.array(z.object({ name: z.string(), type: z.enum(['u8', 'u16', 'u32', 'i32']), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() })),
});

type Packed = Uint8Array | Uint16Array | Uint32Array | Int32Array;

const align4 = (n: number): number => (n + 3) & ~3;

function elementType(array: Packed): ElementType {
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  return 'u8';
}

/** UTF-8 length as `Buffer.write` counts it (a lone surrogate becomes the 3-byte U+FFFD). */
function utf8Length(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if ((c & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Strings per `Buffer.write` call: one native call per short term made packing the terms over twice as slow. */
const WRITE_BATCH = 4096;

function packStrings(name: string, values: readonly string[]): Array<[string, Packed]> {
  const ends = new Uint32Array(values.length);
  let total = 0;
  values.forEach((value, i) => {
    total += utf8Length(value);
    ends[i] = total;
  });
  const bytes = Buffer.alloc(total);
  for (let first = 0; first < values.length; first += WRITE_BATCH) {
    const last = Math.min(first + WRITE_BATCH, values.length);
    const at = first === 0 ? 0 : (ends[first - 1] ?? 0);
    const batch = values.slice(first, last);
    // Joining can pair a lone high surrogate with the next string's low one: then write one by one.
    if (bytes.write(batch.join(''), at, 'utf8') !== (ends[last - 1] ?? 0) - at) {
      batch.forEach((value, i) => bytes.write(value, (ends[first + i] ?? 0) - utf8Length(value), 'utf8'));
    }
  }
  return [[`${name}.utf8`, bytes], [`${name}.ends`, ends]];
}

function viewSections(name: string, view: Bm25View): Array<[string, Packed]> {
  return [...packStrings(`${name}.terms`, view.terms), [`${name}.starts`, view.starts], [`${name}.chunks`, view.chunks], [`${name}.tfBody`, view.tfBody], [`${name}.tfHeading`, view.tfHeading]];
}

/** Serialises the index data with its format name and version (layout above). */
export function encodeBm25(data: Bm25Data): Buffer {
  const arrays: Array<[string, Packed]> = [
    ...packStrings('chunkIds', data.chunkIds),
    ['lengths', data.lengths],
    ...packStrings('docNumberKeys', data.docNumberKeys),
    ['articles', data.articles],
    ...viewSections('accented', data.accented),
    ...viewSections('folded', data.folded),
  ];
  let bodyLength = 0;
  const sections: Section[] = arrays.map(([name, array]) => {
    const section = { name, type: elementType(array), offset: bodyLength, length: array.length };
    bodyLength = align4(bodyLength + array.byteLength);
    return section;
  });
  const header = Buffer.from(JSON.stringify({ format: BM25_FORMAT, version: BM25_FORMAT_VERSION, bodyLength, sections }), 'utf8');
  const bodyStart = align4(PREFIX + header.length);
  const out = Buffer.alloc(bodyStart + bodyLength);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, PREFIX);
  arrays.forEach(([, array], i) => out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), bodyStart + (sections[i]?.offset ?? 0)));
  return out;
}

function readHeader(buffer: Buffer, source: string): { sections: Section[]; bodyStart: number } {
  const rebuild = 'Run "troly index" to rebuild it.';
  const legacy = JSON_VERSION.exec(buffer.toString('latin1', 0, 64));
  if (legacy !== null) {
    throw new AppError('SNAPSHOT_INCOMPATIBLE', `Lexical index ${source} is a JSON file of format version ${legacy[1]}; this program reads the binary version ${BM25_FORMAT_VERSION}. ${rebuild}`);
  }
  try {
    if (buffer.length < PREFIX || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`it does not start with "${MAGIC.toString('latin1')}"`);
    const headerLength = buffer.readUInt32LE(MAGIC.length);
    if (PREFIX + headerLength > buffer.length) throw new Error(`its header of ${headerLength} bytes runs past the end of the file (${buffer.length} bytes)`);
    const raw: unknown = JSON.parse(buffer.toString('utf8', PREFIX, PREFIX + headerLength));
    const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
    if (typeof version === 'number' && version !== BM25_FORMAT_VERSION) {
      throw new AppError('SNAPSHOT_INCOMPATIBLE', `Lexical index ${source} has format version ${version}; this program reads version ${BM25_FORMAT_VERSION}. ${rebuild}`);
    }
    const header = headerSchema.parse(raw);
    const bodyStart = align4(PREFIX + headerLength);
    if (bodyStart + header.bodyLength !== buffer.length) throw new Error(`it is ${buffer.length} bytes long, its header says ${bodyStart + header.bodyLength}`);
    return { sections: header.sections, bodyStart };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('SNAPSHOT_CORRUPT', `Lexical index ${source} cannot be read (expected a ${BM25_FORMAT} v${BM25_FORMAT_VERSION} file: ${(error as Error).message}). ${rebuild}`, { cause: error });
  }
}

/** Reads sections by name, checking type and bounds; numeric arrays are copied so they are aligned and own their memory. */
function sectionReader(buffer: Buffer, { sections, bodyStart }: { sections: Section[]; bodyStart: number }) {
  const byName = new Map(sections.map((s) => [s.name, s]));
  const bytes = (name: string, type: ElementType): Buffer => {
    const section = byName.get(name);
    if (section === undefined) throw new Error(`section ${name} is missing`);
    if (section.type !== type) throw new Error(`section ${name} holds ${section.type}, expected ${type}`);
    const start = bodyStart + section.offset;
    const size = section.length * ELEMENT_BYTES[type];
    if (section.offset % 4 !== 0 || start + size > buffer.length) throw new Error(`section ${name} (${size} bytes at body offset ${section.offset}) is misaligned or runs past the end of the file (${buffer.length} bytes)`);
    return buffer.subarray(start, start + size);
  };
  const copy = <T extends Uint16Array | Uint32Array | Int32Array>(name: string, type: ElementType, make: (length: number) => T): T => {
    const source = bytes(name, type);
    const out = make(source.length / ELEMENT_BYTES[type]);
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(source);
    return out;
  };
  const u32 = (name: string) => copy(name, 'u32', (n) => new Uint32Array(n));
  const strings = (name: string): string[] => {
    const utf8 = bytes(`${name}.utf8`, 'u8');
    const ends = u32(`${name}.ends`);
    const out = new Array<string>(ends.length);
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const end = ends[i] ?? 0;
      if (end < start || end > utf8.length) throw new Error(`string ${i} of ${name} ends at ${end}, outside ${start}..${utf8.length}`);
      out[i] = utf8.toString('utf8', start, end);
      start = end;
    }
    return out;
  };
  const view = (name: string): Bm25View => ({
    terms: strings(`${name}.terms`),
    starts: u32(`${name}.starts`),
    chunks: u32(`${name}.chunks`),
    tfBody: copy(`${name}.tfBody`, 'u16', (n) => new Uint16Array(n)),
    tfHeading: copy(`${name}.tfHeading`, 'u16', (n) => new Uint16Array(n)),
  });
  return { strings, u32, i32: (name: string) => copy(name, 'i32', (n) => new Int32Array(n)), view };
}

function checkView(name: string, view: Bm25View): void {
  const postings = view.chunks.length;
  if (view.starts.length !== view.terms.length + 1 || view.tfBody.length !== postings || view.tfHeading.length !== postings || view.starts[view.terms.length] !== postings) {
    throw new Error(`inverted lists of ${name} have inconsistent lengths`);
  }
  for (let t = 0; t < view.terms.length; t++) {
    if ((view.starts[t] ?? 0) > (view.starts[t + 1] ?? 0)) throw new Error(`postings of ${name} term ${t} start after they end`);
  }
}

/**
 * Reads back what `encodeBm25` wrote. Throws SNAPSHOT_INCOMPATIBLE for another format version
 * (version 1 JSON files included) and SNAPSHOT_CORRUPT for anything that does not parse, whose
 * sections run past the end of the file, or whose arrays disagree in length.
 */
export function decodeBm25({ buffer, source }: { buffer: Buffer; source: string }): Bm25Data {
  const header = readHeader(buffer, source);
  try {
    const read = sectionReader(buffer, header);
    const data: Bm25Data = {
      chunkIds: read.strings('chunkIds'),
      lengths: read.u32('lengths'),
      docNumberKeys: read.strings('docNumberKeys'),
      articles: read.i32('articles'),
      accented: read.view('accented'),
      folded: read.view('folded'),
    };
    const n = data.chunkIds.length;
    if (data.lengths.length !== n || data.articles.length !== n || data.docNumberKeys.length !== n) {
      throw new Error(`per-chunk arrays disagree with ${n} chunk ids`);
    }
    checkView('accented', data.accented);
    checkView('folded', data.folded);
    return data;
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Lexical index ${source} is inconsistent (${(cause as Error).message}). Run "troly index" to rebuild it.`, { cause });
  }
}
