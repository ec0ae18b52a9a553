import type { PromptCatalog } from '../prompts/catalog';
import type { IngestProblem, IngestResult } from './types';

/** Every prompt key the ingestion report uses; `prompts.require(INGEST_PROMPT_KEYS)` at start-up. */
export const INGEST_PROMPT_KEYS = [
  'ingest.report.summary', 'ingest.report.clean', 'ingest.report.problemsHeader', 'ingest.report.error', 'ingest.report.warning',
  'ingest.problem.empty', 'ingest.problem.too-large', 'ingest.problem.unsupported-type', 'ingest.problem.corrupt', 'ingest.problem.encrypted',
  'ingest.problem.scanned-no-text', 'ingest.problem.scanned-pages', 'ingest.problem.legacy-encoding.error', 'ingest.problem.legacy-encoding.warning',
  'ingest.problem.legacy-encoding.unknown', 'ingest.problem.invalid-record', 'ingest.problem.invalid-meta', 'ingest.problem.read-failed',
  'ingest.problem.timed-out', 'ingest.problem.quarantined',
] as const;

/** The Vietnamese reason for one problem (also shown per file by the admin page). */
export function problemReason(problem: IngestProblem, prompts: PromptCatalog): string {
  switch (problem.code) {
    case 'scanned-no-text':
      return problem.severity === 'warning'
        ? prompts.format('ingest.problem.scanned-pages', { pages: (problem.pages ?? []).join(', ') })
        : prompts.format('ingest.problem.scanned-no-text');
    case 'legacy-encoding':
      return prompts.format(`ingest.problem.legacy-encoding.${problem.severity}`, {
        encoding: problem.encoding ?? prompts.format('ingest.problem.legacy-encoding.unknown'),
      });
    default:
      return prompts.format(`ingest.problem.${problem.code}`);
  }
}

/**
 * The lines a person reads after ingestion, in Vietnamese: a summary with counts, then one line per
 * problem naming the file (or `file.jsonl#line`) and the reason — errors first, then warnings, each
 * in path order.
 */
export function formatIngestReport({ result, prompts }: { result: IngestResult; prompts: PromptCatalog }): string[] {
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  const lines = [
    prompts.format('ingest.report.summary', { files: result.filesSeen, documents: result.documents.length, errors: errors.length, warnings: warnings.length }),
  ];
  if (result.problems.length === 0) return [...lines, prompts.format('ingest.report.clean')];
  lines.push(prompts.format('ingest.report.problemsHeader'));
  for (const problem of [...errors, ...warnings]) {
    lines.push(prompts.format(`ingest.report.${problem.severity}`, { path: problem.path, reason: problemReason(problem, prompts) }));
  }
  return lines;
}
