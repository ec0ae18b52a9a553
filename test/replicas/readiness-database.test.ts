import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { silentLogger } from '../../src/config/logger';
import { loadPrompts } from '../../src/prompts/catalog';
import { createServer, type AssistantServer } from '../../src/server/create-server';
import { openPgState } from '../../src/state/postgres/open-pg-state';
import type { StateDatabase } from '../../src/state/state-database';
import { createFakeDocumentSource } from '../fakes/fake-document-source';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';
import { residenceLaw } from '../helpers/residence-law-fixture';
import { followUpAssistant } from './follow-up-assistant';

describe.skipIf(!postgresAvailability().available)('/readyz in the replicated mode', () => {
  let cluster: PostgresCluster | undefined;
  let state: StateDatabase;
  let server: AssistantServer;
  let url: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = await cluster.createDatabase();
    const config = loadConfig({ env: { PORT: '0', TROLY_DATABASE_URL: databaseUrl, TROLY_DATABASE_TIMEOUT_MS: '1000' } });
    state = await openPgState({ url: databaseUrl, poolSize: 2, timeoutMs: 1000, logger: silentLogger() });
    server = createServer({ config, assistant: followUpAssistant(), documents: createFakeDocumentSource({ documents: [residenceLaw()] }), prompts: loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') }), logger: silentLogger(), stateStore: state });
    url = (await server.start()).url;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await state?.close().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
  });

  it('is ready with the database, and stops saying so when the database goes away', async () => {
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { store: { ok: true, backend: 'postgres' } } });
    await cluster?.stop();
    cluster = undefined;
    const started = Date.now();
    const gone = await fetch(`${url}/readyz`);
    expect(gone.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    const body = (await gone.json()) as { checks: { store: { ok: boolean; detail: string } } };
    expect(body.checks.store.ok).toBe(false);
    expect(body.checks.store.detail).toContain('PostgreSQL (TROLY_DATABASE_URL)');
    // The process itself keeps serving what needs no database.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }, 30_000);
});
