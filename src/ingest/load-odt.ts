import { readArchive } from './archive-limits';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import type { Loader } from './loader';
import { odfContentText } from './office/odf-text';
import { fileError } from './problem';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * OpenDocument text (.odt, LibreOffice's format) from its `content.xml`, unpacked under the archive
 * limits (nothing else in the archive is inflated). An encrypted .odt has an encrypted content.xml,
 * which its manifest declares.
 */
export const odtLoader: Loader = {
  format: 'odt',
  async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal }) {
    if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      return { documents: [], problems: [fileError(path, 'corrupt', 'Expected an .odt (a ZIP archive starting with "PK"), got other bytes. Open the file in LibreOffice and save it again as .odt.')] };
    }
    const archive = await readArchive({ bytes, limits: limits.archive, include: (name) => name === 'content.xml' || name === 'META-INF/manifest.xml', format: 'odt', ...(abortSignal === undefined ? {} : { abortSignal }) });
    if (!archive.ok) return { documents: [], problems: [fileError(path, archive.refusal.code, archive.refusal.message)] };
    if (/<manifest:encryption-data\b/.test(archive.entries.get('META-INF/manifest.xml')?.toString('utf8') ?? '')) {
      return { documents: [], problems: [fileError(path, 'encrypted', 'The .odt is password-protected (encrypted). Add an unprotected copy.')] };
    }
    const content = archive.entries.get('content.xml');
    if (content === undefined) return { documents: [], problems: [fileError(path, 'corrupt', 'The .odt has no content.xml: it is not an OpenDocument text. Open it in LibreOffice and save it again.')] };
    try {
      return { documents: [{ text: odfContentText(content.toString('utf8')) }], problems: [] };
    } catch (cause) {
      return { documents: [], problems: [fileError(path, 'corrupt', `The .odt content could not be read (${(cause as Error).message}). Open it in LibreOffice and save it again.`)] };
    }
  },
};
