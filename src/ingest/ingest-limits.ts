import { DEFAULT_TUNABLES, type Tunables } from '../config/tunables';
import type { ArchiveLimits } from './archive-limits';

/** How scanned pages are read (each is a tunable; see src/config/tunables.ts). */
export interface OcrLimits {
  /** Rasterisation resolution of PDF pages. */
  dpi: number;
  /** Pages recognised at the same time. */
  concurrency: number;
  /** Longest one page may take to render or recognise, in ms. */
  pageTimeoutMs: number;
  /** Most pages of one document that are OCR'd. */
  maxPages: number;
  /** Mean word confidence (0–100) below which a page is marked and reported. */
  confidenceFloor: number;
}

/** The per-file limits every loader works under (each is a tunable; see src/config/tunables.ts). */
export interface IngestLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** What an archive-based file may unpack to. */
  archive: ArchiveLimits;
  /** Most pages of a paged format (PDF). */
  maxPages: number;
  /** Most characters of text one file may produce. */
  maxDocumentChars: number;
  /** Longest time one file may take, in ms. OCR stops a little before it and keeps what it read. */
  maxFileMs: number;
  ocr: OcrLimits;
  /** Most spreadsheet rows read from one file. */
  maxSheetRows: number;
}

type LimitTunables = Pick<
  Tunables,
  'maxFileBytes' | 'maxArchiveBytes' | 'maxArchiveEntries' | 'maxPdfPages' | 'maxDocumentChars' | 'maxFileMs' | 'ocrDpi' | 'ocrConcurrency' | 'ocrPageTimeoutMs' | 'ocrMaxPages' | 'ocrConfidenceFloor' | 'maxSheetRows'
>;

/** The ingest limits of a configuration's tunables (a tunable not given keeps its default). */
export function ingestLimits(given: Partial<LimitTunables>): IngestLimits {
  const tunables: LimitTunables = { ...DEFAULT_TUNABLES, ...given };
  return {
    maxFileBytes: tunables.maxFileBytes,
    archive: { maxBytes: tunables.maxArchiveBytes, maxEntries: tunables.maxArchiveEntries },
    maxPages: tunables.maxPdfPages,
    maxDocumentChars: tunables.maxDocumentChars,
    maxFileMs: tunables.maxFileMs,
    ocr: { dpi: tunables.ocrDpi, concurrency: tunables.ocrConcurrency, pageTimeoutMs: tunables.ocrPageTimeoutMs, maxPages: tunables.ocrMaxPages, confidenceFloor: tunables.ocrConfidenceFloor },
    maxSheetRows: tunables.maxSheetRows,
  };
}

/** The limits with every tunable at its default. */
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze(ingestLimits(DEFAULT_TUNABLES));
