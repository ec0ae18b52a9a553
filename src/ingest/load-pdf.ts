import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import type { Loader, LoaderOutput } from './loader';
import { ocrOutcome, pageRanges } from './ocr/ocr-outcome';
import { ocrPages } from './ocr/ocr-pages';
import { pdfPageRenderer } from './ocr/render-pdf-page';
import { ocrUnavailableReason } from './ocr/tesseract';
import { pageText, type PdfTextRun } from './pdf-text';
import { fileError, fileWarning } from './problem';

/** Bytes at the start of a file searched for the `%PDF-` signature (some files have junk before it). */
const SIGNATURE_WINDOW = 1024;

// pdfjs is large: load it on first use, not when the ingest module is imported.
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/** A page with a text layer of fewer letters than this (a page number, a stray mark) is treated as a scan. */
const MIN_TEXT_LAYER_LETTERS = 3;

/**
 * PDFs through pdfjs' text layer (the legacy build, which runs in Node). Pages without text are
 * scans: they are rasterised (pdftoppm) and recognised (tesseract), while pages with a text layer
 * keep it. Without OCR installed, a warning lists the scanned pages, and a PDF with no text at all
 * is refused rather than indexed empty. Encrypted and damaged files, and files over
 * `limits.maxPages`, are reported, never thrown.
 */
export const pdfLoader: Loader = {
  format: 'pdf',
  async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal, onPage }): Promise<LoaderOutput> {
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
      const textPages = new Map<number, string>();
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
        if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_TEXT_LAYER_LETTERS) empty.push(number);
        else textPages.set(number, text);
      }
      const pageCount = pdf.numPages;
      const plain = () => [...textPages.values()].join('\n\n');
      if (empty.length === 0) {
        return { documents: [{ text: plain(), parts: [...textPages].map(([page, text]) => ({ text, page })), extraction: { pages: pageCount, ocrPages: 0 } }], problems: [] };
      }
      const unavailable = await ocrUnavailableReason();
      if (unavailable !== undefined) {
        if (textPages.size === 0) {
          return { documents: [], problems: [fileError(path, 'scanned-no-text', `No page of this PDF has a text layer: it is a scan, and OCR is not available (${unavailable}).`, { pages: empty })] };
        }
        const problems = [fileWarning(path, 'scanned-no-text', `Pages ${pageRanges(empty)} have no text layer (scanned) and were left out: OCR is not available (${unavailable}).`, { pages: empty })];
        return { documents: [{ text: plain(), parts: [...textPages].map(([page, text]) => ({ text, page })), extraction: { pages: pageCount, ocrPages: 0 } }], problems };
      }
      const ocr = await ocrPages({
        pages: empty,
        render: pdfPageRenderer({ bytes, dpi: limits.ocr.dpi, timeoutMs: limits.ocr.pageTimeoutMs }),
        limits,
        ...(abortSignal === undefined ? {} : { abortSignal }),
        ...(onPage === undefined ? {} : { onPage }),
      });
      const { parts, extraction, problems } = ocrOutcome({ path, pageCount, textPages, ocr, limits });
      if (parts.length === 0) {
        return { documents: [], problems: [...problems.filter((p) => p.code !== 'scanned-no-text'), fileError(path, 'scanned-no-text', `No text was recognised on the scanned pages ${pageRanges(empty)} of this PDF. Check that the scan is readable (300 dpi, upright).`, { pages: empty })] };
      }
      return { documents: [{ text: parts.map((p) => p.text).join('\n\n'), parts, extraction }], problems };
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
