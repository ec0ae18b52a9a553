import { parentPort } from 'node:worker_threads';
import { describeError } from '../config/errors';
import { analyseBatch, type SegmentBatchInput } from './segment-batch';

/** A job for the worker, and what it answers (see `segment-batch-pool.ts`). */
export type BatchRequest = { id: number; input: SegmentBatchInput };
export type BatchReply = { id: number; batch: ReturnType<typeof analyseBatch> } | { id: number; error: string };

const port = parentPort;
if (port === null) throw new Error('segment-batch-worker.ts runs as a worker thread (openSegmentBatchPool)');
port.on('message', ({ id, input }: BatchRequest) => {
  let reply: BatchReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const batch = analyseBatch(input);
    reply = { id, batch };
    // The run and the columns are fresh typed arrays of their own buffers: moved, not copied.
    transfer = [batch.run.buffer as ArrayBuffer, batch.lengths.buffer as ArrayBuffer, batch.articles.buffer as ArrayBuffer];
  } catch (error) {
    reply = { id, error: describeError(error) };
  }
  port.postMessage(reply, transfer);
});
