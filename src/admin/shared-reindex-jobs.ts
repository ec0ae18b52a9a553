import { z } from 'zod';
import { describeError } from '../config/errors';
import type { Logger } from '../config/logger';
import type { IndexerLease, JobStore, StoredJob } from '../state/job-store';
import { queuedJob, type LocalReindexJobs, type ReindexJob, type ReindexJobs } from './reindex-jobs';

/** How often each replica looks for a job to run (when it holds the indexer lease) and subscribers for changes, in ms. */
const JOB_POLL_MS = 1000;
/** Progress written to the database at most this often per job (state changes at once), in ms. */
const PROGRESS_WRITE_MS = 250;
/** Finished jobs kept in the database for `GET /admin/jobs/:id`. */
const KEEP_FINISHED = 20;

const storedJobSchema = z.looseObject({
  jobId: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed']),
  trigger: z.enum(['admin', 'watch']),
  requestedAt: z.string(),
});

const isFinished = (job: ReindexJob) => job.state === 'succeeded' || job.state === 'failed';

/**
 * Reindex jobs shared by every replica through the state database. A request on any replica
 * queues a job there (one waiting at most). The replica holding the indexer lease runs it with its
 * local runner (`local`, the same build as a single server's) and writes its progress back; the
 * others read jobs from the database and follow the new snapshot from the shared data folder
 * (`followCurrentSnapshot`). When the lease holder dies, its lease ends with its database session,
 * and the next replica to take the lease runs the unfinished job again.
 */
export function createSharedReindexJobs({ store, local, instanceId, logger, pollMs = JOB_POLL_MS }: { store: JobStore; local: LocalReindexJobs; instanceId: string; logger: Logger; pollMs?: number }): ReindexJobs {
  let lease: IndexerLease | undefined;
  let current: string | undefined;
  let stopMirroring: (() => void) | undefined;
  let ticking = false;
  let closed = false;

  const toJob = (stored: StoredJob): ReindexJob | undefined => {
    const parsed = storedJobSchema.safeParse(stored.data);
    if (!parsed.success) {
      logger.warn({ jobId: stored.jobId }, 'a reindex job in the database is not in the expected form; ignored');
      return undefined;
    }
    return { ...(parsed.data as unknown as ReindexJob), state: stored.state };
  };
  const save = (job: ReindexJob) => store.update({ jobId: job.jobId, state: job.state, requestedAt: job.requestedAt, owner: job.state === 'running' ? instanceId : null, data: { ...job } });

  /** Runs a database job here and mirrors its changes into the database, in order, progress throttled. */
  const runHere = async (stored: StoredJob, job: ReindexJob) => {
    if (stored.state === 'running') logger.warn({ jobId: job.jobId, owner: stored.owner }, 'taking over a reindex job whose indexer stopped');
    current = job.jobId;
    let writes = Promise.resolve();
    let lastWrite = 0;
    let lastState: ReindexJob['state'] | undefined;
    let trailing: NodeJS.Timeout | undefined;
    let latest: ReindexJob | undefined;
    const flush = () => {
      trailing = undefined;
      const update = latest;
      if (update === undefined) return;
      latest = undefined;
      lastWrite = Date.now();
      lastState = update.state;
      writes = writes.then(() => save(update)).catch((error: unknown) => logger.warn({ jobId: update.jobId, err: describeError(error) }, 'could not record reindex progress'));
    };
    // State changes are written at once; progress at most every PROGRESS_WRITE_MS, the latest always.
    const write = (update: ReindexJob) => {
      latest = update;
      const wait = update.state === lastState ? PROGRESS_WRITE_MS - (Date.now() - lastWrite) : 0;
      if (wait <= 0) {
        if (trailing !== undefined) clearTimeout(trailing);
        flush();
      } else trailing ??= setTimeout(flush, wait);
    };
    const unsubscribe = local.subscribe(job.jobId, (update) => {
      write(update);
      if (!isFinished(update)) return;
      unsubscribe();
      void writes.then(async () => {
        current = undefined;
        stopMirroring = undefined;
        await store.prune(KEEP_FINISHED).catch(() => undefined);
        void tick();
      });
    });
    stopMirroring = unsubscribe;
    const { job: started } = local.run({ ...queuedJob({ trigger: job.trigger, jobId: job.jobId, requestedAt: job.requestedAt }) });
    write(started);
  };

  const tick = async () => {
    if (ticking || closed || current !== undefined) return;
    ticking = true;
    try {
      if (lease !== undefined && !lease.held) lease = undefined;
      lease ??= await store.tryLease();
      if (lease === undefined) return;
      const stored = await store.next();
      const job = stored === undefined ? undefined : toJob(stored);
      if (stored !== undefined && job !== undefined) await runHere(stored, job);
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'reindex coordinator: the state database did not answer; retrying');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref();
  void tick();

  return {
    async request({ trigger = 'admin' } = {}) {
      const job = queuedJob({ trigger });
      const { job: stored, created } = await store.enqueue({ jobId: job.jobId, state: 'queued', requestedAt: job.requestedAt, owner: null, data: { ...job } });
      void tick();
      return { job: toJob(stored) ?? job, created };
    },
    async get(jobId) {
      const stored = await store.get(jobId);
      return stored === undefined ? undefined : toJob(stored);
    },
    async list() {
      const stored = await store.list(KEEP_FINISHED + 2);
      return stored.map(toJob).filter((j): j is ReindexJob => j !== undefined);
    },
    async active() {
      const stored = await store.next();
      return stored === undefined ? undefined : toJob(stored);
    },
    building: () => current !== undefined,
    subscribe(jobId, listener) {
      // Live from the local runner on the replica that builds; from the database on the others.
      let last = '';
      const deliver = (job: ReindexJob) => {
        const text = JSON.stringify(job);
        if (text === last) return;
        last = text;
        listener(job);
      };
      const unsubscribeLocal = local.subscribe(jobId, deliver);
      const poll = setInterval(() => {
        if (current === jobId) return;
        store.get(jobId).then((stored) => {
          const job = stored === undefined ? undefined : toJob(stored);
          if (job !== undefined) deliver(job);
        }, () => undefined);
      }, Math.min(pollMs, 500));
      poll.unref();
      return () => {
        clearInterval(poll);
        unsubscribeLocal();
      };
    },
    async close() {
      closed = true;
      clearInterval(timer);
      // A build stopped by shutdown stays 'running' in the database: the next lease holder runs it again.
      stopMirroring?.();
      await local.close();
      await lease?.release();
    },
  };
}
