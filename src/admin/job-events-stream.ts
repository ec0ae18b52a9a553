import type { Request, Response } from 'restify';
import type { ReindexJob, ReindexJobs } from './reindex-jobs';

/** Progress updates closer together than this are merged: the page redraws a bar, not a log. */
const MIN_INTERVAL_MS = 100;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

const isFinished = (job: ReindexJob) => job.state === 'succeeded' || job.state === 'failed';

/**
 * `GET /admin/jobs/:id/events`: the job as server-sent events, `event: job` with the whole job as
 * JSON, first at once, then on every change (progress merged to at most ten a second), ending
 * after the job succeeds or fails. Resolves when the stream is closed, by either side. `open`
 * holds the streams being served, so that a stopping server can end them.
 */
export function streamJobEvents({ req, res, jobs, job, open }: { req: Request; res: Response; jobs: ReindexJobs; job: ReindexJob; open: Set<Response> }): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' });
  const send = (value: ReindexJob) => res.write(`event: job\ndata: ${JSON.stringify(value)}\n\n`);
  send(job);
  if (isFinished(job)) {
    res.end();
    return Promise.resolve();
  }
  open.add(res);
  let pending: ReindexJob | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  let lastState = job.state;
  const flush = () => {
    timer = undefined;
    if (pending === undefined) return;
    send(pending);
    lastState = pending.state;
    last = Date.now();
    if (isFinished(pending)) res.end();
    pending = undefined;
  };
  const unsubscribe = jobs.subscribe(job.jobId, (update) => {
    pending = update;
    const wait = isFinished(update) || update.state !== lastState ? 0 : Math.max(0, MIN_INTERVAL_MS - (Date.now() - last));
    if (wait === 0) {
      if (timer !== undefined) clearTimeout(timer);
      flush();
    } else timer ??= setTimeout(flush, wait);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (timer !== undefined) clearTimeout(timer);
      open.delete(res);
      resolve();
    };
    res.once('close', done);
    req.once('close', () => res.end());
  });
}
