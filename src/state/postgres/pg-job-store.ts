import pg from 'pg';
import type { Logger } from '../../config/logger';
import type { IndexerLease, JobStore, StoredJob, StoredJobState } from '../job-store';

/** Key of the session advisory lock held by the replica that runs reindex jobs. */
const INDEXER_LOCK = 4_215_002;

interface JobRow {
  job_id: string;
  state: StoredJobState;
  requested_at: Date;
  owner: string | null;
  data: string;
}

/**
 * Reindex jobs in PostgreSQL. The indexer lease is a session advisory lock on a connection of its
 * own: PostgreSQL releases it when that session ends, so when the indexing replica dies (even by
 * `kill -9`) another replica's next `tryLease` succeeds and it takes the unfinished job over.
 */
export function createPgJobStore({ pool, connectionString, timeoutMs, logger }: { pool: pg.Pool; connectionString: string; timeoutMs: number; logger: Logger }): JobStore {
  return {
    async enqueue(job) {
      // The queued job found may start (leave 'queued') between the two statements: then try again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const inserted = await pool.query("INSERT INTO reindex_jobs (job_id, state, requested_at, owner, data) VALUES ($1, 'queued', $2, NULL, $3) ON CONFLICT DO NOTHING", [job.jobId, job.requestedAt, JSON.stringify(job.data)]);
        if (inserted.rowCount === 1) return { job: { ...job, state: 'queued', owner: null }, created: true };
        const { rows } = await pool.query<JobRow>("SELECT * FROM reindex_jobs WHERE state = 'queued'");
        if (rows[0] !== undefined) return { job: toJob(rows[0]), created: false };
      }
      throw new Error(`reindex job ${job.jobId}: could not queue it nor find the queued one after 5 attempts`);
    },
    async update(job) {
      await pool.query('UPDATE reindex_jobs SET state = $2, owner = $3, data = $4 WHERE job_id = $1', [job.jobId, job.state, job.owner, JSON.stringify(job.data)]);
    },
    async get(jobId) {
      const { rows } = await pool.query<JobRow>('SELECT * FROM reindex_jobs WHERE job_id = $1', [jobId]);
      return rows[0] === undefined ? undefined : toJob(rows[0]);
    },
    async list(limit) {
      const { rows } = await pool.query<JobRow>('SELECT * FROM reindex_jobs ORDER BY requested_at DESC, job_id DESC LIMIT $1', [limit]);
      return rows.map(toJob);
    },
    async next() {
      const { rows } = await pool.query<JobRow>(
        "SELECT * FROM reindex_jobs WHERE state IN ('running', 'queued') ORDER BY CASE state WHEN 'running' THEN 0 ELSE 1 END, requested_at, job_id LIMIT 1",
      );
      return rows[0] === undefined ? undefined : toJob(rows[0]);
    },
    async prune(keep) {
      await pool.query(
        "DELETE FROM reindex_jobs WHERE state IN ('succeeded', 'failed') AND job_id NOT IN (SELECT job_id FROM reindex_jobs WHERE state IN ('succeeded', 'failed') ORDER BY requested_at DESC, job_id DESC LIMIT $1)",
        [keep],
      );
    },
    async tryLease() {
      const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, keepAlive: true });
      let held = false;
      client.on('error', (error) => {
        if (held) logger.warn({ err: error }, 'indexer lease lost: its PostgreSQL session ended');
        held = false;
      });
      client.on('end', () => {
        held = false;
      });
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [INDEXER_LOCK]);
      if (rows[0]?.locked !== true) {
        await client.end();
        return undefined;
      }
      held = true;
      const lease: IndexerLease = {
        get held() {
          return held;
        },
        async release() {
          const wasHeld = held;
          held = false;
          if (wasHeld) await client.query('SELECT pg_advisory_unlock($1)', [INDEXER_LOCK]).catch(() => undefined);
          await client.end().catch(() => undefined);
        },
      };
      return lease;
    },
  };
}

function toJob(row: JobRow): StoredJob {
  return { jobId: row.job_id, state: row.state, requestedAt: row.requested_at.toISOString(), owner: row.owner, data: JSON.parse(row.data) as Record<string, unknown> };
}
