import type { Response, Server } from 'restify';
import type { FeedbackStore } from '../bot/feedback-store';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { markReindexPending } from '../index/reindex-marker';
import { INGEST_PROMPT_KEYS } from '../ingest/report';
import type { PromptCatalog } from '../prompts/catalog';
import type { ServingIndex } from './admin-context';
import { ADMIN_PAGE_PROMPT_KEYS } from './admin-page';
import { registerAdminRoutes } from './admin-routes';
import { childIndexLauncher, type IndexLauncher } from './child-index-launcher';
import { followCurrentSnapshot } from './follow-current';
import { watchKnowledge } from './knowledge-watcher';
import { readLastReport, writeLastReport } from './last-report';
import { createReindexJobs, type ReindexJobs } from './reindex-jobs';
import { createSharedReindexJobs } from './shared-reindex-jobs';
import type { JobStore } from '../state/job-store';

const ADMIN_PROMPT_KEYS = [
  ...ADMIN_PAGE_PROMPT_KEYS,
  ...INGEST_PROMPT_KEYS,
  ...['unauthorized', 'notFound', 'documentNotFound', 'jsonlRecord', 'jobNotFound', 'rollbackBusy', 'rollbackNone'].map((k) => `admin.error.${k}`),
  ...['not-multipart', 'too-large', 'no-file', 'several-files', 'exists', 'malformed', 'empty', 'path', 'hidden', 'characters', 'bidi', 'too-long', 'type'].map((k) => `admin.error.upload.${k}`),
  'admin.upload.stored', 'admin.upload.replaced', 'admin.delete.done', 'admin.job.reloadFailed', 'admin.job.stopped', 'admin.job.failedUnexpectedly', 'admin.job.fileStoppedIndexer', 'admin.feedback.csvHeader',
  'index.rollback.done',
] as const;

/** Reindexing while serving, and the admin API over it, for one server. */
export interface AdminService {
  jobs: ReindexJobs;
  /** Registers `/admin` routes when an admin token is configured; otherwise says at start-up that they are off. */
  register(server: Server): void;
  /** Ends event streams, stops the watch and the CURRENT poll, and stops a running build (its snapshot is discarded). */
  close(): Promise<void>;
}

export interface CreateAdminServiceOptions {
  config: Config;
  prompts: PromptCatalog;
  logger: Logger;
  serving: ServingIndex;
  feedback: FeedbackStore;
  /** How builds run; a child process (`troly index --json-progress`) by default. */
  launch?: IndexLauncher;
  /** Told when a reindex ends (the server's metrics). */
  recordReindex?: (outcome: { durationMs: number; ok: boolean }) => void;
  /**
   * The replicated mode: jobs in the shared state database, run by the replica holding the indexer
   * lease, this replica named `instanceId` there. Without it, jobs live in this process only.
   */
  shared?: { store: JobStore; instanceId: string };
}

/**
 * The background reindex of a running server: jobs (one build at a time, out of the serving
 * process), the switch to the new snapshot when a build succeeds, the last report kept in
 * `data/admin/`, the knowledge folder watch (`config.watch`), the CURRENT poll (`snapshotPollMs`),
 * and the admin API and page when `TROLY_ADMIN_TOKEN` is set.
 */
export function createAdminService({ config, prompts, logger, serving, feedback, launch = childIndexLauncher({ config, prompts, logger: logger.child({ component: 'indexer' }) }), recordReindex, shared }: CreateAdminServiceOptions): AdminService {
  prompts.require(ADMIN_PROMPT_KEYS);
  const log = logger.child({ component: 'admin' });
  const local = createReindexJobs({
    launch,
    logger: log,
    messages: { reloadFailed: prompts.format('admin.job.reloadFailed'), stopped: prompts.format('admin.job.stopped'), unexpected: prompts.format('admin.job.failedUnexpectedly') },
    onBuilt: async ({ done }) => {
      if (serving.info().snapshotId !== done.snapshotId) await serving.reload();
    },
    onActiveChange: (active) => markReindexPending({ dataDir: config.dataDir, pending: active }),
    onFinished: (job) => {
      if (job.report !== null) writeLastReport(config.dataDir, job.report);
      if (job.startedAt !== null && job.finishedAt !== null) recordReindex?.({ durationMs: Date.parse(job.finishedAt) - Date.parse(job.startedAt), ok: job.state === 'succeeded' });
    },
  });
  const jobs: ReindexJobs = shared === undefined ? local : createSharedReindexJobs({ store: shared.store, local, instanceId: shared.instanceId, logger: log });
  const watcher = config.watch
    ? watchKnowledge({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, debounceMs: config.tunables.watchDebounceMs, onChange: () => void jobs.request({ trigger: 'watch' }).catch((error: unknown) => log.error({ err: error }, 'could not queue the reindex the knowledge folder watch asked for')), logger: log })
    : undefined;
  const follower =
    config.tunables.snapshotPollMs > 0
      ? followCurrentSnapshot({ dataDir: config.dataDir, serving, intervalMs: config.tunables.snapshotPollMs, busy: () => jobs.building(), logger: log })
      : undefined;
  const streams = new Set<Response>();
  return {
    jobs,
    register(server) {
      if (config.adminToken === undefined) {
        log.warn('TROLY_ADMIN_TOKEN is not set: the admin API and page (/admin) are disabled');
        return;
      }
      registerAdminRoutes(server, { config, token: config.adminToken, prompts, logger: log, jobs, feedback, serving, lastReport: () => readLastReport(config.dataDir), streams });
      log.info('admin API and page enabled at /admin (Bearer token)');
    },
    async close() {
      watcher?.close();
      follower?.close();
      for (const res of streams) res.end();
      await jobs.close();
    },
  };
}
