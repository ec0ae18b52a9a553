/**
 * One worker thread of the answer pool (started by `answer-pool.ts` through
 * `answer-pool-boot.mjs`). It opens the snapshot itself, on its own thread, as many generations as
 * the main thread asks for, and answers the calls it is sent on the generation each one names.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../config/errors';
import { createLogger } from '../config/logger';
import { loadPrompts } from '../prompts/catalog';
import type { FromWorker, ToWorker, WireError, WorkerCall, WorkerCallResult, WorkerStart } from './answer-pool-protocol';
import { openLivePipeline, type LivePipeline } from './live-pipeline';
import { createRemoteEmbedder } from './remote-embedder';

if (parentPort === null) throw new Error('answer-pool-worker.ts runs as a worker thread of the answer pool, not on its own');
const port = parentPort;
const { config, index, generation: first, embedder: model } = workerData as WorkerStart;
const logger = createLogger({ level: config.log.level }).child({ component: 'answer-worker', worker: index });
const post = (message: FromWorker) => port.postMessage(message);

const prompts = loadPrompts({ dir: config.promptsDir });
// The model stays on the main thread (onnxruntime aborts the process when a second thread runs it).
const remote = model === undefined ? undefined : createRemoteEmbedder({ info: model, send: post });
const pipelines = new Map<number, LivePipeline>();
const calls = new Map<number, AbortController>();
let closing = false;

function toWire(error: unknown): WireError {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function open(generation: number): void {
  try {
    const pipeline = openLivePipeline({ config, prompts, logger, embedder: remote?.embedder });
    pipelines.set(generation, pipeline);
    post({ type: 'opened', generation, info: pipeline.info(), documents: pipeline.listDocuments() });
  } catch (error) {
    post({ type: 'openFailed', generation, error: toWire(error) });
  }
}

function run(pipeline: LivePipeline, call: WorkerCall, abortSignal: AbortSignal): Promise<WorkerCallResult[WorkerCall['kind']]> {
  switch (call.kind) {
    case 'ask':
      return pipeline.assistant.ask({ question: call.question, ...(call.history ? { history: call.history } : {}), abortSignal });
    case 'document':
      return pipeline.documents.getDocument(call.docId);
    case 'chunks':
      return pipeline.documents.getChunks(call.docId);
  }
}

function answer(id: number, generation: number, call: WorkerCall): void {
  const pipeline = pipelines.get(generation);
  if (pipeline === undefined) {
    post({ type: 'result', id, ok: false, error: toWire(new AppError('INTERNAL', `Answer worker ${index} has no snapshot generation ${generation} open (it has ${[...pipelines.keys()].join(', ') || 'none'}).`)) });
    return;
  }
  const controller = new AbortController();
  calls.set(id, controller);
  // The call starts now, synchronously: the pipeline counts it in flight before a later "drop" can close its snapshot.
  run(pipeline, call, controller.signal).then(
    (value) => post({ type: 'result', id, ok: true, value }),
    (error: unknown) => post({ type: 'result', id, ok: false, error: toWire(error) }),
  ).finally(() => calls.delete(id));
}

async function close(): Promise<void> {
  closing = true;
  for (const pipeline of pipelines.values()) pipeline.close();
  pipelines.clear();
  post({ type: 'closed' });
  port.close();
}

port.on('message', (message: ToWorker) => {
  if (closing) return;
  switch (message.type) {
    case 'call':
      return answer(message.id, message.generation, message.call);
    case 'abort':
      return calls.get(message.id)?.abort(new AppError('ABORTED', 'The question was cancelled by the server.'));
    case 'open':
      return open(message.generation);
    case 'drop':
      pipelines.get(message.generation)?.close();
      pipelines.delete(message.generation);
      return;
    case 'embedded':
      return remote?.settle(message);
    case 'close':
      return void close().catch((error: unknown) => logger.error({ err: error }, 'answer worker could not close cleanly'));
  }
});

open(first);
