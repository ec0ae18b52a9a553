import { randomUUID } from 'node:crypto';
import { describeError } from '../config/errors';
import { silentLogger, type Logger } from '../config/logger';
import type { IndexLauncher, LaunchOutcome } from './child-index-launcher';
import type { IngestReport, ProgressEvent } from './index-events';
import { overallPercent } from './progress-percent';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** A reindex as the admin API shows it. */
export interface ReindexJob {
  jobId: string;
  state: JobState;
  /** Who asked: the admin API, or the knowledge folder watch. */
  trigger: 'admin' | 'watch';
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The last progress event, with the whole build's percentage; null before the first. */
  progress: (ProgressEvent & { percent: number }) | null;
  /** The ingestion report, once the build has read the folder. */
  report: IngestReport | null;
  /** On success: the snapshot now served. */
  result: { snapshotId: string; documents: number; chunks: number; reusedDocuments: number; seconds: number } | null;
  /** On failure: why, in Vietnamese (`message`) and for the log (`detail`), and the file the indexer died on (`file`). The old snapshot keeps serving. */
  error: { code: string; message: string; detail?: string; file?: string } | null;
}

export interface ReindexJobs {
  /**
   * Asks for a reindex. One build runs at a time; a request while one runs queues ONE follow-up
   * job (it may carry a change the running build did not see), and requests while a job is queued
   * get that queued job: `created` is false then.
   */
  request(options?: { trigger?: ReindexJob['trigger'] }): Promise<{ job: ReindexJob; created: boolean }>;
  get(jobId: string): Promise<ReindexJob | undefined>;
  /** Most recent first. */
  list(): Promise<ReindexJob[]>;
  /** Calls `listener` with a copy of the job after every change; returns the unsubscribe. */
  subscribe(jobId: string, listener: (job: ReindexJob) => void): () => void;
  /** The job running or queued, if any (on any replica, in the replicated mode). */
  active(): Promise<ReindexJob | undefined>;
  /** True while this process runs a build (it then switches snapshots by itself). */
  building(): boolean;
  /** Stops the running build (its snapshot is discarded) and drops the queued one. */
  close(): Promise<void>;
}

export interface CreateReindexJobsOptions {
  launch: IndexLauncher;
  /** Called after a successful build, before the job is marked succeeded: switch the served snapshot. A throw fails the job. */
  onBuilt: (outcome: Extract<LaunchOutcome, { ok: true }>) => void | Promise<void>;
  /** Called once a job has finished, either way (to keep its report). */
  onFinished?: (job: ReindexJob) => void;
  /** Told when the runner goes from idle to having a job running or queued (true) and back (false). A throw is logged, never fatal. */
  onActiveChange?: (active: boolean) => void;
  /** Finished jobs kept for `GET /admin/jobs/:id`. Default 20. */
  keep?: number;
  logger?: Logger;
  /** Vietnamese messages for failures the build itself does not explain; the old snapshot keeps serving in each case. */
  messages: {
    /** The build succeeded but the server could not switch to it. */
    reloadFailed: string;
    /** The server stopped before the job ran or finished. */
    stopped: string;
    /** The launcher itself threw. */
    unexpected: string;
  };
}

const copy = (job: ReindexJob): ReindexJob => structuredClone(job);

/** A new job, waiting to run. */
export function queuedJob({ trigger, jobId = randomUUID(), requestedAt = new Date().toISOString() }: { trigger: ReindexJob['trigger']; jobId?: string; requestedAt?: string }): ReindexJob {
  return { jobId, state: 'queued', trigger, requestedAt, startedAt: null, finishedAt: null, progress: null, report: null, result: null, error: null };
}

/** The in-memory runner behind `run`: `run` takes a job made elsewhere (the replicated mode's database job) under its own id. */
export type LocalReindexJobs = ReindexJobs & { run(job: ReindexJob): { job: ReindexJob; created: boolean } };

