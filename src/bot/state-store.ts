import type { StateDatabase } from '../state/state-database';
import { openSqliteState } from '../state/sqlite/open-sqlite-state';

/** The bot's durable state (conversation state, feedback, and the rest of the state database). */
export type StateStore = StateDatabase;

/** The embedded default: the state in one SQLite file (`:memory:` for tests that need no file). */
export function openStateStore({ path }: { path: string }): StateStore {
  return openSqliteState({ path });
}
