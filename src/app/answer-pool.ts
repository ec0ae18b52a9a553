import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Answer, AskOptions } from '../answer/types';
import type { Config } from '../config/config';
import { AppError, describeError } from '../config/errors';
import { silentLogger, type Logger } from '../config/logger';
import { loadConfiguredEmbedder, type EmbedderLoad } from '../embed/load-configured-embedder';
import type { DocumentListing } from '../index/store';
import type { FromWorker, ToWorker, WireError, WorkerCall, WorkerCallResult, WorkerStart } from './answer-pool-protocol';
import { answerEmbedRequest, describeEmbedder } from './remote-embedder';
import type { ServingInfo, ServingPipeline } from './serving-pipeline';

/**
 * Calls one worker holds at once. Answers are CPU work, so a worker runs them one after another;
 * a few queued in its own port keep it from idling between messages, and let an LLM answer (which
 * waits on the network) overlap others. The rest wait on the main thread, where they can be
 * aborted, counted against `answerQueueLimit`, and survive a worker that crashes.
 */
const CALLS_PER_WORKER = 4;
/** A worker that does not say "closed" within this time after `close()` is terminated. */
const CLOSE_TIMEOUT_MS = 5000;
/** A replacement that fails to start waits this long, doubling up to 30 s, before the next try. */
const RESPAWN_DELAY_MS = 250;
/** Reloads retried when CURRENT changed while the workers were opening it (they opened different snapshots). */
const RELOAD_ATTEMPTS = 3;

/** The pipeline the server serves from, answered by worker threads. */
export interface AnswerPool extends ServingPipeline {
  /**
   * Every worker opens the snapshot CURRENT names, on its own thread; once all have it, new calls
   * use it and the old one closes in each worker when its calls finish. A failure anywhere leaves
   * the old snapshot serving everywhere.
   */
  reload(): Promise<ServingInfo>;
  /** Fails what is still queued, closes every worker's snapshots, ends the threads. */
  close(): Promise<void>;
  /** The worker threads in service, for tests and metrics. */
  workers(): readonly Worker[];
}

export interface OpenAnswerPoolOptions {
  config: Config;
  /** Worker threads, at least 1. */
  size: number;
  /** Calls waiting for a free worker beyond which a new one is refused (OVERLOADED). */
  queueLimit: number;
  logger?: Logger;
  /**
   * The embedding model the caller loaded, which the workers borrow (it stays the caller's to
   * dispose). Without it the pool loads the configured model itself, says once when there is none,
   * and disposes it on close. The model is loaded on this thread only: see `remote-embedder.ts`.
   */
  embedding?: EmbedderLoad;
  /** The worker module (answer-pool-worker.ts); tests name a wrapper around it. */
  workerEntry?: URL;
}

interface Pending {
  id: number;
  call: WorkerCall;
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  slot?: Slot;
}

interface Opened {
  info: ServingInfo;
  documents: DocumentListing[];
}

interface Slot {
  index: number;
  worker: Worker;
  alive: boolean;
  /** Generations this worker has open and may be sent calls for. */
  ready: Set<number>;
  opening: Map<number, { resolve: (opened: Opened | undefined) => void }>;
  inFlight: Map<number, Pending>;
  closed: Promise<void>;
}

const BOOT = new URL('./answer-pool-boot.mjs', import.meta.url);
const WORKER = new URL('./answer-pool-worker.ts', import.meta.url);

/** The `answerWorkers` tunable as a count: -1 is one per core, 0 means no pool (answer on the server's thread). */
export function answerWorkerCount(tunables: Pick<Config['tunables'], 'answerWorkers'>): number {
  return tunables.answerWorkers < 0 ? availableParallelism() : tunables.answerWorkers;
}

const fromWire = (error: WireError): AppError => new AppError(error.code, error.message);

/**
 * Opens `size` worker threads, each with its own copy of the current snapshot, and resolves once
 * all of them serve it. The bot, Direct Line and HTTP stay on the main thread; only answering and
 * reading documents go to the workers. A worker that dies is replaced and the calls it held fail
 * with an error (the bot apologises in Vietnamese); calls beyond the queue limit fail at once.
 */
