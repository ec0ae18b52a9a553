import mammoth from 'mammoth';
import { readArchive } from './archive-limits';
import { htmlToText } from './html-to-text';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import type { Loader } from './loader';
import { fileError } from './problem';

/** A .docx is a ZIP archive: anything else named .docx is not one. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Embedded pictures are never indexed: they are neither unpacked nor handed to mammoth. */
const isMedia = (name: string): boolean => /^word\/(media|embeddings)\//i.test(name);

/**
 * The archive as mammoth reads it (its `file` input: what its own JSZip wrapper provides), over
 * entries already unpacked under the limits, so that mammoth never inflates anything itself.
 */
function mammothFile(entries: ReadonlyMap<string, Buffer>) {
  return {
    exists: (name: string) => entries.has(name),
    read: async (name: string, encoding?: string) => {
      const data = entries.get(name);
      if (data === undefined) throw new Error(`No entry ${name} in the archive`);
      if (encoding === undefined) return data;
      return new TextDecoder(encoding).decode(data);
    },
  };
}

/**
 * Word documents through mammoth's HTML rendering, so that Word's heading styles become headings
 * (mammoth's raw text would flatten them). The title is the first Heading 1, else the first line.
 * The archive is unpacked by `readArchive` under `limits.archive` (a zip bomb is reported, not read).
 */
export const docxLoader: Loader = {
  format: 'docx',
  async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal }) {
    if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      return { documents: [], problems: [fileError(path, 'corrupt', 'Expected a .docx (a ZIP archive starting with "PK"), got other bytes. Open the file in Word and save it again as .docx.')] };
    }
    const archive = await readArchive({ bytes, limits: limits.archive, include: (name) => !isMedia(name), format: 'docx', ...(abortSignal === undefined ? {} : { abortSignal }) });
    if (!archive.ok) return { documents: [], problems: [fileError(path, archive.refusal.code, archive.refusal.message)] };
    let html: string;
    try {
      // `file` is mammoth's input for an archive it is handed already opened (lib/unzip.js); its typings list only path and buffer.
      const input = { file: mammothFile(archive.entries) } as unknown as { buffer: Buffer };
      const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
      html = (await mammoth.convertToHtml(input, { convertImage: noImages })).value;
    } catch (cause) {
      return {
        documents: [],
        problems: [fileError(path, 'corrupt', `The .docx could not be read (${(cause as Error).message}). It may be damaged or not a Word document; open it in Word and save it again.`)],
      };
    }
    const { text, title } = htmlToText({ html });
    return { documents: [{ text, ...(title === undefined ? {} : { title }) }], problems: [] };
  },
};
