import pg from 'pg';
import { AppError, isAppError } from '../../config/errors';
import type { Logger } from '../../config/logger';
import type { StateDatabase } from '../state-database';
import { createPgDirectLineLog } from './pg-directline-log';
import { createPgFeedbackStore } from './pg-feedback-store';
import { createPgJobStore } from './pg-job-store';
import { createPgKeyStore } from './pg-key-store';
import { migratePostgres } from './pg-migrations';
import { startPgNotifier } from './pg-notifier';
import { PgStorage } from './pg-storage';

export interface OpenPgStateOptions {
  /** `postgres://user:password@host:5432/database`. */
  url: string;
  poolSize: number;
  timeoutMs: number;
  logger: Logger;
}

/** `postgres://user:***@host/db`, for messages that must not carry the password. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Connects to the shared state database, migrates it (refusing a newer schema), and starts this
 * replica's LISTEN connection. Fails with DATABASE_UNAVAILABLE when PostgreSQL cannot be reached.
 */
export async function openPgState({ url, poolSize, timeoutMs, logger }: OpenPgStateOptions): Promise<StateDatabase> {
  const where = redactDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, idleTimeoutMillis: 30_000, keepAlive: true });
  // An idle connection that dies (database restart) must not crash the process: the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed'));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, where);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (isAppError(error)) throw error;
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot open the state database at ${where}: ${(error as Error).message}. Check TROLY_DATABASE_URL and that PostgreSQL accepts connections from this host.`, { cause: error });
  }
  const notifier = await startPgNotifier({ connectionString: url, logger, timeoutMs }).catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot LISTEN on the state database at ${where}: ${(error as Error).message}.`, { cause: error });
  });
  logger.info({ database: where, poolSize }, 'state database: PostgreSQL');
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    storage: new PgStorage(pool),
    feedback: createPgFeedbackStore({ pool }),
    directLine: createPgDirectLineLog({ pool, notifier }),
    jobs: createPgJobStore({ pool, connectionString: url, timeoutMs, logger }),
    keys: createPgKeyStore({ pool }),
    async probe() {
      if (!notifier.listening) throw new AppError('DATABASE_UNAVAILABLE', `not listening for Direct Line activities on ${where} (reconnecting)`);
      await pool.query("INSERT INTO state_keys (name, value, created_at) VALUES ('troly/readyz-probe', '', now()) ON CONFLICT (name) DO UPDATE SET created_at = excluded.created_at");
    },
    close() {
      closing ??= notifier.close().then(() => pool.end());
      return closing;
    },
  };
}
