import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestLimits } from '../ingest-limits';
import { recognizeImage } from './tesseract';
import type { RecognizedPage } from './tesseract-tsv';

/** Renders one page as an image file in `dir` (pdftoppm, sharp), or says why it could not. */
export type RenderPage = (options: { page: number; dir: string; abortSignal: AbortSignal }) => Promise<{ ok: true; imagePath: string; dpi: number } | { ok: false; detail: string }>;

export interface OcrPagesResult {
  /** What was read, by page number. */
  recognized: Map<number, RecognizedPage>;
  /** Pages that failed on their own (a timeout, a broken image): the others are kept. */
  failed: Array<{ page: number; detail: string }>;
  /** Pages not read because a limit was reached, in order. */
  unread: number[];
  /** The limit that left pages unread. */
  stoppedBy?: 'ocrMaxPages' | 'maxFileMs';
}

/**
 * OCR stops this long before `maxFileMs`, so that what it read is kept and built into a document
 * before the file's own time limit would throw it all away: a tenth of the limit, at most 10 s.
 */
export function ocrDeadlineMs(maxFileMs: number): number {
  return Math.max(1, maxFileMs - Math.min(10_000, maxFileMs / 10));
}

/**
 * OCRs the given pages of one document in a bounded pool (`ocr.concurrency` pages at a time, one
 * tesseract process each), within `ocr.maxPages` and the file's time limit (`ocrDeadlineMs`).
 * Pages finished before a limit is reached are kept; the rest are listed as unread. Only
 * `abortSignal` throws.
 */
export async function ocrPages({ pages, render, limits, abortSignal, onPage }: {
  pages: readonly number[];
  render: RenderPage;
  limits: IngestLimits;
  abortSignal?: AbortSignal;
  onPage?: (progress: { done: number; total: number }) => void;
}): Promise<OcrPagesResult> {
  const toRead = pages.slice(0, Math.max(0, limits.ocr.maxPages));
  const result: OcrPagesResult = { recognized: new Map(), failed: [], unread: pages.slice(toRead.length) };
  if (result.unread.length > 0) result.stoppedBy = 'ocrMaxPages';
  if (toRead.length === 0) return result;

  const deadline = AbortSignal.timeout(ocrDeadlineMs(limits.maxFileMs));
  const signal = abortSignal === undefined ? deadline : AbortSignal.any([abortSignal, deadline]);
  const dir = await mkdtemp(join(tmpdir(), 'troly-ocr-'));
  const attempted = new Set<number>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < toRead.length && !signal.aborted; i = next++) {
      const page = toRead[i] ?? 0;
      attempted.add(page);
      const outcome = await readPage({ page, dir, render, limits, signal });
      if (signal.aborted) {
        attempted.delete(page);
        break;
      }
      if (outcome.ok) result.recognized.set(page, outcome.page);
      else result.failed.push({ page, detail: outcome.detail });
      onPage?.({ done: ++done, total: toRead.length });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limits.ocr.concurrency), toRead.length) }, worker));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  abortSignal?.throwIfAborted();
  if (deadline.aborted) {
    const unread = toRead.filter((page) => !attempted.has(page));
    if (unread.length > 0) {
      result.unread = [...unread, ...result.unread];
      result.stoppedBy = 'maxFileMs';
    }
  }
  result.failed.sort((a, b) => a.page - b.page);
  return result;
}

async function readPage({ page, dir, render, limits, signal }: { page: number; dir: string; render: RenderPage; limits: IngestLimits; signal: AbortSignal }): Promise<{ ok: true; page: RecognizedPage } | { ok: false; detail: string }> {
  const image = await render({ page, dir, abortSignal: signal });
  if (!image.ok) return image;
  try {
    const recognized = await recognizeImage({ imagePath: image.imagePath, dpi: image.dpi, timeoutMs: limits.ocr.pageTimeoutMs, abortSignal: signal });
    return recognized.ok ? { ok: true, page: recognized } : { ok: false, detail: recognized.detail };
  } finally {
    await rm(image.imagePath, { force: true });
  }
}
