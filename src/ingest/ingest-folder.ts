import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../config/errors';
import { buildDocument } from './build-document';
import type { FileResultCache } from './file-result-cache';
import type { LoaderLimits, LoaderOutput } from './loader';
import { LOADERS } from './loaders';
import { fileError } from './problem';
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
  /** Files larger than this are reported (`too-large`) without being read. See `tunables.maxFileBytes`. */
  maxFileBytes: number;
  onProgress?: (progress: IngestProgress) => void;
  abortSignal?: AbortSignal;
  /** What unchanged files produced last time: they are not parsed again. */
  cache?: FileResultCache;
  /** OCR and spreadsheet limits (`loaderLimits(tunables)`); defaults from DEFAULT_TUNABLES. */
  limits?: Partial<LoaderLimits>;
}

const isAsciiWhitespace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

interface FileContext {
  maxFileBytes: number;
  abortSignal: AbortSignal | undefined;
  limits: Partial<LoaderLimits> | undefined;
  onPage: ((progress: { done: number; total: number }) => void) | undefined;
}

async function ingestFile(file: FoundFile, { maxFileBytes, abortSignal, limits, onPage }: FileContext): Promise<{ documents: SourceDocument[]; problems: IngestProblem[] }> {
  const { absolutePath, relativePath } = file;
  const loader = LOADERS.get(extname(relativePath).toLowerCase());
  if (loader === undefined) {
    return { documents: [], problems: [fileError(relativePath, 'unsupported-type', `No loader for "${extname(relativePath) || '(no extension)'}" files. Supported: ${[...LOADERS.keys()].join(', ')}. Convert the file or remove it.`)] };
  }
  let bytes: Buffer;
  try {
    const { size } = await stat(absolutePath);
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
  let output: LoaderOutput;
  try {
    output = await loader.load({
      path: relativePath,
      bytes,
      ...(abortSignal === undefined ? {} : { abortSignal }),
      ...(limits === undefined ? {} : { limits }),
      ...(onPage === undefined ? {} : { onPage }),
    });
  } catch (cause) {
    if (abortSignal?.aborted) throw cause;
    return { documents: [], problems: [...problems, fileError(relativePath, 'corrupt', `The ${loader.format} loader failed (${(cause as Error).message}). The file may be damaged; export it again.`)] };
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
export async function ingestFolder({ dir, maxFileBytes, onProgress, abortSignal, cache, limits }: IngestFolderOptions): Promise<IngestResult> {
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
    let result: Awaited<ReturnType<typeof ingestFile>>;
    try {
      const cached = await cache?.get(file);
      const onPage = onProgress === undefined ? undefined : (pages: { done: number; total: number }) => onProgress({ done: index, total: files.length, path: file.relativePath, pages });
      result = cached ?? (await ingestFile(file, { maxFileBytes, abortSignal, limits, onPage }));
      if (cached === undefined && !result.problems.some((p) => p.code === 'read-failed')) cache?.set(file, result);
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
