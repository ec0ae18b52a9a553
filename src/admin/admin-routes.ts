import type { Request, Response, Server } from 'restify';
import { isAppError, describeError } from '../config/errors';
import { rollbackSnapshot } from '../index/rollback-snapshot';
import type { AdminContext } from './admin-context';
import { sendAdminError } from './admin-error';
import { adminRouter } from './admin-auth';
import { registerAdminPage } from './admin-page-routes';
import { registerDocumentRoutes } from './document-routes';
import { feedbackCsv } from './feedback-csv';
import { streamJobEvents } from './job-events-stream';

const MAX_FEEDBACK = 5000;

/**
 * The admin API and page under `/admin`. Every `/admin/...` route needs `Authorization: Bearer
 * <TROLY_ADMIN_TOKEN>`, checked as the first handler of the route itself (`adminRouter`), so no
 * spelling of a URL reaches an admin handler without it; without the token the answer is 401
 * whatever the path, so nothing tells an outsider which paths exist. Errors are `{ error: { code,
 * message (Vietnamese), detail? } }`.
 *
 * - `GET /admin` — the page (public; it asks for the token and keeps it in sessionStorage).
 * - `GET /admin/documents` — `{ serving, documents: DocumentRow[], report, activeJob }`.
 * - `POST /admin/documents[?overwrite=1]` — multipart, field `file`: 201 stored, 200 replaced;
 *   400 bad name / no file, 409 name taken, 413 too large, 415 not multipart or unsupported type.
 * - `DELETE /admin/documents/:docId` — removes the file (and its sidecar) from knowledge/.
 * - `POST /admin/reindex` — 202 `{ jobId, state, created }`. One build at a time: while one runs,
 *   the first request queues one follow-up job and later ones get that queued job (`created:
 *   false`), so a change made during a build is always picked up, and never by a second writer.
 * - `GET /admin/jobs`, `GET /admin/jobs/:id` — `ReindexJob`; `GET /admin/jobs/:id/events` — SSE.
 * - `POST /admin/rollback` — previous snapshot, served at once; 409 when a build runs or none is older.
 * - `GET /admin/feedback[?limit=N][&format=csv]` — 👍/👎 with question, answer and citations.
 */
export function registerAdminRoutes(server: Server, ctx: AdminContext): void {
  const { prompts, logger } = ctx;
  const notFound = async (_req: Request, res: Response) => sendAdminError({ res, status: 404, code: 'NotFound', prompts, key: 'notFound' });
  const admin = adminRouter({ server, token: ctx.token, prompts, notFound });

  registerAdminPage(server, ctx);
  registerDocumentRoutes(admin, ctx);

  admin.post('/admin/reindex', async (_req: Request, res: Response) => {
    const { job, created } = await ctx.jobs.request({ trigger: 'admin' });
    res.setHeader('Location', `/admin/jobs/${job.jobId}`);
    res.send(202, { jobId: job.jobId, state: job.state, created });
  });

  admin.get('/admin/jobs', async (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.send(200, { jobs: await ctx.jobs.list() });
  });

  admin.get('/admin/jobs/:id', async (req: Request, res: Response) => {
    const job = await ctx.jobs.get(String(req.params?.id ?? ''));
    if (job === undefined) return sendAdminError({ res, status: 404, code: 'NotFound', prompts, key: 'jobNotFound' });
    res.setHeader('Cache-Control', 'no-store');
    res.send(200, job);
  });

  admin.get('/admin/jobs/:id/events', async (req: Request, res: Response) => {
    const job = await ctx.jobs.get(String(req.params?.id ?? ''));
    if (job === undefined) return sendAdminError({ res, status: 404, code: 'NotFound', prompts, key: 'jobNotFound' });
    await streamJobEvents({ req, res, jobs: ctx.jobs, job, open: ctx.streams });
  });

  admin.post('/admin/rollback', async (_req: Request, res: Response) => {
    // A job not yet holding the write lock (queued, or its child still starting) would switch to its own snapshot after this.
    const job = await ctx.jobs.active();
    if (job !== undefined) return sendAdminError({ res, status: 409, code: 'Conflict', prompts, key: 'rollbackBusy', detail: `Reindex job ${job.jobId} is ${job.state}.` });
    try {
      const { from, to } = rollbackSnapshot({ dataDir: ctx.config.dataDir, tunables: ctx.config.tunables });
      const serving = await ctx.serving.reload();
      logger.info({ from, to }, 'admin rolled back the index snapshot');
      res.send(200, { from, to, serving, message: prompts.format('index.rollback.done', { from, to }) });
    } catch (error) {
      if (isAppError(error, 'INDEX_LOCKED')) return sendAdminError({ res, status: 409, code: 'Conflict', prompts, key: 'rollbackBusy', detail: describeError(error) });
      if (isAppError(error, 'SNAPSHOT_MISSING')) return sendAdminError({ res, status: 409, code: 'Conflict', prompts, key: 'rollbackNone', detail: describeError(error) });
      throw error;
    }
  });

  admin.get('/admin/feedback', async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const limit = Math.min(MAX_FEEDBACK, Math.max(1, Number.parseInt(String(query.limit ?? '200'), 10) || 200));
    const records = await ctx.feedback.list({ limit });
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      const header = prompts.format('admin.feedback.csvHeader').split('|');
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="gop-y.csv"' });
      res.end(feedbackCsv({ records, header }));
      return;
    }
    res.send(200, { feedback: records });
  });
}
