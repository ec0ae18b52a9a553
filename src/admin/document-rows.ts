import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentListing } from '../index/store';
import { documentIdFromPath } from '../ingest/document-id';
import { problemReason } from '../ingest/report';
import { listKnowledgeFiles } from '../ingest/walk';
import type { PromptCatalog } from '../prompts/catalog';
import type { IngestReport } from './index-events';

/**
 * One line of the admin's documents table. `indexed`: served now; `pending`: a file in the
 * knowledge folder the served snapshot does not have yet (reindex to add it); `error`: the last
 * reindex could not read it; `removed`: served, but its file is gone (reindex to drop it).
 */
export interface DocumentRow {
  docId: string;
  /** Path in the knowledge folder (`file.jsonl#line` for a JSONL record). */
  path: string;
  title: string | null;
  docNumber: string | null;
  chunkCount: number;
  status: 'indexed' | 'pending' | 'error' | 'removed';
  /** What the last reindex said about the file, in Vietnamese. */
  problems: Array<{ severity: 'error' | 'warning'; code: string; reason: string }>;
}

/** The file a document came from: the path without a JSONL `#line`. */
export function sourceFile(path: string): string {
  const hash = path.indexOf('#');
  return hash === -1 ? path : path.slice(0, hash);
}

/** The documents table: served documents, plus the knowledge folder's files the snapshot lacks. */
export async function documentRows({ served, knowledgeDir, report, prompts }: {
  served: readonly DocumentListing[];
  knowledgeDir: string;
  report: IngestReport | null;
  prompts: PromptCatalog;
}): Promise<DocumentRow[]> {
  const problemsOf = (file: string) =>
    (report?.problems ?? []).filter((p) => sourceFile(p.path) === file).map((p) => ({ severity: p.severity, code: p.code, reason: problemReason(p, prompts) }));
  const rows: DocumentRow[] = served.map((d) => ({
    docId: d.id,
    path: d.source.path,
    title: d.title,
    docNumber: d.meta.docNumber ?? null,
    chunkCount: d.chunkCount,
    status: existsSync(join(knowledgeDir, sourceFile(d.source.path))) ? 'indexed' : 'removed',
    problems: problemsOf(sourceFile(d.source.path)).filter((p) => p.severity === 'warning'),
  }));
  const servedFiles = new Set(served.map((d) => sourceFile(d.source.path)));
  let files: Array<{ relativePath: string }> = [];
  try {
    files = await listKnowledgeFiles({ dir: knowledgeDir });
  } catch {
    // No knowledge folder yet: only the served documents are listed.
  }
  for (const { relativePath } of files) {
    if (servedFiles.has(relativePath)) continue;
    const problems = problemsOf(relativePath);
    rows.push({
      docId: documentIdFromPath(relativePath),
      path: relativePath,
      title: null,
      docNumber: null,
      chunkCount: 0,
      status: problems.some((p) => p.severity === 'error') ? 'error' : 'pending',
      problems,
    });
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
