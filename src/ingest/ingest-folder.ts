import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../config/errors';
import { buildDocument } from './build-document';
import type { FileResultCache } from './file-result-cache';
import type { IngestLimits } from './ingest-limits';
import type { LoaderOutput } from './loader';
import { LOADERS } from './loaders';
import { fileError } from './problem';
import { quarantinedEntry, type QuarantineEntry } from './quarantine';
import { readSidecar } from './sidecar';
import type { IngestProblem, IngestResult, SourceDocument } from './types';
import { listKnowledgeFiles, type FoundFile } from './walk';

export interface IngestProgress {
  /** Files finished so far. */
  done: number;
  total: number;
  /** The file just finished (or, with `pages`, being read), relative to the folder. */
  path: string;
  /** While a file's pages are OCR'd: pages finished out of the pages to read. */
  pages?: { done: number; total: number };
}

export interface IngestFolderOptions {
  /** The knowledge folder. */
  dir: string;
  /** Per-file limits (size, archive, pages, characters, time, OCR, sheet rows): see `ingestLimits(tunables)`. */
  limits: IngestLimits;
  onProgress?: (progress: IngestProgress) => void;
  /** Called before a file is read (not for files whose result is cached): the indexer child reports it, so that a file that kills it is known. */
  onFileStart?: (path: string) => void;
  /** Files that stopped an indexer before (`readQuarantine`): reported `quarantined` and not read while unchanged. */
  quarantine?: readonly QuarantineEntry[];
  abortSignal?: AbortSignal;
  /** What unchanged files produced last time: they are not parsed again. */
  cache?: FileResultCache;
}

const isAsciiWhitespace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/** Problems that depend on the moment, not on the file: such a result is not cached. */
const TRANSIENT_CODES: ReadonlySet<IngestProblem['code']> = new Set(['read-failed', 'timed-out', 'quarantined']);

type FileOutcome = { documents: SourceDocument[]; problems: IngestProblem[] };

/**
 * Runs the loader under `limits.maxFileMs`: past it the loader's signal is aborted (pdfjs stops at
 * the next page) and the file is reported `timed-out` without waiting for it. A loader stuck in
 * synchronous work cannot be stopped here; the indexer child's parent kills the child for that.
 */
async function loadWithin(load: (signal: AbortSignal) => Promise<LoaderOutput>, maxFileMs: number, abortSignal: AbortSignal | undefined): Promise<LoaderOutput | 'timed-out'> {
  const timer = new AbortController();
  const signal = abortSignal === undefined ? timer.signal : AbortSignal.any([abortSignal, timer.signal]);
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<'timed-out'>((resolve) => {
    timeout = setTimeout(() => {
      timer.abort(new Error(`maxFileMs (${maxFileMs} ms) passed`));
      resolve('timed-out');
    }, maxFileMs);
  });
  const loading = load(signal);
  loading.catch(() => undefined); // may settle after the timeout: nobody waits for it then
  try {
    return await Promise.race([loading, expired]);
  } finally {
    clearTimeout(timeout);
  }
}

