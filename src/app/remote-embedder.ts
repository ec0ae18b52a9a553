import { AppError } from '../config/errors';
import type { EmbedKind, EmbedOptions, Embedder } from '../embed/embedder';
import type { WireError } from './answer-pool-protocol';

/**
 * The embedding model of an answer pool lives on the main thread only, and workers borrow it.
 *
 * onnxruntime-node (1.21, what @huggingface/transformers 3 installs) keeps process-wide state in its
 * native addon: a second thread that loads it and runs a session aborts the whole process
 * ("HandleScope::HandleScope Entering the V8 API without proper locking in place",
 * microsoft/onnxruntime#24486). So the pool loads the model once, and each worker's pipeline gets a
 * `RemoteEmbedder` that sends the texts to the main thread and waits for the vectors. A query is
 * one short text: the round trip costs far less than a second copy of the model would in memory.
 */

/** What a worker needs to stand in for the main thread's embedder (plain data for `workerData`). */
export interface RemoteEmbedderInfo {
  modelId: string;
  variant?: string;
  dimensions: number;
  maxBatchSize: number;
  /** The text each kind is prefixed with (`prepare(text, kind)` = prefix + text). */
  prefixes: Record<EmbedKind, string>;
}

export interface EmbedRequest {
  type: 'embed';
  id: number;
  texts: string[];
  kind: EmbedKind;
}

export type EmbedReply = { type: 'embedded'; id: number; ok: true; vectors: Float32Array[] } | { type: 'embedded'; id: number; ok: false; error: WireError };

export function describeEmbedder(embedder: Embedder): RemoteEmbedderInfo {
  return {
    modelId: embedder.modelId,
    ...(embedder.variant === undefined ? {} : { variant: embedder.variant }),
    dimensions: embedder.dimensions,
    maxBatchSize: embedder.maxBatchSize,
    prefixes: { query: embedder.prepare('', 'query'), passage: embedder.prepare('', 'passage') },
  };
}

/** Main thread: answers one worker's request with the real embedder. Never rejects. */
export async function answerEmbedRequest(embedder: Embedder | undefined, request: EmbedRequest): Promise<EmbedReply> {
  if (embedder === undefined) return { type: 'embedded', id: request.id, ok: false, error: { code: 'MODEL_MISSING', message: 'The answer pool has no embedding model loaded.' } };
  try {
    const vectors = await embedder.embed(request.texts, { kind: request.kind });
    return { type: 'embedded', id: request.id, ok: true, vectors };
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    return { type: 'embedded', id: request.id, ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Worker thread: an `Embedder` whose `embed` is answered by the main thread. `send` posts a request;
 * the worker passes every `embedded` reply it receives to `settle`.
 */
export function createRemoteEmbedder({ info, send }: { info: RemoteEmbedderInfo; send: (request: EmbedRequest) => void }): { embedder: Embedder; settle: (reply: EmbedReply) => void } {
  const waiting = new Map<number, { resolve: (vectors: Float32Array[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const aborted = (signal: AbortSignal | undefined) => new AppError('ABORTED', 'Embedding cancelled by the caller.', { cause: signal?.reason });
  const embedder: Embedder = {
    modelId: info.modelId,
    ...(info.variant === undefined ? {} : { variant: info.variant }),
    dimensions: info.dimensions,
    maxBatchSize: info.maxBatchSize,
    prepare: (text: string, kind: EmbedKind) => `${info.prefixes[kind]}${text}`,
    embed(texts: readonly string[], { kind, abortSignal }: EmbedOptions): Promise<Float32Array[]> {
      if (abortSignal?.aborted === true) return Promise.reject(aborted(abortSignal));
      if (texts.length === 0) return Promise.resolve([]);
      const id = nextId++;
      return new Promise<Float32Array[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ type: 'embed', id, texts: [...texts], kind });
      }).then((vectors) => {
        if (abortSignal?.aborted === true) throw aborted(abortSignal);
        return vectors;
      });
    },
  };
  return {
    embedder,
    settle(reply) {
      const pending = waiting.get(reply.id);
      if (pending === undefined) return;
      waiting.delete(reply.id);
      if (reply.ok) pending.resolve(reply.vectors);
      else pending.reject(new AppError(reply.error.code, reply.error.message));
    },
  };
}
