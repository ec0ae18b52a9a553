import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT, tunableEnvName, type Config } from '../config/config';
import { parseIndexEvent, type IndexEvent, type IngestReport, type ProgressEvent } from './index-events';

/** How a build run ended. `report` is there whenever ingestion finished. */
export type LaunchOutcome =
  | { ok: true; done: Extract<IndexEvent, { event: 'done' }> }
  | { ok: false; code: string; message: string; detail?: string; report?: IngestReport };

/** Runs one index build somewhere other than the caller's event loop, reporting progress as it goes. */
export type IndexLauncher = (options: { onProgress: (event: ProgressEvent) => void; abortSignal: AbortSignal }) => Promise<LaunchOutcome>;

/** How long a build asked to stop (SIGTERM) may take before it is killed (SIGKILL; still crash-safe). */
const STOP_GRACE_MS = 5000;
/** The longest stderr tail kept for a failure report, in characters. */
const STDERR_TAIL_CHARS = 4000;

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
 * the child turns into a clean stop, then SIGKILL if it has not stopped within 5 s.
 */
export function childIndexLauncher({ config, env = childIndexEnv({ config }), entry = resolve(PROJECT_ROOT, 'bin/troly.js') }: {
  config: Config;
  env?: NodeJS.ProcessEnv;
  /** The CLI entry point; tests may point at another. */
  entry?: string;
}): IndexLauncher {
  return ({ onProgress, abortSignal }) =>
    new Promise<LaunchOutcome>((settle) => {
      const child = spawn(process.execPath, [entry, 'index', '--json-progress', '--knowledge', config.knowledgeDir, '--data', config.dataDir], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let final: IndexEvent | undefined;
      let stderr = '';
      const onAbort = () => {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
      };
      abortSignal.addEventListener('abort', onAbort, { once: true });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parseIndexEvent(line);
        if (event === undefined) return;
        if (event.event === 'progress') onProgress(event);
        else final = event;
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
      });
      child.on('error', (error) => {
        abortSignal.removeEventListener('abort', onAbort);
        settle({ ok: false, code: 'SPAWN_FAILED', message: error.message });
      });
      child.on('close', (exitCode, signal) => {
        abortSignal.removeEventListener('abort', onAbort);
        if (final?.event === 'done' && exitCode === 0) return settle({ ok: true, done: final });
        if (final?.event === 'failed') return settle({ ok: false, code: final.code, message: final.message, ...(final.detail === undefined ? {} : { detail: final.detail }) });
        if (final?.event === 'empty') return settle({ ok: false, code: 'INDEX_EMPTY', message: final.message, report: final.report });
        const how = signal === null ? `exit code ${exitCode}` : `signal ${signal}`;
        settle({ ok: false, code: 'INDEXER_DIED', message: `The index process ended (${how}) without a result.`, detail: stderr.trim() });
      });
    });
}
