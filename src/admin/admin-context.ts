import type { Response } from 'restify';
import type { ServingInfo } from '../app/serving-pipeline';
import type { FeedbackStore } from '../bot/feedback-store';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import type { DocumentListing } from '../index/store';
import type { PromptCatalog } from '../prompts/catalog';
import type { IngestReport } from './index-events';
import type { ReindexJobs } from './reindex-jobs';

/** The served snapshot, as the admin API sees it and switches it. */
export interface ServingIndex {
  info(): ServingInfo;
  listDocuments(): DocumentListing[];
  /** Opens CURRENT and serves it (requests in flight finish on the old one); throws and keeps the old one on failure. */
  reload(): ServingInfo | Promise<ServingInfo>;
}

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
