import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../config/errors';
import type { AnalysedBatch, SegmentBatchInput } from './segment-batch';
import type { BatchReply, BatchRequest } from './segment-batch-worker';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./segment-batch-worker.ts', import.meta.url);

/**
 * The `indexThreads` tunable as a count of worker threads: -1 is one per core but the one the
 * writer (SQLite rows, postings runs) keeps, and at least 1; 0 analyses on the writer's thread.
 */
export function indexThreadCount(indexThreads: number, cores = availableParallelism()): number {
  return indexThreads < 0 ? Math.max(1, cores - 1) : Math.min(64, Math.floor(indexThreads));
}

/** Worker threads that run `analyseBatch` beside the segment writer. */
export interface SegmentBatchPool {
  /** Analyses a batch on the next worker (round robin); batches may finish in any order. */
  analyse(input: SegmentBatchInput): Promise<AnalysedBatch>;
  /** Stops the workers; batches still running are rejected. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (batch: AnalysedBatch) => void; reject: (error: Error) => void }>;
}

/** Starts `threads` (≥ 1) analysis workers. A worker that fails or exits rejects what it held. */
export function openSegmentBatchPool({ threads }: { threads: number }): SegmentBatchPool {
  if (!Number.isSafeInteger(threads) || threads < 1) throw new AppError('INPUT_INVALID', `A segment batch pool needs at least 1 thread; got ${threads}. Set indexThreads to -1 (cores − 1), 0 (no pool) or a positive count.`);
  let nextId = 0;
  let turn = 0;
  let closing = false;
  const fail = (slot: Slot, error: Error) => {
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
  };
  const slots: Slot[] = Array.from({ length: threads }, () => {
    const slot: Slot = { worker: new Worker(BOOT, { workerData: { entry: ENTRY.href }, execArgv: [] }), pending: new Map() };
    slot.worker.on('message', (reply: BatchReply) => {
      const job = slot.pending.get(reply.id);
      if (job === undefined) return;
      slot.pending.delete(reply.id);
      if ('error' in reply) job.reject(new AppError('INTERNAL', `Index worker failed on a batch of documents: ${reply.error}`));
      else job.resolve(reply.batch);
    });
    slot.worker.on('error', (error) => fail(slot, new AppError('INTERNAL', `Index worker failed: ${error.message}`, { cause: error })));
    slot.worker.on('exit', (code) => fail(slot, new AppError('INTERNAL', closing ? 'Index worker pool closed while a batch was being analysed.' : `Index worker stopped (exit code ${code}) while analysing a batch of documents.`)));
    return slot;
  });
  return {
    analyse(input) {
      if (closing) return Promise.reject(new AppError('INTERNAL', 'Index worker pool is closed.'));
      const slot = slots[turn++ % slots.length] as Slot;
      const id = nextId++;
      return new Promise<AnalysedBatch>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const request: BatchRequest = { id, input };
        slot.worker.postMessage(request);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
