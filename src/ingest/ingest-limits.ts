import { DEFAULT_TUNABLES, type Tunables } from '../config/tunables';
import type { ArchiveLimits } from './archive-limits';

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
  /** Longest time one file may take, in ms. */
  maxFileMs: number;
}

/** The ingest limits of a configuration's tunables. */
export function ingestLimits(tunables: Pick<Tunables, 'maxFileBytes' | 'maxArchiveBytes' | 'maxArchiveEntries' | 'maxPdfPages' | 'maxDocumentChars' | 'maxFileMs'>): IngestLimits {
  return {
    maxFileBytes: tunables.maxFileBytes,
    archive: { maxBytes: tunables.maxArchiveBytes, maxEntries: tunables.maxArchiveEntries },
    maxPages: tunables.maxPdfPages,
    maxDocumentChars: tunables.maxDocumentChars,
    maxFileMs: tunables.maxFileMs,
  };
}

/** The limits with every tunable at its default. */
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze(ingestLimits(DEFAULT_TUNABLES));
