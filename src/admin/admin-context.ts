import type { Response } from 'restify';
import type { ServingPipeline } from '../app/serving-pipeline';
import type { FeedbackStore } from '../bot/feedback-store';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';
import type { IngestReport } from './index-events';
import type { ReindexJobs } from './reindex-jobs';

/** The served snapshot, as the admin API sees it and switches it: the serving pipeline's snapshot side. */
export type ServingIndex = Pick<ServingPipeline, 'info' | 'listDocuments' | 'reload'>;

/** What the admin routes work with. */
export interface AdminContext {
  config: Config;
  /** The admin token (TROLY_ADMIN_TOKEN); the routes are registered only when there is one. */
  token: string;
  prompts: PromptCatalog;
  logger: Logger;
  jobs: ReindexJobs;
  feedback: FeedbackStore;
  serving: ServingIndex;
  /** The ingestion report of the last finished reindex (kept across restarts), or null. */
  lastReport(): IngestReport | null;
  /** Job event streams being served, ended when the server stops. */
  streams: Set<Response>;
}
