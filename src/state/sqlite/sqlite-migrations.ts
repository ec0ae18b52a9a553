import type { Database } from 'better-sqlite3';
import { pendingMigrations, type Migration } from '../migrations';

/**
 * The SQLite state schema (data/state.sqlite). Version 1 is what earlier releases created on the
 * fly (`CREATE TABLE IF NOT EXISTS`), so their files migrate in place.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot state and feedback',
    sql: `CREATE TABLE IF NOT EXISTS bot_state (
        key TEXT PRIMARY KEY,
        etag TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (channel_id, conversation_id, answer_id)
      );`,
  },
  {
    version: 2,
    name: 'Direct Line conversations, activities, shared keys, reindex jobs',
    sql: `CREATE TABLE dl_conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        locale TEXT,
        count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_used TEXT NOT NULL
      );
      CREATE INDEX dl_conversations_last_used ON dl_conversations (last_used);
      CREATE TABLE dl_activities (
        conversation_id TEXT NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE TABLE state_keys (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE reindex_jobs (
        job_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
        requested_at TEXT NOT NULL,
        owner TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX reindex_jobs_requested ON reindex_jobs (requested_at);
      -- At most one job waits: requests while one waits get that one, on whichever replica they arrive.
      CREATE UNIQUE INDEX reindex_jobs_one_queued ON reindex_jobs (state) WHERE state = 'queued';`,
  },
  {
    version: 3,
    name: 'answers as given, so that late ratings are stored',
    // IF NOT EXISTS: a release between 1 and 3 created it on the fly.
    sql: `CREATE TABLE IF NOT EXISTS answers (
        channel_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (channel_id, conversation_id, answer_id)
      );
      CREATE INDEX IF NOT EXISTS answers_at ON answers (at);`,
  },
];

/** Brings the file's schema up to date in one transaction; refuses a newer one. */
export function migrateSqlite(db: Database, where: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations').get();
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pendingMigrations({ current: row?.version ?? 0, migrations: SQLITE_MIGRATIONS, where })) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  apply.immediate();
}
