import type { IngestLimits } from '../ingest-limits';
import type { LoadedPart } from '../loader';
import { fileWarning } from '../problem';
import type { ExtractionSummary, IngestProblem } from '../types';
import type { OcrPagesResult } from './ocr-pages';

/** "1–3, 7": page lists in report messages. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...pages].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i] ?? 0;
    let to = from;
    while (sorted[i + 1] === to + 1) to = sorted[++i] ?? to;
    ranges.push(from === to ? String(from) : `${from}–${to}`);
  }
  return ranges.join(', ');
}

/**
 * Merges the pages that had a text layer with those OCR'd, in page order, and says what happened:
 * the extraction summary (pages, OCR'd pages, mean confidence, pages below the floor) and a warning
 * for pages below the floor, pages that failed, and pages left unread by a limit.
 */
export function ocrOutcome({ path, pageCount, textPages, ocr, limits }: {
  path: string;
  pageCount: number;
  /** Pages read from the text layer, by number. */
  textPages: ReadonlyMap<number, string>;
  ocr: OcrPagesResult;
  limits: IngestLimits;
}): { parts: LoadedPart[]; extraction: ExtractionSummary; problems: IngestProblem[] } {
  const parts: LoadedPart[] = [];
  for (let page = 1; page <= pageCount; page++) {
    const text = textPages.get(page);
    const recognized = ocr.recognized.get(page);
    if (text !== undefined) parts.push({ text, page });
    else if (recognized !== undefined && recognized.text.trim() !== '') parts.push({ text: recognized.text, page, ocr: { confidence: round(recognized.confidence), low: recognized.confidence < limits.ocr.confidenceFloor } });
  }
  const confidences = [...ocr.recognized.values()].map((r) => r.confidence);
  const low = [...ocr.recognized.entries()].filter(([, r]) => r.text.trim() !== '' && r.confidence < limits.ocr.confidenceFloor).map(([page]) => page).sort((a, b) => a - b);
  const extraction: ExtractionSummary = { pages: pageCount, ocrPages: ocr.recognized.size, lowConfidencePages: low };
  if (confidences.length > 0) extraction.meanConfidence = round(confidences.reduce((a, b) => a + b, 0) / confidences.length);

  const problems: IngestProblem[] = [];
  const blank = [...ocr.recognized.entries()].filter(([, r]) => r.text.trim() === '').map(([page]) => page).sort((a, b) => a - b);
  if (blank.length > 0) {
    problems.push(fileWarning(path, 'scanned-no-text', `Pages ${pageRanges(blank)} are scans (no text layer) on which OCR recognised no text; they were left out. Check them, or add a clearer scan.`, { pages: blank }));
  }
  if (low.length > 0) {
    problems.push(fileWarning(path, 'ocr-low-confidence', `OCR confidence on pages ${pageRanges(low)} is below ocrConfidenceFloor (${limits.ocr.confidenceFloor}); they are indexed and marked. Check them, or add a cleaner scan (300 dpi, straight).`, { pages: low }));
  }
  if (ocr.failed.length > 0) {
    const pages = ocr.failed.map((f) => f.page);
    problems.push(fileWarning(path, 'ocr-failed', `OCR failed on pages ${pageRanges(pages)} (${ocr.failed[0]?.detail ?? ''}); the other pages are indexed. Check those pages or raise TROLY_OCR_PAGE_TIMEOUT_MS.`, { pages }));
  }
  if (ocr.stoppedBy !== undefined && ocr.unread.length > 0) {
    const first = ocr.unread[0] ?? 0;
    const limit = ocr.stoppedBy === 'ocrMaxPages' ? `ocrMaxPages (${limits.ocr.maxPages} pages)` : `maxFileMs (${limits.maxFileMs} ms)`;
    problems.push(fileWarning(path, 'truncated', `OCR stopped at page ${first} because of ${limit}: pages ${pageRanges(ocr.unread)} were not read. What was read before is indexed; raise the limit or split the file.`, { pages: ocr.unread, stoppedAt: `trang ${first}`, limit: ocr.stoppedBy }));
  }
  return { parts, extraction, problems };
}

const round = (value: number) => Math.round(value * 10) / 10;