/** The reindex job runner of one server: jobs in memory, builds through `launch`, one at a time. */
export function createReindexJobs({ launch, onBuilt, onFinished, onActiveChange, keep = 20, logger = silentLogger(), messages }: CreateReindexJobsOptions): LocalReindexJobs {
  const jobs = new Map<string, ReindexJob>();
  const listeners = new Map<string, Set<(job: ReindexJob) => void>>();
  let running: { job: ReindexJob; controller: AbortController; done: Promise<void> } | undefined;
  let queued: ReindexJob | undefined;
  let closed = false;

  const activeChanged = (active: boolean) => {
    try {
      onActiveChange?.(active);
    } catch (error) {
      logger.warn({ err: describeError(error), active }, 'could not record whether a reindex is pending');
    }
  };
  const notify = (job: ReindexJob) => {
    for (const listener of listeners.get(job.jobId) ?? []) listener(copy(job));
  };
  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.state === 'succeeded' || j.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(job.jobId);
  };
  const finish = (job: ReindexJob, fields: Partial<ReindexJob>) => {
    Object.assign(job, fields, { finishedAt: new Date().toISOString() });
    logger.info({ jobId: job.jobId, state: job.state, error: job.error?.code, result: job.result }, 'reindex job finished');
    notify(job);
    onFinished?.(copy(job));
    forgetOld();
  };

  const start = (job: ReindexJob) => {
    const controller = new AbortController();
    Object.assign(job, { state: 'running', startedAt: new Date().toISOString() });
    logger.info({ jobId: job.jobId, trigger: job.trigger }, 'reindex job started');
    notify(job);
    const done = (async () => {
      let outcome: LaunchOutcome;
      try {
        outcome = await launch({ abortSignal: controller.signal, onProgress: (event) => {
          job.progress = { ...event, percent: overallPercent(event) };
          notify(job);
        } });
      } catch (error) {
        outcome = { ok: false, code: 'INTERNAL', message: messages.unexpected, detail: describeError(error) };
      }
      if (!outcome.ok) return finish(job, { state: 'failed', report: outcome.report ?? null, error: { code: outcome.code, message: outcome.message, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }), ...(outcome.file === undefined ? {} : { file: outcome.file }) } });
      const { done: result } = outcome;
      try {
        await onBuilt(outcome);
      } catch (error) {
        return finish(job, { state: 'failed', report: result.report, error: { code: 'RELOAD_FAILED', message: messages.reloadFailed, detail: describeError(error) } });
      }
      const { snapshotId, documents, chunks, reusedDocuments, seconds } = result;
      finish(job, { state: 'succeeded', report: result.report, result: { snapshotId, documents, chunks, reusedDocuments, seconds }, progress: job.progress && { ...job.progress, percent: 100 } });
    })().finally(() => {
      running = undefined;
      const next = queued;
      queued = undefined;
      if (next !== undefined && !closed) start(next);
      else activeChanged(false);
    });
    running = { job, controller, done };
  };

  const run = (given: ReindexJob) => {
    if (queued !== undefined) return { job: copy(queued), created: false };
    const job = structuredClone(given);
    jobs.set(job.jobId, job);
    if (running === undefined && !closed) {
      activeChanged(true);
      start(job);
    } else queued = job;
    return { job: copy(job), created: true };
  };

  return {
    run,
    request: async ({ trigger = 'admin' } = {}) => run(queuedJob({ trigger })),
    get: async (jobId) => {
      const job = jobs.get(jobId);
      return job === undefined ? undefined : copy(job);
    },
    list: async () => [...jobs.values()].reverse().map(copy),
    active: async () => {
      const job = running?.job ?? queued;
      return job === undefined ? undefined : copy(job);
    },
    building: () => running !== undefined,
    subscribe(jobId, listener) {
      const set = listeners.get(jobId) ?? new Set();
      set.add(listener);
      listeners.set(jobId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(jobId);
      };
    },
    async close() {
      closed = true;
      if (queued !== undefined) finish(queued, { state: 'failed', error: { code: 'ABORTED', message: messages.stopped } });
      queued = undefined;
      running?.controller.abort(new Error('server stopping'));
      await running?.done;
    },
  };
}
