import type { Chunk } from '../chunk/types';
import type { Answer, Turn } from '../answer/types';
import type { Config } from '../config/config';
import type { ErrorCode } from '../config/errors';
import type { DocumentListing } from '../index/store';
import type { DocumentView } from './document-source';
import type { EmbedReply, EmbedRequest, RemoteEmbedderInfo } from './remote-embedder';
import type { ServingInfo } from './serving-pipeline';

/**
 * The messages between the answer pool (main thread) and its workers. Everything is plain data
 * (structured clone): an `AbortSignal` does not cross threads, so aborting is its own message.
 *
 * A generation is one opened snapshot. The main thread names the generation each request must use,
 * so a snapshot switch is atomic from the server's side: requests sent before the switch finish on
 * the old generation, every request after it uses the new one, whichever worker it lands on.
 */

/** What a worker starts with (`workerData`). */
export interface WorkerStart {
  /** The configuration without the secrets a worker has no use for. */
  config: Config;
  /** The worker's number, for logs. */
  index: number;
  /** The generation the worker's first snapshot is opened as. */
  generation: number;
  /** The main thread's embedding model, which the worker borrows (`remote-embedder.ts`); absent: lexical-only. */
  embedder?: RemoteEmbedderInfo;
}

/** A request a worker answers. */
export type WorkerCall =
  | { kind: 'ask'; question: string; history?: Turn[] }
  | { kind: 'document'; docId: string }
  | { kind: 'chunks'; docId: string };

/** What each call gives back. */
export interface WorkerCallResult {
  ask: Answer;
  document: DocumentView | undefined;
  chunks: Chunk[];
}

export type ToWorker =
  | { type: 'call'; id: number; generation: number; call: WorkerCall }
  | { type: 'abort'; id: number }
  /** Open the snapshot CURRENT names as `generation` (the one in service keeps serving). */
  | { type: 'open'; generation: number }
  /** Close `generation` once its requests in flight have finished. */
  | { type: 'drop'; generation: number }
  | { type: 'close' }
  | EmbedReply;

/** An error, as it crosses the thread boundary. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export type FromWorker =
  | { type: 'result'; id: number; ok: true; value: WorkerCallResult[WorkerCall['kind']] }
  | { type: 'result'; id: number; ok: false; error: WireError }
  | { type: 'opened'; generation: number; info: ServingInfo; documents: DocumentListing[] }
  | { type: 'openFailed'; generation: number; error: WireError }
  | { type: 'closed' }
  | EmbedRequest;
