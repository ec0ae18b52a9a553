import type { IngestLimits } from './ingest-limits';
import type { CitableUnit, DocumentMeta, ExtractionSummary, IngestProblem } from './types';

/** What a loader is given: one file, already read (size checked) by `ingestFolder`. */
export interface LoaderInput {
  /** Path relative to the knowledge folder, `/`-separated: used in problems. */
  path: string;
  bytes: Buffer;
  /** The per-file limits (archive size, pages…); `DEFAULT_INGEST_LIMITS` when not given. */
  limits?: IngestLimits;
  /** Aborted when the run stops or the file takes longer than `limits.maxFileMs`. */
  abortSignal?: AbortSignal;
  /** Pages finished so far out of the pages to read (OCR), for the progress bar. */
  onPage?: (progress: { done: number; total: number }) => void;
}

/**
 * One piece of a document that keeps its identity after cleaning: a page (with its number, and its
 * OCR confidence when it was recognised) or a citable unit such as a spreadsheet row.
 */
export interface LoadedPart {
  text: string;
  /** 1-based page (or frame) number. */
  page?: number;
  /** Set when the text was recognised from an image: mean word confidence 0–100, and whether it is below the floor. */
  ocr?: { confidence: number; low: boolean };
  /** A part cited on its own: its locator and heading path. */
  unit?: Omit<CitableUnit, 'start' | 'end'>;
}

/** A document as a loader sees it, before cleaning, metadata and ids are added. */
export interface LoadedDocument {
  text: string;
  /** When set, the text is these parts, each cleaned on its own and joined by blank lines (`text` is ignored). */
  parts?: LoadedPart[];
  /** What was read, for the report (pages, OCR confidence, sheets, rows). */
  extraction?: ExtractionSummary;
  /** The title the format itself gives (first heading, `<title>`, a record's title), when it has one. */
  title?: string;
  /** A record's own id (`.jsonl`). */
  id?: string;
  /** Metadata a record carries itself (`.jsonl`): wins over what is extracted from the text. */
  meta?: DocumentMeta;
  /** Where it came from when a file holds several documents: `file.jsonl#3`. */
  path?: string;
}

export interface LoaderOutput {
  documents: LoadedDocument[];
  problems: IngestProblem[];
}

/**
 * Reads one file format. Loaders never throw for bad input: a file that cannot be read becomes a
 * problem in the output, so that one broken file never stops a run.
 */
export interface Loader {
  /** Name recorded in `SourceInfo.format`: txt, md, html, docx, pdf, jsonl, doc, xlsx, image… */
  readonly format: string;
  load(input: LoaderInput): Promise<LoaderOutput>;
}
