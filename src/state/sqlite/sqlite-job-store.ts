import type { Database } from 'better-sqlite3';
import type { IndexerLease, JobStore, StoredJob, StoredJobState } from '../job-store';

interface JobRow {
  job_id: string;
  state: StoredJobState;
  requested_at: string;
  owner: string | null;
  data: string;
}

/** Reindex jobs in the state file. One process uses the file, so the indexer lease is held in memory. */
export function createSqliteJobStore({ db }: { db: Database }): JobStore {
  const insert = db.prepare('INSERT INTO reindex_jobs (job_id, state, requested_at, owner, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const selectQueued = db.prepare<[], JobRow>("SELECT * FROM reindex_jobs WHERE state = 'queued'");
  const change = db.prepare('UPDATE reindex_jobs SET state = ?, owner = ?, data = ? WHERE job_id = ?');
  const selectOne = db.prepare<[string], JobRow>('SELECT * FROM reindex_jobs WHERE job_id = ?');
  const selectRecent = db.prepare<[number], JobRow>('SELECT * FROM reindex_jobs ORDER BY requested_at DESC, rowid DESC LIMIT ?');
  const selectNext = db.prepare<[], JobRow>(
    "SELECT * FROM reindex_jobs WHERE state IN ('running', 'queued') ORDER BY CASE state WHEN 'running' THEN 0 ELSE 1 END, requested_at, rowid LIMIT 1",
  );
  const prune = db.prepare(
    "DELETE FROM reindex_jobs WHERE state IN ('succeeded', 'failed') AND job_id NOT IN (SELECT job_id FROM reindex_jobs WHERE state IN ('succeeded', 'failed') ORDER BY requested_at DESC, rowid DESC LIMIT ?)",
  );
  let leased = false;
  return {
    async enqueue(job) {
      if (insert.run(job.jobId, 'queued', job.requestedAt, null, JSON.stringify(job.data)).changes === 1) return { job: { ...job, state: 'queued', owner: null }, created: true };
      const queued = selectQueued.get();
      if (queued === undefined) throw new Error(`reindex job ${job.jobId} was neither added nor is another one queued`);
      return { job: toJob(queued), created: false };
    },
    async update(job) {
      change.run(job.state, job.owner, JSON.stringify(job.data), job.jobId);
    },
    async get(jobId) {
      const row = selectOne.get(jobId);
      return row === undefined ? undefined : toJob(row);
    },
    async list(limit) {
      return selectRecent.all(limit).map(toJob);
    },
    async next() {
      const row = selectNext.get();
      return row === undefined ? undefined : toJob(row);
    },
    async prune(keep) {
      prune.run(keep);
    },
    async tryLease() {
      if (leased) return undefined;
      leased = true;
      let held = true;
      const lease: IndexerLease = {
        get held() {
          return held;
        },
        async release() {
          if (held) leased = false;
          held = false;
        },
      };
      return lease;
    },
  };
}

function toJob(row: JobRow): StoredJob {
  return { jobId: row.job_id, state: row.state, requestedAt: row.requested_at, owner: row.owner, data: JSON.parse(row.data) as Record<string, unknown> };
}