export async function openAnswerPool({ config, size, queueLimit, logger = silentLogger(), embedding, workerEntry = WORKER }: OpenAnswerPoolOptions): Promise<AnswerPool> {
  if (!Number.isInteger(size) || size < 1) throw new AppError('CONFIG_INVALID', `The answer pool needs at least 1 worker, got ${size}. Set TROLY_ANSWER_WORKERS to 0 to answer on the server's own thread.`);
  const log = logger.child({ component: 'answer-pool' });
  // A worker has no use for the server's own secrets.
  const workerConfig: Config = { ...config, directLineSecret: undefined, adminToken: undefined, bot: { ...config.bot, appPassword: undefined } };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let serving: { generation: number } & Opened;
  let nextGeneration = 0;
  let nextId = 0;
  let closed = false;
  let reloading: Promise<unknown> = Promise.resolve();
  const model = embedding ?? (await loadConfiguredEmbedder({ config }));
  if (embedding === undefined && model.reason !== undefined) log.warn({ reason: model.reason }, `no embedding model, serving lexical-only: ${model.reason.message}`);
  // A model loaded here is the pool's to release; one passed in belongs to the caller.
  const ownedModel = embedding === undefined ? model.embedder : undefined;
  const modelInfo = model.embedder === undefined ? undefined : describeEmbedder(model.embedder);

  const live = () => slots.filter((s) => s.alive);

  const serves = (slot: Slot) => slot.alive && slot.ready.has(serving.generation);

  function dispatch(): void {
    if (queue.length === 0) return;
    // A worker opening a snapshot answers nothing until it is done: while another can answer, it gets no calls.
    const others = slots.some((slot) => serves(slot) && slot.opening.size === 0);
    while (queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of slots) {
        if (!serves(slot) || slot.inFlight.size >= CALLS_PER_WORKER || (others && slot.opening.size > 0)) continue;
        if (best === undefined || slot.inFlight.size < best.inFlight.size) best = slot;
      }
      if (best === undefined) return;
      const pending = queue.shift();
      if (pending === undefined) return;
      pending.slot = best;
      best.inFlight.set(pending.id, pending);
      send(best, { type: 'call', id: pending.id, generation: serving.generation, call: pending.call });
    }
  }

  function send(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  function settle(pending: Pending): void {
    if (pending.onAbort !== undefined) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.slot?.inFlight.delete(pending.id);
  }

  function call<C extends WorkerCall>(work: C, signal?: AbortSignal): Promise<WorkerCallResult[C['kind']]> {
    return new Promise<WorkerCallResult[C['kind']]>((resolve, reject) => {
      if (closed) return reject(new AppError('INTERNAL', 'The answer pool is closed: the server is stopping.'));
      if (signal?.aborted === true) return reject(new AppError('ABORTED', 'The question was cancelled before it was answered.', { cause: signal.reason }));
      const busy = slots.every((slot) => !serves(slot) || slot.inFlight.size >= CALLS_PER_WORKER);
      if (busy && queue.length >= queueLimit) {
        return reject(new AppError('OVERLOADED', `All ${size} answer workers are busy and ${queue.length} questions are waiting (answerQueueLimit ${queueLimit}); try again shortly, or raise TROLY_ANSWER_QUEUE_LIMIT / TROLY_ANSWER_WORKERS.`));
      }
      const pending: Pending = { id: nextId++, call: work, resolve: resolve as (value: never) => void, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        pending.onAbort = () => {
          const waiting = queue.indexOf(pending);
          if (waiting >= 0) {
            queue.splice(waiting, 1);
            settle(pending);
            reject(new AppError('ABORTED', 'The question was cancelled before it was answered.', { cause: signal.reason }));
          } else if (pending.slot?.alive === true) send(pending.slot, { type: 'abort', id: pending.id });
        };
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      queue.push(pending);
      dispatch();
    });
  }

  function onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'result': {
        const pending = slot.inFlight.get(message.id);
        if (pending === undefined) return;
        settle(pending);
        if (message.ok) pending.resolve(message.value as never);
        else pending.reject(fromWire(message.error));
        return dispatch();
      }
      case 'embed':
        void answerEmbedRequest(model.embedder, message).then((reply) => {
          if (slot.alive) send(slot, reply);
        });
        return;
      case 'opened': {
        slot.ready.add(message.generation);
        slot.opening.get(message.generation)?.resolve({ info: message.info, documents: message.documents });
        slot.opening.delete(message.generation);
        return dispatch();
      }
      case 'openFailed': {
        log.warn({ worker: slot.index, generation: message.generation, err: message.error }, `answer worker could not open the snapshot: ${message.error.code}: ${message.error.message}`);
        const opening = slot.opening.get(message.generation);
        slot.opening.delete(message.generation);
        failures.set(slot, fromWire(message.error));
        opening?.resolve(undefined);
        return;
      }
      case 'closed':
        return;
    }
  }

  /** Why an open resolved to nothing on a slot (its error, or its death). */
  const failures = new WeakMap<Slot, Error>();

  /** Resolves with what the worker opened, or undefined when it could not (the reason is in `failures`) or died. */
  function openOn(slot: Slot, generation: number): Promise<Opened | undefined> {
    return new Promise((resolve) => {
      slot.opening.set(generation, { resolve });
      send(slot, { type: 'open', generation });
    });
  }

  /** Calls wait in the queue for a worker that opens; once it has, it may take them. */
  const afterOpen = (slot: Slot, generation: number) => openOn(slot, generation).finally(dispatch);

  function spawn(index: number, generation: number): { slot: Slot; opened: Promise<Opened | undefined> } {
    const start: WorkerStart = { config: workerConfig, index, generation, ...(modelInfo === undefined ? {} : { embedder: modelInfo }) };
    const worker = new Worker(BOOT, { workerData: { ...start, entry: workerEntry.href }, execArgv: [] });
    let exited: () => void = () => undefined;
    const slot: Slot = { index, worker, alive: true, ready: new Set(), opening: new Map(), inFlight: new Map(), closed: new Promise((r) => (exited = r)) };
    const opened = new Promise<Opened | undefined>((resolve) => slot.opening.set(generation, { resolve }));
    worker.on('message', (message: FromWorker) => onMessage(slot, message));
    worker.on('error', (error) => {
      log.error({ worker: index, err: error }, `answer worker failed: ${describeError(error)}`);
      failures.set(slot, error);
    });
    worker.on('exit', (code) => {
      exited();
      lost(slot, code);
    });
    return { slot, opened };
  }

  let respawnDelay = RESPAWN_DELAY_MS;
  /** A worker ended: fail what it held, and replace it unless the pool is closing. */
  function lost(slot: Slot, code: number): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const opening of slot.opening.values()) opening.resolve(undefined);
    slot.opening.clear();
    if (closed) return;
    log.error({ worker: slot.index, exitCode: code, inFlight: slot.inFlight.size }, 'answer worker stopped; replacing it');
    const reason = failures.get(slot);
    for (const pending of [...slot.inFlight.values()]) {
      settle(pending);
      pending.reject(new AppError('INTERNAL', `Answer worker ${slot.index} stopped (exit code ${code}) while answering; it is being replaced.`, { cause: reason }));
    }
    const replace = () => {
      if (closed) return;
      const { slot: next, opened } = spawn(slot.index, serving.generation);
      slots[slots.indexOf(slot)] = next;
      void opened.then((got) => {
        if (got !== undefined && got.info.snapshotId !== serving.info.snapshotId) {
          // CURRENT moved since the snapshot in service was opened: this worker cannot serve it; the next reload brings it in.
          log.warn({ worker: next.index, opened: got.info.snapshotId, serving: serving.info.snapshotId }, 'replacement worker opened another snapshot than the one in service; it waits for the next reload');
          next.ready.delete(serving.generation);
          send(next, { type: 'drop', generation: serving.generation });
        }
        if (got !== undefined) respawnDelay = RESPAWN_DELAY_MS;
        else if (next.alive) {
          // It started but cannot open the snapshot: end it and try again later.
          respawnDelay = Math.min(respawnDelay * 2, 30_000);
          void next.worker.terminate();
        }
        if (live().every((s) => !s.ready.has(serving.generation))) failQueue(new AppError('INTERNAL', `No answer worker can serve: ${describeError(failures.get(next))}`));
        dispatch();
      });
    };
    setTimeout(replace, respawnDelay).unref();
  }

  function failQueue(error: AppError): void {
    for (const pending of queue.splice(0)) {
      settle(pending);
      pending.reject(error);
    }
  }

  // Start: every worker opens the current snapshot as generation 0.
  const started = Array.from({ length: size }, (_, index) => spawn(index, nextGeneration));
  slots.push(...started.map((s) => s.slot));
  const first = await Promise.all(started.map((s) => s.opened));
  const firstOpened = first[0];
  if (firstOpened === undefined || first.some((o) => o === undefined || o.info.snapshotId !== firstOpened.info.snapshotId)) {
    closed = true;
    const failed = started.find((s) => failures.has(s.slot))?.slot;
    await Promise.all(started.map((s) => s.slot.worker.terminate()));
    await ownedModel?.dispose();
    const cause = failed === undefined ? undefined : failures.get(failed);
    if (cause instanceof AppError) throw cause;
    throw new AppError('INTERNAL', `The answer workers could not open the snapshot: ${cause === undefined ? 'CURRENT changed while they opened it' : describeError(cause)}.`, { cause });
  }
  serving = { generation: nextGeneration, ...firstOpened };
  log.info({ workers: size, snapshotId: serving.info.snapshotId }, 'answer pool serving');

  async function reloadOnce(): Promise<ServingInfo> {
    for (let attempt = 1; ; attempt += 1) {
      const generation = ++nextGeneration;
      const targets = live();
      // One worker at a time, so that the others keep answering while it opens (with one worker, calls wait for it).
      const opened: Array<Opened | undefined> = [];
      for (const slot of targets) {
        opened.push(slot.alive ? await afterOpen(slot, generation) : undefined);
        if (opened.at(-1) === undefined && slot.alive) break;
      }
      const got = opened.filter((o): o is Opened => o !== undefined);
      const failedSlot = targets.find((slot, i) => opened[i] === undefined && slot.alive);
      const sameSnapshot = got.every((o) => o.info.snapshotId === got[0]?.info.snapshotId);
      if (failedSlot !== undefined || got.length === 0 || !sameSnapshot) {
        for (const slot of live()) {
          slot.ready.delete(generation);
          send(slot, { type: 'drop', generation });
        }
        if (failedSlot === undefined && got.length > 0 && attempt < RELOAD_ATTEMPTS) continue;
        const cause = failedSlot === undefined ? undefined : failures.get(failedSlot);
        if (cause instanceof AppError) throw cause;
        throw new AppError('INTERNAL', `The answer workers could not switch to the new snapshot: ${cause === undefined ? 'CURRENT kept changing while they opened it, or every worker stopped' : describeError(cause)}; the old one keeps serving.`, { cause });
      }
      const previous = serving;
      const next = got[0];
      if (next === undefined) throw new Error('unreachable');
      serving = { generation, ...next };
      for (const slot of live()) {
        slot.ready.delete(previous.generation);
        send(slot, { type: 'drop', generation: previous.generation });
        // A replacement started during the switch still has the old snapshot only.
        if (!slot.ready.has(generation) && !slot.opening.has(generation)) void afterOpen(slot, generation);
      }
      log.info({ ...serving.info, previous: previous.info.snapshotId, workers: targets.length }, 'answer pool switched to a new index snapshot');
      dispatch();
      return serving.info;
    }
  }

  return {
    assistant: { ask: ({ question, history, abortSignal }: AskOptions): Promise<Answer> => call({ kind: 'ask', question, ...(history ? { history } : {}) }, abortSignal) },
    documents: {
      getDocument: (docId) => call({ kind: 'document', docId }),
      getChunks: (docId) => call({ kind: 'chunks', docId }),
    },
    info: () => serving.info,
    listDocuments: () => serving.documents,
    reload() {
      // One switch at a time; a reload asked during another opens CURRENT again after it.
      const next = reloading.then(reloadOnce, reloadOnce);
      reloading = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      failQueue(new AppError('INTERNAL', 'The answer pool is closed: the server is stopping.'));
      await Promise.all(
        slots.map(async (slot) => {
          if (!slot.alive) return;
          send(slot, { type: 'close' });
          const timer = setTimeout(() => void slot.worker.terminate(), CLOSE_TIMEOUT_MS);
          await slot.closed;
          clearTimeout(timer);
          for (const pending of slot.inFlight.values()) pending.reject(new AppError('INTERNAL', 'The answer pool closed while answering.'));
        }),
      );
      await ownedModel?.dispose();
    },
    workers: () => slots.filter((s) => s.alive).map((s) => s.worker),
  };
}
