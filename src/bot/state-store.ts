import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../config/errors';
import { createSqliteFeedbackStore, type FeedbackStore } from './feedback-store';
import { SqliteStorage } from './sqlite-storage';

/** The bot's durable state: conversation state storage and feedback, in one SQLite file. */
export interface StateStore {
  storage: SqliteStorage;
  feedback: FeedbackStore;
  close(): void;
}

/**
 * Opens (creating if needed) `data/state.sqlite` or the given path; `:memory:` for tests that do
 * not need a file. WAL mode so that reads are not blocked while a turn writes.
 */
export function openStateStore({ path }: { path: string }): StateStore {
  let db: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new AppError('INTERNAL', `Cannot open the state database at ${path}. Check that the data folder (TROLY_DATA_DIR) is writable.`, { cause });
  }
  return {
    storage: new SqliteStorage({ db }),
    feedback: createSqliteFeedbackStore({ db }),
    close: () => db.close(),
  };
}
