import { join } from 'node:path';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { openPgState } from './postgres/open-pg-state';
import { openSqliteState } from './sqlite/open-sqlite-state';
import type { StateDatabase } from './state-database';

/**
 * The state database the configuration names: PostgreSQL when TROLY_DATABASE_URL is set (several
 * replicas share it), else `state.sqlite` in the data folder (one process, the default).
 */
export async function openStateDatabase({ config, logger }: { config: Pick<Config, 'databaseUrl' | 'dataDir' | 'stateSync' | 'tunables'>; logger: Logger }): Promise<StateDatabase> {
  if (config.databaseUrl === undefined) return openSqliteState({ path: join(config.dataDir, 'state.sqlite'), synchronous: config.stateSync });
  return openPgState({ url: config.databaseUrl, poolSize: config.tunables.databasePoolSize, timeoutMs: config.tunables.databaseTimeoutMs, logger });
}
