import yauzl from 'yauzl';

/** How much an archive-based file (.docx, .xlsx, .odt, .ods…) may unpack to. See the tunables of the same names. */
export interface ArchiveLimits {
  /** Most entries in the archive's central directory. */
  maxEntries: number;
  /** Most bytes the entries that are read may unpack to, all together. */
  maxBytes: number;
}

/** Why an archive was not read: `too-large` when a limit is passed, `corrupt` when it is no valid ZIP. */
export interface ArchiveRefusal {
  code: 'too-large' | 'corrupt';
  /** English, for the ingestion report: what was expected, what came, how to fix it. */
  message: string;
}

export type ArchiveContents = { ok: true; entries: ReadonlyMap<string, Buffer> } | { ok: false; refusal: ArchiveRefusal };

export interface ReadArchiveOptions {
  bytes: Buffer;
  limits: ArchiveLimits;
  /** Which entries to unpack (by name, `/`-separated); the others are neither inflated nor counted. Default: all. */
  include?: (name: string) => boolean;
  /** The format's name for messages: "docx", "xlsx"… */
  format: string;
  abortSignal?: AbortSignal;
}

const MIB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`;

class Refused extends Error {
  constructor(readonly refusal: ArchiveRefusal) {
    super(refusal.message);
  }
}

/**
 * Unpacks a ZIP archive in memory under explicit limits, so that a zip bomb (a small file that
 * unpacks to gigabytes) costs a report line instead of the indexer. Two checks, because the
 * central directory is written by whoever made the file: first the sizes it declares (entry count
 * and the sum of the wanted entries' sizes, before anything is inflated), then the bytes actually
 * inflated, counted while reading (yauzl also stops an entry that inflates past its declared size).
 * Never throws for bad input; an abort rejects.
 */
export async function readArchive({ bytes, limits, include = () => true, format, abortSignal }: ReadArchiveOptions): Promise<ArchiveContents> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
    if (zip.entryCount > limits.maxEntries) {
      throw new Refused({ code: 'too-large', message: `The .${format} archive has ${zip.entryCount} entries, more than maxArchiveEntries (${limits.maxEntries}). It is not a normal ${format} file; export it again, or raise TROLY_MAX_ARCHIVE_ENTRIES.` });
    }
    const wanted: yauzl.Entry[] = [];
    let declared = 0;
    for (let entry = await nextEntry(zip); entry !== undefined; entry = await nextEntry(zip)) {
      if (entry.fileName.endsWith('/') || !include(entry.fileName)) continue;
      declared += entry.uncompressedSize;
      if (declared > limits.maxBytes) throw tooLarge(format, `declares at least ${mib(declared)} unpacked`, limits.maxBytes);
      wanted.push(entry);
    }
    const entries = new Map<string, Buffer>();
    let inflated = 0;
    for (const entry of wanted) {
      abortSignal?.throwIfAborted();
      const budget = limits.maxBytes - inflated;
      const data = await readEntry(
        zip,
        entry,
        budget,
        () => tooLarge(format, `unpacks to more than ${mib(limits.maxBytes)}`, limits.maxBytes),
        (lying) => tooLarge(format, `entry ${lying.fileName} unpacks to more than the ${lying.uncompressedSize} bytes its directory declares`, limits.maxBytes),
      );
      inflated += data.length;
      entries.set(entry.fileName, data);
    }
    return { ok: true, entries };
  } catch (cause) {
    if (abortSignal?.aborted) throw cause;
    if (cause instanceof Refused) return { ok: false, refusal: cause.refusal };
    return { ok: false, refusal: { code: 'corrupt', message: `The .${format} file is not a readable ZIP archive (${(cause as Error).message}). It may be damaged; open it and save it again as .${format}.` } };
  } finally {
    zip?.close();
  }
}

function tooLarge(format: string, what: string, maxBytes: number): Refused {
  return new Refused({ code: 'too-large', message: `The .${format} archive ${what}, more than maxArchiveBytes (${mib(maxBytes)}): it may be a zip bomb. Split the document, or raise TROLY_MAX_ARCHIVE_BYTES if it is genuine.` });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number, overBudget: () => Refused, lied: (entry: yauzl.Entry) => Refused): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let length = 0;
  return new Promise<Buffer>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) {
        stream.destroy();
        reject(overBudget());
        return;
      }
      chunks.push(chunk);
    });
    // yauzl's own count (validateEntrySizes): the entry inflates past the size its directory declares.
    stream.on('error', (error: Error) => reject(/^too many bytes/.test(error.message) ? lied(entry) : error));
    stream.on('end', () => resolve(Buffer.concat(chunks, length)));
  });
}
