import { join } from 'node:path';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits';
import { loadSharp } from './lazy-modules';
import type { Loader, LoaderOutput } from './loader';
import { ocrOutcome } from './ocr/ocr-outcome';
import { ocrPages, type RenderPage } from './ocr/ocr-pages';
import { MAX_IMAGE_PIXELS, writeOcrImage } from './ocr/page-image';
import { ocrUnavailableReason } from './ocr/tesseract';
import { fileError } from './problem';

/** Resolution assumed for an image that does not state one (a phone photo, a fax). */
const DEFAULT_IMAGE_DPI = 300;

/**
 * Scanned pages as images: `.png`, `.jpg` and `.tif` (every frame of a multi-page TIFF is a page),
 * through the same OCR path as the scanned pages of a PDF.
 */
export const imageLoader: Loader = {
  format: 'image',
  async load({ path, bytes, limits = DEFAULT_INGEST_LIMITS, abortSignal, onPage }): Promise<LoaderOutput> {
    let pageCount: number;
    let dpi: number;
    try {
      const sharp = await loadSharp();
      const meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
      pageCount = Math.max(1, meta.pages ?? 1);
      // sharp gives density in pixels per inch; an implausible one (72 from a screenshot) is ignored.
      dpi = meta.density !== undefined && meta.density >= 150 && meta.density <= 1200 ? Math.round(meta.density) : DEFAULT_IMAGE_DPI;
    } catch (cause) {
      return { documents: [], problems: [fileError(path, 'corrupt', `The image could not be read (${(cause as Error).message}). Expected a PNG, JPEG or TIFF scan; export it again.`)] };
    }
    const unavailable = await ocrUnavailableReason();
    if (unavailable !== undefined) {
      return { documents: [], problems: [fileError(path, 'ocr-unavailable', `This image is a scan and needs OCR, which is not available: ${unavailable}.`)] };
    }
    const render: RenderPage = async ({ page, dir }) => {
      const imagePath = join(dir, `frame-${page}.png`);
      try {
        await writeOcrImage({ input: bytes, ...(pageCount > 1 ? { page: page - 1 } : {}), output: imagePath });
        return { ok: true, imagePath, dpi };
      } catch (cause) {
        return { ok: false, detail: `frame ${page} could not be decoded (${(cause as Error).message})` };
      }
    };
    const ocr = await ocrPages({
      pages: Array.from({ length: pageCount }, (_, i) => i + 1),
      render,
      limits,
      ...(abortSignal === undefined ? {} : { abortSignal }),
      ...(onPage === undefined ? {} : { onPage }),
    });
    const { parts, extraction, problems } = ocrOutcome({ path, pageCount, textPages: new Map(), ocr, limits });
    if (parts.length === 0) return { documents: [], problems: [...problems.filter((p) => p.code !== 'scanned-no-text'), fileError(path, 'scanned-no-text', 'No text was recognised in this image. Check that the scan is readable (300 dpi, upright).')] };
    return { documents: [{ text: parts.map((p) => p.text).join('\n\n'), parts, extraction }], problems };
  },
};
