import { execFile } from 'node:child_process';

/** What a command-line tool printed, or why it did not finish. */
export type ToolResult = { ok: true; stdout: string } | { ok: false; reason: 'missing' | 'timeout' | 'aborted' | 'failed'; detail: string };

/** Largest output read from a tool (a page of TSV is ≈ 100 kB). */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * Runs an external tool (tesseract, pdftoppm) with a time limit, killing it on timeout or abort.
 * Never throws: a missing binary, a timeout or a non-zero exit become a `ToolResult`.
 */
export function runTool({ command, args, timeoutMs, abortSignal, env }: {
  command: string;
  args: readonly string[];
  timeoutMs: number;
  abortSignal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}): Promise<ToolResult> {
  return new Promise((resolve) => {
    if (abortSignal?.aborted) {
      resolve({ ok: false, reason: 'aborted', detail: `${command} was not started: aborted` });
      return;
    }
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true, ...(abortSignal === undefined ? {} : { signal: abortSignal }), ...(env === undefined ? {} : { env }) },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ ok: true, stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') resolve({ ok: false, reason: 'missing', detail: `${command} is not installed` });
        else if (abortSignal?.aborted || error.name === 'AbortError') resolve({ ok: false, reason: 'aborted', detail: `${command} was aborted` });
        else if ((error as { killed?: boolean }).killed === true) resolve({ ok: false, reason: 'timeout', detail: `${command} took longer than ${timeoutMs} ms` });
        else resolve({ ok: false, reason: 'failed', detail: `${command} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || error.message}` });
      },
    );
  });
}
