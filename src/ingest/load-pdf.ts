import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import type { Loader, LoaderOutput } from './loader';
import { pageText, type PdfTextRun } from './pdf-text';
import { fileError, fileWarning } from './problem';

/** Bytes at the start of a file searched for the `%PDF-` signature (some files have junk before it). */
const SIGNATURE_WINDOW = 1024;

// pdfjs is large: load it on first use, not when the ingest module is imported.
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/**
 * PDFs through pdfjs' text layer (the legacy build, which runs in Node). Pages without text are
 * scans: a warning lists them, and a PDF with no text at all is refused rather than indexed empty.
 * Encrypted and damaged files, and files over `limits.maxPages`, are reported, never thrown.
 */
export const pdfLoader: Loader = {
  format: 'pdf',
  async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal }): Promise<LoaderOutput> {
    if (!bytes.subarray(0, SIGNATURE_WINDOW).includes('%PDF-')) {
      const looksHtml = /<(!doctype|html|head|body)\b/i.test(bytes.subarray(0, SIGNATURE_WINDOW).toString('latin1'));
      return {
        documents: [],
        problems: [fileError(path, 'corrupt', `Expected a PDF (starting with "%PDF-"), got ${looksHtml ? 'an HTML page' : 'other bytes'}. Download the real PDF again, or rename the file to its true type.`)],
      };
    }
    pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
    const { getDocument } = await pdfjs;
    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
    try {
      const pdf = await task.promise;
      if (pdf.numPages > limits.maxPages) {
        return { documents: [], problems: [fileError(path, 'too-large', `The PDF has ${pdf.numPages} pages, more than maxPdfPages (${limits.maxPages}). Split it, or raise TROLY_MAX_PDF_PAGES.`)] };
      }
      const pages: string[] = [];
      const empty: number[] = [];
      for (let number = 1; number <= pdf.numPages; number++) {
        // pdfjs works in microtasks: yield to the event loop so that the maxFileMs timer can fire.
        await new Promise((resolve) => setImmediate(resolve));
        abortSignal?.throwIfAborted();
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        const runs: PdfTextRun[] = content.items.flatMap((item) => ('str' in item ? [item] : []));
        const text = pageText(runs);
        page.cleanup();
        if (text.trim() === '') empty.push(number);
        else pages.push(text);
      }
      if (pages.length === 0) {
        return { documents: [], problems: [fileError(path, 'scanned-no-text', 'No page of this PDF has a text layer: it is a scan. Run OCR on it (e.g. ocrmypdf) and add the result.', { pages: empty })] };
      }
      const problems = empty.length === 0 ? [] : [fileWarning(path, 'scanned-no-text', `Pages ${empty.join(', ')} have no text layer (scanned) and were left out. Run OCR on the PDF to include them.`, { pages: empty })];
      return { documents: [{ text: pages.join('\n\n') }], problems };
    } catch (cause) {
      if (abortSignal?.aborted) throw cause;
      const name = (cause as Error | undefined)?.name;
      if (name === 'PasswordException') {
        return { documents: [], problems: [fileError(path, 'encrypted', 'The PDF is password-protected. Add an unprotected copy.')] };
      }
      return { documents: [], problems: [fileError(path, 'corrupt', `The PDF could not be read (${(cause as Error).message}); it may be truncated or damaged. Download or export it again.`)] };
    } finally {
      await task.destroy();
    }
  },
};
