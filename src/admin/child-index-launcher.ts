import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT, tunableEnvName, type Config } from '../config/config';
import { describeError } from '../config/errors';
import { silentLogger, type Logger } from '../config/logger';
import { quarantineFile } from '../ingest/quarantine';
import { formatIngestReport } from '../ingest/report';
import type { IngestProblem } from '../ingest/types';
import type { PromptCatalog } from '../prompts/catalog';
import { parseIndexEvent, type IndexEvent, type IngestReport, type ProgressEvent } from './index-events';

/** How a build run ended. `report` is there whenever ingestion finished. */
export type LaunchOutcome =
  | { ok: true; done: Extract<IndexEvent, { event: 'done' }> }
  | { ok: false; code: string; message: string; detail?: string; report?: IngestReport; file?: string };

/** Runs one index build somewhere other than the caller's event loop, reporting progress as it goes. */
export type IndexLauncher = (options: { onProgress: (event: ProgressEvent) => void; abortSignal: AbortSignal }) => Promise<LaunchOutcome>;

/** How long a build asked to stop (SIGTERM) may take before it is killed (SIGKILL; still crash-safe). */
const STOP_GRACE_MS = 5000;
/** The longest stderr tail kept for a failure report, in characters. */
const STDERR_TAIL_CHARS = 4000;
/** Time past `maxFileMs` before a child stuck on one file is killed: the child's own timer gets the first chance. */
const STUCK_GRACE_MS = 10_000;
/** How often the parent looks at how long the child has been on its file, in ms. */
const WATCHDOG_MS = 1000;

/** Why a child that died on a file died, in English for the quarantine list and the log. */
function deathReason({ stuckMs, signal, exitCode, stderr }: { stuckMs: number | undefined; signal: NodeJS.Signals | null; exitCode: number | null; stderr: string }): string {
  if (stuckMs !== undefined) return `reading it took more than ${stuckMs} ms and the indexer was killed`;
  if (/heap out of memory|Allocation failed/i.test(stderr)) return 'the indexer ran out of memory (indexerHeapMb) reading it';
  return `the indexer ended (${signal === null ? `exit code ${exitCode}` : `signal ${signal}`}) reading it`;
}

/**
 * The environment that makes the child build what the server would: same tunables (chunker
 * settings must match for the server to load the result), models and prompts. Everything else is
 * inherited, so the child reads the same deployment settings.
 */
export function childIndexEnv({ config, base = process.env }: { config: Config; base?: NodeJS.ProcessEnv }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    TROLY_PROMPTS_DIR: config.promptsDir,
    TROLY_MODELS_DIR: config.modelsDir,
    TROLY_EMBEDDING_MODEL: config.embedding.modelId,
    TROLY_EMBEDDING_DTYPE: config.embedding.dtype,
    TROLY_LOG_LEVEL: config.log.level,
  };
  for (const [name, value] of Object.entries(config.tunables)) env[tunableEnvName(name)] = String(value);
  return env;
}

/**
 * Builds in a child process: `node bin/troly.js index --json-progress --knowledge K --data D`. The
 * child takes the index write lock itself, so a crash or kill of either process leaves the current
 * snapshot in service (and a stale lock the next build takes over). Aborting sends SIGTERM, which
 * the child turns into a clean stop, then SIGKILL if it has not stopped within 5 s. The child runs
 * with a heap limit (`indexerHeapMb`) and says which file it is reading: when it dies on a file (out
 * of memory, or killed here after `maxFileMs` + a grace period on one file), that file is named in
 * the outcome and its report, and quarantined (`data/quarantine.json`), so the next build skips it.
 */
