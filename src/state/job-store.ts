/** Where a reindex job is: waiting for the indexer, being built, or finished either way. */
export type StoredJobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** A reindex job as the database keeps it; `data` is the job as the admin API shows it (JSON). */
export interface StoredJob {
  jobId: string;
  state: StoredJobState;
  requestedAt: string;
  /** The replica building it (its instance id), while running. */
  owner: string | null;
  data: Record<string, unknown>;
}

/** The right to run reindex jobs: held by one replica at a time, lost when that replica dies. */
export interface IndexerLease {
  /** False once the lease is lost (its database session ended); the holder should stop. */
  readonly held: boolean;
  release(): Promise<void>;
}

/**
 * Reindex jobs and their progress, shared by every replica. Any replica adds a job; the one holding
 * the indexer lease (a PostgreSQL advisory lock, or the one process on SQLite) runs it, and takes
 * over a job left `running` by a holder that died.
 */
export interface JobStore {
  /** Adds the (queued) job unless one is queued already: then that one comes back, with `created` false. */
  enqueue(job: StoredJob): Promise<{ job: StoredJob; created: boolean }>;
  /** Replaces the job's state, owner and data. */
  update(job: StoredJob): Promise<void>;
  get(jobId: string): Promise<StoredJob | undefined>;
  /** Most recent first. */
  list(limit: number): Promise<StoredJob[]>;
  /** The oldest job not finished (running first, then queued). */
  next(): Promise<StoredJob | undefined>;
  /** Deletes finished jobs beyond the `keep` most recent. */
  prune(keep: number): Promise<void>;
  /** Takes the indexer lease if no live replica holds it. */
  tryLease(): Promise<IndexerLease | undefined>;
}
