import type { IngestProblem, IngestProblemCode } from './types';

/** A problem that keeps the file (or record) out of the index. */
export function fileError(path: string, code: IngestProblemCode, message: string, extra: Partial<IngestProblem> = {}): IngestProblem {
  return { path, code, severity: 'error', message, ...extra };
}

/** A problem with a document that was still indexed. */
export function fileWarning(path: string, code: IngestProblemCode, message: string, extra: Partial<IngestProblem> = {}): IngestProblem {
  return { path, code, severity: 'warning', message, ...extra };
}
