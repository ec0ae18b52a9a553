import type pg from 'pg';
import { pendingMigrations, type Migration } from '../migrations';

/** Key of the advisory lock under which replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 4_215_001;

/** The PostgreSQL state schema; JSON is kept as text, exactly as the SQLite backend keeps it. */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot state, feedback and given answers, Direct Line conversations and activities, shared keys, reindex jobs',
    sql: `CREATE TABLE bot_state (
        key text PRIMARY KEY,
        etag text NOT NULL,
        value text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        channel_id text NOT NULL,
        conversation_id text NOT NULL,
        user_id text NOT NULL,
        answer_id text NOT NULL,
        rating text NOT NULL CHECK (rating IN ('up', 'down')),
        question text NOT NULL,
        answer text NOT NULL,
        citations text NOT NULL,
        at timestamptz NOT NULL,
        UNIQUE (channel_id, conversation_id, answer_id)
      );
      CREATE INDEX feedback_at ON feedback (at DESC, id DESC);
      CREATE TABLE answers (
        channel_id text NOT NULL,
        conversation_id text NOT NULL,
        answer_id text NOT NULL,
        question text NOT NULL,
        answer text NOT NULL,
        citations text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (channel_id, conversation_id, answer_id)
      );
      CREATE INDEX answers_at ON answers (at);
      CREATE TABLE dl_conversations (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        locale text,
        count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        last_used timestamptz NOT NULL
      );
      CREATE INDEX dl_conversations_last_used ON dl_conversations (last_used);
      CREATE TABLE dl_activities (
        conversation_id text NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE TABLE state_keys (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE reindex_jobs (
        job_id text PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
        requested_at timestamptz NOT NULL,
        owner text,
        data text NOT NULL
      );
      CREATE INDEX reindex_jobs_requested ON reindex_jobs (requested_at);
      -- At most one job waits: requests while one waits get that one, on whichever replica they arrive.
      CREATE UNIQUE INDEX reindex_jobs_one_queued ON reindex_jobs (state) WHERE state = 'queued';`,
  },
];

/**
 * Brings the database's schema up to date in one transaction, under an advisory lock so that
 * replicas starting at the same time do not race; refuses a schema newer than this release.
 */
export async function migratePostgres(client: pg.ClientBase, where: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    for (const migration of pendingMigrations({ current: rows[0]?.version ?? 0, migrations: PG_MIGRATIONS, where })) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