async function ingestFile(file: FoundFile, limits: IngestLimits, quarantine: readonly QuarantineEntry[], abortSignal: AbortSignal | undefined, onPage?: (progress: { done: number; total: number }) => void): Promise<FileOutcome> {
  const { maxFileBytes } = limits;
  const { absolutePath, relativePath } = file;
  const loader = LOADERS.get(extname(relativePath).toLowerCase());
  if (loader === undefined) {
    return { documents: [], problems: [fileError(relativePath, 'unsupported-type', `No loader for "${extname(relativePath) || '(no extension)'}" files. Supported: ${[...LOADERS.keys()].join(', ')}. Convert the file or remove it.`)] };
  }
  let bytes: Buffer;
  try {
    const { size, mtimeMs } = await stat(absolutePath);
    const held = quarantinedEntry(quarantine, { relativePath, size, mtimeMs });
    if (held !== undefined) {
      return { documents: [], problems: [fileError(relativePath, 'quarantined', `This file stopped the indexer on ${held.at} (${held.reason}) and is skipped until it changes. Fix or replace it; any change to the file makes the next build try it again.`)] };
    }
    if (size > maxFileBytes) {
      return { documents: [], problems: [fileError(relativePath, 'too-large', `The file has ${size} bytes, more than maxFileBytes (${maxFileBytes}). Split it, or raise TROLY_MAX_FILE_BYTES.`)] };
    }
    bytes = await readFile(absolutePath);
  } catch (cause) {
    return { documents: [], problems: [fileError(relativePath, 'read-failed', `The file could not be read (${(cause as Error).message}). Check its permissions.`)] };
  }
  if (bytes.every(isAsciiWhitespace)) {
    return { documents: [], problems: [fileError(relativePath, 'empty', 'The file is empty or only whitespace. Add content or remove the file.')] };
  }
  const { sidecar, problem } = await readSidecar({ absolutePath, relativePath });
  const problems: IngestProblem[] = problem === undefined ? [] : [problem];
  let output: LoaderOutput | 'timed-out';
  try {
    output = await loadWithin((signal) => loader.load({ path: relativePath, bytes, limits, abortSignal: signal, ...(onPage === undefined ? {} : { onPage }) }), limits.maxFileMs, abortSignal);
  } catch (cause) {
    if (abortSignal?.aborted) throw cause;
    return { documents: [], problems: [...problems, fileError(relativePath, 'corrupt', `The ${loader.format} loader failed (${(cause as Error).message}). The file may be damaged; export it again.`)] };
  }
  abortSignal?.throwIfAborted();
  if (output === 'timed-out') {
    return { documents: [], problems: [...problems, fileError(relativePath, 'timed-out', `Reading the file took longer than maxFileMs (${limits.maxFileMs} ms) and was stopped. Split or simplify it, or raise TROLY_MAX_FILE_MS.`)] };
  }
  const chars = output.documents.reduce((sum, d) => sum + d.text.length, 0);
  if (chars > limits.maxDocumentChars) {
    return { documents: [], problems: [...problems, fileError(relativePath, 'too-large', `The file produced ${chars} characters of text, more than maxDocumentChars (${limits.maxDocumentChars}). Split it, or raise TROLY_MAX_DOCUMENT_CHARS.`)] };
  }
  problems.push(...output.problems);
  const documents: SourceDocument[] = [];
  const singleDocument = output.documents.length === 1 && loader.format !== 'jsonl';
  for (const loaded of output.documents) {
    const built = buildDocument({ loaded, relativePath, format: loader.format, bytes: bytes.length, singleDocument, ...(sidecar === undefined ? {} : { sidecar }) });
    problems.push(...built.problems);
    if (built.document !== undefined) documents.push(built.document);
  }
  return { documents, problems };
}

/** Makes ids unique in path order: a later document whose id is taken gets "-2", "-3"… */
function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Reads every file of a knowledge folder into `SourceDocument`s, with one report line for each
 * file or record that could not be read, or was read with a caveat. Bad input never stops the run;
 * only `abortSignal` does (AppError ABORTED). Files are read one at a time, in sorted path order,
 * so the result is the same on every run.
 */
export async function ingestFolder({ dir, limits, onProgress, onFileStart, quarantine = [], abortSignal, cache }: IngestFolderOptions): Promise<IngestResult> {
  let files: FoundFile[];
  try {
    files = await listKnowledgeFiles({ dir });
  } catch (cause) {
    throw new AppError('INGEST_FAILED', `Cannot read the knowledge folder ${dir}: expected a readable directory. Create it or set TROLY_KNOWLEDGE_DIR.`, { cause });
  }
  const documents: SourceDocument[] = [];
  const problems: IngestProblem[] = [];
  const ids = new Set<string>();
  for (const [index, file] of files.entries()) {
    if (abortSignal?.aborted) throw new AppError('ABORTED', `Ingestion was aborted after ${index} of ${files.length} files.`, { cause: abortSignal.reason });
    let result: FileOutcome;
    try {
      const cached = await cache?.get(file);
      if (cached === undefined) onFileStart?.(file.relativePath);
      const onPage = onProgress === undefined ? undefined : (pages: { done: number; total: number }) => onProgress({ done: index, total: files.length, path: file.relativePath, pages });
      result = cached ?? (await ingestFile(file, limits, quarantine, abortSignal, onPage));
      if (cached === undefined && !result.problems.some((p) => TRANSIENT_CODES.has(p.code))) cache?.set(file, result);
    } catch (cause) {
      if (abortSignal?.aborted) throw new AppError('ABORTED', `Ingestion was aborted while reading ${file.relativePath}.`, { cause });
      // A failure nobody foresaw still costs only this file.
      result = { documents: [], problems: [fileError(file.relativePath, 'read-failed', `Reading failed unexpectedly (${(cause as Error).message}). Report this with the file.`)] };
    }
    for (const document of result.documents) documents.push({ ...document, id: uniqueId(document.id, ids) });
    problems.push(...result.problems);
    onProgress?.({ done: index + 1, total: files.length, path: file.relativePath });
  }
  return { documents, problems, filesSeen: files.length };
}
