import type { IngestProblem, SourceDocument } from './types';
import type { FoundFile } from './walk';

/** What reading one file produced: its documents (ids not yet made unique) and report lines. */
export interface FileResult {
  documents: SourceDocument[];
  problems: IngestProblem[];
}

/**
 * Remembers what files produced, so that an unchanged file is not parsed again (a PDF takes far
 * longer to parse than to hash). `get` answers for the file as it is on disk now (the
 * implementation decides what "unchanged" means: same bytes, same sidecar, same code); `set`
 * records what a file just produced. Implemented by the index stage (`openIngestCache`).
 */
export interface FileResultCache {
  get(file: FoundFile): Promise<FileResult | undefined>;
  set(file: FoundFile, result: FileResult): void;
}
