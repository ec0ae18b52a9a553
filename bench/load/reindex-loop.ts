import { appendFileSync } from 'node:fs';

export interface ReindexRound {
  ok: boolean;
  /** From `POST /admin/reindex` to the job's end (the build, then the switch to the new snapshot), in ms. */
  jobMs: number;
  /** The build's own time as the job reports it, in seconds. */
  buildSeconds: number | null;
  error?: string;
}

export interface ReindexLoop {
  /** Ends after the round in progress (bounded by `roundTimeoutMs`); resolves with every round. */
  stop(): Promise<ReindexRound[]>;
}

export interface StartReindexLoopOptions {
  baseUrl: string;
  adminToken: string;
  /** A knowledge file that gets one more line per round, so that every round indexes a change. */
  touchFile: string;
  roundTimeoutMs: number;
}

const POLL_MS = 200;

interface JobView {
  jobId: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  result: { seconds: number } | null;
  error: { code: string; message: string; detail?: string } | null;
}

/**
 * Reindexing while the server serves, as an admin does it: a knowledge file changes, then
 * `POST /admin/reindex` (the server builds the new snapshot in a child process and switches to it),
 * polling `GET /admin/jobs/:id` until the job ends; again and again until stopped.
 */
export function startReindexLoop({ baseUrl, adminToken, touchFile, roundTimeoutMs }: StartReindexLoopOptions): ReindexLoop {
  const rounds: ReindexRound[] = [];
  const headers = { Authorization: `Bearer ${adminToken}` };
  let stopping = false;

  const round = async (): Promise<ReindexRound> => {
    const t0 = performance.now();
    const requested = await fetch(`${baseUrl}/admin/reindex`, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) });
    if (requested.status !== 202) return { ok: false, jobMs: 0, buildSeconds: null, error: `POST /admin/reindex: HTTP ${requested.status}` };
    const { jobId } = (await requested.json()) as { jobId: string };
    const deadline = t0 + roundTimeoutMs;
    while (performance.now() < deadline) {
      const job = (await (await fetch(`${baseUrl}/admin/jobs/${encodeURIComponent(jobId)}`, { headers, signal: AbortSignal.timeout(10_000) })).json()) as JobView;
      if (job.state === 'succeeded' || job.state === 'failed') {
        const jobMs = Math.round(performance.now() - t0);
        return job.state === 'succeeded'
          ? { ok: true, jobMs, buildSeconds: job.result?.seconds ?? null }
          : { ok: false, jobMs, buildSeconds: null, error: `${job.error?.code ?? ''}: ${job.error?.detail ?? job.error?.message ?? ''}` };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return { ok: false, jobMs: Math.round(performance.now() - t0), buildSeconds: null, error: `job ${jobId} did not end within ${roundTimeoutMs} ms` };
  };

  const loop = (async () => {
    while (!stopping) {
      appendFileSync(touchFile, `\n\nGhi chú cập nhật số ${rounds.length + 1}: văn bản được rà soát lại.\n`);
      rounds.push(await round().catch((error: unknown) => ({ ok: false, jobMs: 0, buildSeconds: null, error: String(error) })));
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      return rounds;
    },
  };
}
