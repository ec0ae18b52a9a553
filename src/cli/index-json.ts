import type { IndexEvent, IngestReport } from '../admin/index-events';
import { describeError, isAppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { buildSnapshot } from '../index/build-snapshot';
import type { VectorSnapshotPart } from '../index/snapshot-part';
import { formatIngestReport } from '../ingest/index';
import type { IngestResult } from '../ingest/types';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliOutput } from './output';
import { watchParent } from './parent-watch';
import { explainSnapshotError } from './snapshot-errors';

function report(ingest: IngestResult, prompts: PromptCatalog): IngestReport {
  return {
    filesSeen: ingest.filesSeen,
    documents: ingest.documents.map((d) => ({ id: d.id, path: d.source.path, title: d.title, ...(d.meta.docNumber === undefined ? {} : { docNumber: d.meta.docNumber }) })),
    problems: ingest.problems.map((p) => ({ ...p })),
    lines: formatIngestReport({ result: ingest, prompts }),
  };
}

/**
 * `troly index --json-progress`: the same build as `troly index`, reported as one JSON object per
 * stdout line (`IndexEvent`) for a program to read — the admin's reindex job runs it in a child
 * process. SIGINT or SIGTERM stop the build cleanly (the current snapshot stays, the partial
 * folder is removed); so does the death of the server that started it (`watchParent`), before
 * CURRENT is switched. Exit code 0 only when a new snapshot is current.
 */
export async function indexWithJsonEvents({ knowledgeDir, dataDir, tunables, prompts, io, vectors }: {
  knowledgeDir: string;
  dataDir: string;
  tunables: Readonly<Tunables>;
  prompts: PromptCatalog;
  io: CliOutput;
  vectors?: VectorSnapshotPart | undefined;
}): Promise<void> {
  const controller = new AbortController();
  // Started by a server that has died since: stop, switch nothing, and say nothing (nobody reads stdout).
  const parent = watchParent({ onGone: () => controller.abort(new Error('the parent process is gone')) });
  const emit = (event: IndexEvent) => {
    if (!parent.gone()) io.out(JSON.stringify(event));
  };
  const stop = (signal: NodeJS.Signals) => controller.abort(new Error(signal));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = performance.now();
  try {
    const result = await buildSnapshot({
      knowledgeDir,
      dataDir,
      tunables,
      abortSignal: controller.signal,
      // emit() checks the parent synchronously, so a build whose server died is aborted before it switches CURRENT.
      onProgress: (p) => emit({ event: 'progress', phase: p.phase, done: p.done, total: p.total, ...(p.path === undefined ? {} : { path: p.path }) }),
      onFileStart: (path) => emit({ event: 'reading', path }),
      ...(vectors === undefined ? {} : { vectors }),
    });
    if (result.manifest === null) {
      emit({ event: 'empty', message: prompts.format('index.empty', { dir: knowledgeDir }), report: report(result.ingest, prompts) });
      process.exitCode = 1;
      return;
    }
    const { counts, id } = result.manifest;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    emit({ event: 'done', snapshotId: id, documents: counts.documents, chunks: counts.chunks, reusedDocuments: result.reusedDocuments, seconds, report: report(result.ingest, prompts) });
  } catch (error) {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    const message = explainSnapshotError({ error, prompts, dataDir }) ?? (isAppError(error, 'ABORTED') ? prompts.format('index.aborted') : prompts.format('admin.job.failedUnexpectedly'));
    emit({ event: 'failed', code, message, detail: describeError(error) });
    process.exitCode = 1;
  } finally {
    parent.stop();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
