import type { Storage } from 'botbuilder';
import type { FeedbackStore } from '../bot/feedback-store';
import type { DirectLineLog } from './directline-log';
import type { JobStore } from './job-store';
import type { KeyStore } from './key-store';

/**
 * Everything the assistant keeps between requests, behind one interface with two backends: SQLite
 * in the data folder (the embedded default, one process) or PostgreSQL (`TROLY_DATABASE_URL`,
 * shared by every replica).
 */
export interface StateDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** Bot Framework conversation and user state (follow-up history). */
  readonly storage: Storage;
  readonly feedback: FeedbackStore;
  /** Direct Line conversations, activities and watermarks. */
  readonly directLine: DirectLineLog;
  readonly jobs: JobStore;
  /** Shared keys (the Direct Line token signing key). */
  readonly keys: KeyStore;
  /** Resolves when the database takes a write now; rejects with the reason otherwise (for /readyz). */
  probe(): Promise<void>;
  close(): Promise<void>;
}