export function childIndexLauncher({ config, prompts, logger = silentLogger(), env = childIndexEnv({ config }), entry = resolve(PROJECT_ROOT, 'bin/troly.js'), stuckGraceMs = STUCK_GRACE_MS }: {
  config: Config;
  /** For the Vietnamese job message and report when a file kills the child; English only without. */
  prompts?: PromptCatalog;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** The CLI entry point; tests may point at another. */
  entry?: string;
  /** Time past `maxFileMs` before a child stuck on one file is killed. */
  stuckGraceMs?: number;
}): IndexLauncher {
  const { maxFileMs, indexerHeapMb } = config.tunables;
  return ({ onProgress, abortSignal }) =>
    new Promise<LaunchOutcome>((settle) => {
      // The heap limit makes a file that needs too much memory end the child, never the server; the
      // IPC channel lets the child notice when the server dies (it then stops without switching).
      const child = spawn(process.execPath, [`--max-old-space-size=${indexerHeapMb}`, entry, 'index', '--json-progress', '--knowledge', config.knowledgeDir, '--data', config.dataDir], {
        env,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let final: IndexEvent | undefined;
      let stderr = '';
      let reading: { path: string; since: number } | undefined;
      let stuckMs: number | undefined;
      const watchdog = setInterval(() => {
        if (reading === undefined || stuckMs !== undefined) return;
        const elapsed = Date.now() - reading.since;
        if (elapsed > maxFileMs + stuckGraceMs) {
          stuckMs = elapsed;
          child.kill('SIGKILL');
        }
      }, Math.min(WATCHDOG_MS, Math.max(50, stuckGraceMs))).unref();
      const onAbort = () => {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
      };
      abortSignal.addEventListener('abort', onAbort, { once: true });
      // Both are pipes, as asked for in spawn(); typed nullable because of the IPC slot.
      const { stdout: out, stderr: err } = child as typeof child & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream };
      createInterface({ input: out }).on('line', (line) => {
        const event = parseIndexEvent(line);
        if (event === undefined) return;
        if (event.event === 'reading') reading = { path: event.path, since: Date.now() };
        else if (event.event === 'progress') {
          if (event.phase !== 'ingest' || event.path === reading?.path) reading = undefined;
          onProgress(event);
        } else final = event;
      });
      err.setEncoding('utf8').on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
      });
      child.on('error', (error) => {
        clearInterval(watchdog);
        abortSignal.removeEventListener('abort', onAbort);
        settle({ ok: false, code: 'SPAWN_FAILED', message: error.message });
      });
      child.on('close', (exitCode, signal) => {
        clearInterval(watchdog);
        abortSignal.removeEventListener('abort', onAbort);
        if (final?.event === 'done' && exitCode === 0) return settle({ ok: true, done: final });
        if (final?.event === 'failed') return settle({ ok: false, code: final.code, message: final.message, ...(final.detail === undefined ? {} : { detail: final.detail }) });
        if (final?.event === 'empty') return settle({ ok: false, code: 'INDEX_EMPTY', message: final.message, report: final.report });
        const how = signal === null ? `exit code ${exitCode}` : `signal ${signal}`;
        const detail = stderr.trim();
        if (reading === undefined || abortSignal.aborted) return settle({ ok: false, code: 'INDEXER_DIED', message: `The index process ended (${how}) without a result.`, detail });
        settle(diedOnFile({ config, prompts, logger, path: reading.path, reason: deathReason({ stuckMs, signal, exitCode, stderr }), detail }));
      });
    });
}

/** The outcome of a child that died reading `path`: the file is quarantined and named. */
function diedOnFile({ config, prompts, logger, path, reason, detail }: { config: Config; prompts: PromptCatalog | undefined; logger: Logger; path: string; reason: string; detail: string }): LaunchOutcome {
  try {
    quarantineFile({ dataDir: config.dataDir, knowledgeDir: config.knowledgeDir, path, reason });
  } catch (error) {
    logger.error({ path, err: describeError(error) }, 'could not quarantine the file that stopped the indexer');
  }
  logger.warn({ path, reason }, 'a knowledge file stopped the indexer; it is quarantined and skipped by the next build until it changes');
  const problem: IngestProblem = { path, code: 'quarantined', severity: 'error', message: `This file stopped the indexer: ${reason}. It is skipped until it changes.` };
  const report: IngestReport = {
    filesSeen: 0,
    documents: [],
    problems: [problem],
    lines: prompts === undefined ? [] : formatIngestReport({ result: { documents: [], problems: [problem], filesSeen: 0 }, prompts }),
  };
  const message = prompts === undefined ? `The indexer stopped on ${path}: ${reason}.` : prompts.format('admin.job.fileStoppedIndexer', { path });
  return { ok: false, code: 'INDEXER_DIED', message, detail: `${path}: ${reason}\n${detail}`, report, file: path };
}
