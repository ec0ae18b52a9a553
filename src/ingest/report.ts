import type { PromptCatalog } from '../prompts/catalog';
import { pageRanges } from './ocr/ocr-outcome';
import type { IngestProblem, IngestResult, SourceDocument } from './types';

/** Every prompt key the ingestion report uses; `prompts.require(INGEST_PROMPT_KEYS)` at start-up. */
export const INGEST_PROMPT_KEYS = [
  'ingest.report.summary', 'ingest.report.clean', 'ingest.report.problemsHeader', 'ingest.report.error', 'ingest.report.warning',
  'ingest.problem.empty', 'ingest.problem.too-large', 'ingest.problem.unsupported-type', 'ingest.problem.corrupt', 'ingest.problem.encrypted',
  'ingest.problem.scanned-no-text', 'ingest.problem.scanned-pages', 'ingest.problem.legacy-encoding.error', 'ingest.problem.legacy-encoding.warning',
  'ingest.problem.legacy-encoding.unknown', 'ingest.problem.invalid-record', 'ingest.problem.invalid-meta', 'ingest.problem.read-failed',
  'ingest.problem.timed-out', 'ingest.problem.quarantined',
  'ingest.problem.ocr-unavailable', 'ingest.problem.ocr-failed', 'ingest.problem.ocr-low-confidence', 'ingest.problem.truncated', 'ingest.problem.misnamed',
  'ingest.report.readHeader', 'ingest.report.ocr', 'ingest.report.ocr.low', 'ingest.report.sheet',
] as const;

/** The Vietnamese reason for one problem (also shown per file by the admin page). */
export function problemReason(problem: IngestProblem, prompts: PromptCatalog): string {
  switch (problem.code) {
    case 'scanned-no-text':
      return problem.severity === 'warning'
        ? prompts.format('ingest.problem.scanned-pages', { pages: pageRanges(problem.pages ?? []) })
        : prompts.format('ingest.problem.scanned-no-text');
    case 'legacy-encoding':
      return prompts.format(`ingest.problem.legacy-encoding.${problem.severity}`, {
        encoding: problem.encoding ?? prompts.format('ingest.problem.legacy-encoding.unknown'),
      });
    case 'ocr-failed':
    case 'ocr-low-confidence':
      return prompts.format(`ingest.problem.${problem.code}`, { pages: pageRanges(problem.pages ?? []) });
    case 'misnamed':
      return prompts.format('ingest.problem.misnamed', { format: problem.actualFormat ?? '?' });
    case 'truncated':
      return prompts.format('ingest.problem.truncated', { stoppedAt: problem.stoppedAt ?? '?', limit: problem.limit ?? '?' });
    default:
      return prompts.format(`ingest.problem.${problem.code}`);
  }
}

/** One line per document that was OCR'd (pages, OCR'd pages, mean confidence, pages below the floor) or is a spreadsheet (sheets, rows). */
function readLines(documents: readonly SourceDocument[], prompts: PromptCatalog): string[] {
  const lines: string[] = [];
  for (const { source } of documents) {
    const e = source.extraction;
    if (e === undefined) continue;
    if ((e.ocrPages ?? 0) > 0) {
      const lowPages = e.lowConfidencePages ?? [];
      const low = lowPages.length === 0 ? '' : prompts.format('ingest.report.ocr.low', { pages: pageRanges(lowPages) });
      lines.push(prompts.format('ingest.report.ocr', { path: source.path, pages: e.pages ?? e.ocrPages ?? 0, ocrPages: e.ocrPages ?? 0, confidence: Math.round(e.meanConfidence ?? 0), low }));
    } else if (e.rows !== undefined) {
      lines.push(prompts.format('ingest.report.sheet', { path: source.path, sheets: e.sheets ?? 1, rows: e.rows }));
    }
  }
  return lines.length === 0 ? [] : [prompts.format('ingest.report.readHeader'), ...lines];
}

/**
 * The lines a person reads after ingestion, in Vietnamese: a summary with counts, the scans and
 * spreadsheets read (pages, OCR confidence, rows), then one line per
 * problem naming the file (or `file.jsonl#line`) and the reason — errors first, then warnings, each
 * in path order.
 */
export function formatIngestReport({ result, prompts }: { result: IngestResult; prompts: PromptCatalog }): string[] {
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  const lines = [
    prompts.format('ingest.report.summary', { files: result.filesSeen, documents: result.documents.length, errors: errors.length, warnings: warnings.length }),
  ];
  lines.push(...readLines(result.documents, prompts));
  if (result.problems.length === 0) return [...lines, prompts.format('ingest.report.clean')];
  lines.push(prompts.format('ingest.report.problemsHeader'));
  for (const problem of [...errors, ...warnings]) {
    lines.push(prompts.format(`ingest.report.${problem.severity}`, { path: problem.path, reason: problemReason(problem, prompts) }));
  }
  return lines;
}
