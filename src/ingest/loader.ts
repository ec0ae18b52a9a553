import type { IngestLimits } from './ingest-limits';
import type { DocumentMeta, IngestProblem } from './types';

/** What a loader is given: one file, already read (size checked) by `ingestFolder`. */
export interface LoaderInput {
  /** Path relative to the knowledge folder, `/`-separated: used in problems. */
  path: string;
  bytes: Buffer;
  /** The per-file limits (archive size, pages…); `DEFAULT_INGEST_LIMITS` when not given. */
  limits?: IngestLimits;
  /** Aborted when the run stops or the file takes longer than `limits.maxFileMs`. */
  abortSignal?: AbortSignal;
}

/** A document as a loader sees it, before cleaning, metadata and ids are added. */
export interface LoadedDocument {
  text: string;
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
  /** Name recorded in `SourceInfo.format`: txt, md, html, docx, pdf, jsonl. */
  readonly format: string;
  load(input: LoaderInput): Promise<LoaderOutput>;
}
