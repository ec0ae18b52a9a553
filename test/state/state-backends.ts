import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../src/config/logger';
import { openPgState } from '../../src/state/postgres/open-pg-state';
import { openSqliteState } from '../../src/state/sqlite/open-sqlite-state';
import type { StateDatabase } from '../../src/state/state-database';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';

/** One place (a file, a database) and a way to open it as many times as a test needs: each open is a replica. */
export interface StatePlace {
  open(): Promise<StateDatabase>;
  /** The PostgreSQL URL or the SQLite file, for tests that go behind the store's back. */
  url?: string;
  path?: string;
  dispose(): Promise<void>;
}

export interface StateBackend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  reason: string;
  /** A fresh, empty place. */
  place(): Promise<StatePlace>;
}

/**
 * The two backends the store suite runs against. PostgreSQL is a private cluster started once for
 * the test file (beforeAll) and stopped after it; each place is a new database in it.
 */
export function stateBackends(): StateBackend[] {
  const pgAvailability = postgresAvailability();
  let cluster: PostgresCluster | undefined;
  if (pgAvailability.available) {
    beforeAll(async () => {
      cluster = await startPostgresCluster();
    });
    afterAll(async () => {
      await cluster?.stop();
    });
  }
  const sqlite: StateBackend = {
    name: 'sqlite',
    available: true,
    reason: '',
    async place() {
      const dir = mkdtempSync(join(tmpdir(), 'troly-state-'));
      const path = join(dir, 'state.sqlite');
      return { path, open: async () => openSqliteState({ path }), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
  const postgres: StateBackend = {
    name: 'postgres',
    ...pgAvailability,
    async place() {
      if (cluster === undefined) throw new Error('the PostgreSQL cluster did not start');
      const url = await cluster.createDatabase();
      return { url, open: () => openPgState({ url, poolSize: 4, timeoutMs: 5000, logger: silentLogger() }), dispose: async () => undefined };
    },
  };
  return [sqlite, postgres];
}
