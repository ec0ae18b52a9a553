import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError, describeError } from '../config/errors';
import { requiredModelFiles } from './model-files';

/** Default hub: the Hugging Face Hub, whose `<id>/resolve/main/<file>` URLs transformers.js also uses. */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/';

/** Why a download failed, for the CLI to explain in Vietnamese. */
export type ModelDownloadFailure = 'unreachable' | 'timeout' | 'not-found' | 'http' | 'aborted';

/** A failed download; `code` MODEL_MISSING (nothing usable was installed), `failure` says why. */
export class ModelDownloadError extends AppError {
  readonly failure: ModelDownloadFailure;
  readonly url: string;
  /** Short technical detail for users: the socket error code (ENOTFOUND, ECONNREFUSED…) or HTTP status. */
  readonly detail: string;

  constructor(failure: ModelDownloadFailure, url: string, message: string, options: { cause?: unknown; detail?: string } = {}) {
    super('MODEL_MISSING', message, { cause: options.cause });
    this.name = 'ModelDownloadError';
    this.failure = failure;
    this.url = url;
    this.detail = options.detail ?? failure;
  }
}

export interface DownloadModelOptions {
  modelsDir: string;
  modelId: string;
  /** Which ONNX weights to fetch (`q8` → `onnx/model_quantized.onnx`). */
  dtype: string;
  /** Hub base URL ending in `/`. Default `DEFAULT_MODEL_HOST`. */
  host?: string;
  /** Longest wait for the hub's first answer (and for each response to start). Default 10 s. */
  connectTimeoutMs?: number;
  /** Longest pause between two received pieces of a file before giving up. Default 30 s. */
  stallTimeoutMs?: number;
  onProgress?: (progress: { file: string; receivedBytes: number; totalBytes: number | undefined }) => void;
  abortSignal?: AbortSignal;
}

/**
 * Downloads the files transformers.js needs for `modelId` into `<modelsDir>/<modelId>/`, one by
 * one, each into a `.partial` file renamed when complete, so an interrupted pull never leaves a
 * truncated file under its real name. Every network wait is bounded: an unreachable hub fails
 * within `connectTimeoutMs`, a stalled transfer within `stallTimeoutMs`. transformers.js' own
 * downloader has no timeout or abort, which is why this one exists.
 */
export async function downloadModel({ modelsDir, modelId, dtype, host = DEFAULT_MODEL_HOST, connectTimeoutMs = 10_000, stallTimeoutMs = 30_000, onProgress, abortSignal }: DownloadModelOptions): Promise<{ path: string; files: { name: string; bytes: number }[] }> {
  const path = join(modelsDir, modelId);
  const files: { name: string; bytes: number }[] = [];
  // The first folder this call creates, removed again if nothing at all could be downloaded.
  let created: string | undefined;
  try {
    for (const name of requiredModelFiles({ dtype })) {
      const url = new URL(`${modelId}/resolve/main/${name}`, host.endsWith('/') ? host : `${host}/`).toString();
      const target = join(path, name);
      const made = mkdirSync(dirname(target), { recursive: true });
      created ??= made;
      const bytes = await downloadFile({ url, target, connectTimeoutMs, stallTimeoutMs, abortSignal, onProgress: (receivedBytes, totalBytes) => onProgress?.({ file: name, receivedBytes, totalBytes }) });
      files.push({ name, bytes });
    }
  } catch (error) {
    if (files.length === 0 && created !== undefined) rmSync(created, { recursive: true, force: true });
    throw error;
  }
  return { path, files };
}

async function downloadFile({ url, target, connectTimeoutMs, stallTimeoutMs, abortSignal, onProgress }: {
  url: string;
  target: string;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  abortSignal: AbortSignal | undefined;
  onProgress: (received: number, total: number | undefined) => void;
}): Promise<number> {
  const controller = new AbortController();
  // Which bound fired (ms), if any: the wait for the response, then the longest pause in the body.
  let timedOutAfter: number | undefined;
  const arm = (ms: number) => setTimeout(() => ((timedOutAfter = ms), controller.abort()), ms);
  let timer = arm(connectTimeoutMs);
  const rearm = () => {
    clearTimeout(timer);
    timer = arm(stallTimeoutMs);
  };
  const onAbort = () => controller.abort();
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  const partial = `${target}.partial`;
  let responded = false;
  try {
    if (abortSignal?.aborted) throw new ModelDownloadError('aborted', url, `Download of ${url} aborted.`);
    const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    responded = true;
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      throw new ModelDownloadError('not-found', url, `The hub answered ${response.status} for ${url}: no such model or file, or it needs an access token. Check the model id.`, { detail: `HTTP ${response.status}` });
    }
    if (!response.ok || response.body === null) throw new ModelDownloadError('http', url, `The hub answered ${response.status} ${response.statusText} for ${url}. Try again later.`, { detail: `HTTP ${response.status}` });
    const total = Number(response.headers.get('content-length')) || undefined;
    const file = await open(partial, 'w');
    let received = 0;
    try {
      rearm();
      // A reader loop rather than `for await`: the body's type differs between the DOM and Node typings.
      const reader = response.body.getReader();
      for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
        rearm();
        await file.write(piece.value);
        received += piece.value.byteLength;
        onProgress(received, total);
      }
    } finally {
      await file.close();
    }
    if (total !== undefined && received !== total) throw new ModelDownloadError('http', url, `Received ${received} of ${total} bytes of ${url}. Run the pull again.`);
    renameSync(partial, target);
    return received;
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof ModelDownloadError) throw error;
    if (abortSignal?.aborted) throw new ModelDownloadError('aborted', url, `Download of ${url} aborted.`, { cause: error });
    if (timedOutAfter !== undefined) {
      throw new ModelDownloadError('timeout', url, `Nothing received from ${url} for ${timedOutAfter / 1000} s. Check the network, or use --host for a reachable mirror.`, { cause: error });
    }
    const detail = socketError(error);
    if (responded) throw new ModelDownloadError('http', url, `Transfer of ${url} broke off: ${detail}. Run the pull again.`, { cause: error, detail });
    throw new ModelDownloadError('unreachable', url, `Cannot reach ${url}: ${detail}. Check the network, or pull on a machine with internet and copy the folder.`, { cause: error, detail });
  } finally {
    clearTimeout(timer);
    abortSignal?.removeEventListener('abort', onAbort);
  }
}

/** Node's fetch says only "fetch failed"; the socket error (ENOTFOUND, ECONNREFUSED…) is in `cause`. */
function socketError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const { code, hostname } = cause as NodeJS.ErrnoException & { hostname?: string };
    return [code ?? cause.message, hostname].filter((part) => part !== undefined).join(' ');
  }
  return describeError(error);
}
