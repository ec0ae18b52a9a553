import { z } from 'zod';
import { AppError } from '../config/errors';
import type { Bm25Data, Bm25View } from './bm25-data';

/** Bumped whenever the serialised layout or the meaning of a field changes; older files are refused. */
export const BM25_FORMAT_VERSION = 1;
/** The format name written into the file and the manifest. */
export const BM25_FORMAT = 'troly-bm25f';

const b64 = z.string();
const viewSchema = z.object({
  terms: z.array(z.string()),
  starts: b64,
  chunks: b64,
  tfBody: b64,
  tfHeading: b64,
});
const fileSchema = z.object({
  format: z.literal(BM25_FORMAT),
  version: z.number().int(),
  chunkIds: z.array(z.string()),
  lengths: b64,
  docNumberKeys: z.array(z.string()),
  articles: b64,
  accented: viewSchema,
  folded: viewSchema,
});

// Typed arrays are stored as base64 of their bytes (little-endian, the byte order of every machine
// we run on); JSON keeps the file inspectable and the whole thing loads in one parse.
function pack(array: Uint32Array | Uint16Array | Int32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function bytes(text: string): ArrayBuffer {
  const buf = Buffer.from(text, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function packView(view: Bm25View): z.infer<typeof viewSchema> {
  return { terms: view.terms, starts: pack(view.starts), chunks: pack(view.chunks), tfBody: pack(view.tfBody), tfHeading: pack(view.tfHeading) };
}

function unpackView(view: z.infer<typeof viewSchema>): Bm25View {
  const out: Bm25View = {
    terms: view.terms,
    starts: new Uint32Array(bytes(view.starts)),
    chunks: new Uint32Array(bytes(view.chunks)),
    tfBody: new Uint16Array(bytes(view.tfBody)),
    tfHeading: new Uint16Array(bytes(view.tfHeading)),
  };
  const postings = out.chunks.length;
  if (out.starts.length !== out.terms.length + 1 || out.tfBody.length !== postings || out.tfHeading.length !== postings || out.starts[out.terms.length] !== postings) {
    throw new Error('inverted lists have inconsistent lengths');
  }
  return out;
}

/** Serialises the index data with its format name and version. */
export function encodeBm25(data: Bm25Data): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: BM25_FORMAT,
      version: BM25_FORMAT_VERSION,
      chunkIds: data.chunkIds,
      lengths: pack(data.lengths),
      docNumberKeys: data.docNumberKeys,
      articles: pack(data.articles),
      accented: packView(data.accented),
      folded: packView(data.folded),
    }),
  );
}

/**
 * Reads back what `encodeBm25` wrote. Throws SNAPSHOT_INCOMPATIBLE for another format version and
 * SNAPSHOT_CORRUPT for anything that does not parse or whose arrays disagree in length.
 */
export function decodeBm25({ buffer, source }: { buffer: Buffer; source: string }): Bm25Data {
  let parsed: z.infer<typeof fileSchema>;
  try {
    const raw: unknown = JSON.parse(buffer.toString('utf8'));
    const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
    if (typeof version === 'number' && version !== BM25_FORMAT_VERSION) {
      throw new AppError('SNAPSHOT_INCOMPATIBLE', `Lexical index ${source} has format version ${version}; this program reads version ${BM25_FORMAT_VERSION}. Run "troly index" to rebuild it.`);
    }
    parsed = fileSchema.parse(raw);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('SNAPSHOT_CORRUPT', `Lexical index ${source} cannot be read (expected a ${BM25_FORMAT} file). Run "troly index" to rebuild it.`, { cause: error });
  }
  try {
    const data: Bm25Data = {
      chunkIds: parsed.chunkIds,
      lengths: new Uint32Array(bytes(parsed.lengths)),
      docNumberKeys: parsed.docNumberKeys,
      articles: new Int32Array(bytes(parsed.articles)),
      accented: unpackView(parsed.accented),
      folded: unpackView(parsed.folded),
    };
    const n = data.chunkIds.length;
    if (data.lengths.length !== n || data.articles.length !== n || data.docNumberKeys.length !== n) {
      throw new Error(`per-chunk arrays disagree with ${n} chunk ids`);
    }
    return data;
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Lexical index ${source} is inconsistent (${(cause as Error).message}). Run "troly index" to rebuild it.`, { cause });
  }
}
