import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type restify from 'restify';
import type { Assistant } from '../../src/answer/types';
import type { ServingInfo } from '../../src/app/serving-pipeline';
import { openStateStore, type StateStore } from '../../src/bot/state-store';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { loadPrompts } from '../../src/prompts/catalog';
import { createServer, type AssistantServer } from '../../src/server/create-server';
import type { DocumentSource } from '../../src/app/document-source';
import { createFakeDocumentSource } from '../fakes/fake-document-source';
import { residenceLaw } from './residence-law-fixture';

export interface TestServer {
  url: string;
  server: AssistantServer;
  stateStore: StateStore;
  /** Every log line (parsed JSON), for asserting on warnings and errors. */
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real server on 127.0.0.1 and a free port, with a fake assistant, the residence-law document,
 * a fresh data folder, and an environment given explicitly (never the machine's), so a developer's
 * MicrosoftAppId cannot change what a test sees.
 */
export async function startTestServer({
  assistant,
  env = {},
  documents,
  webSocket,
  serving,
  extraRoutes,
}: {
  assistant: Assistant;
  env?: Record<string, string>;
  documents?: DocumentSource;
  webSocket?: boolean;
  /** The snapshot the server reports in /readyz and /metrics. */
  serving?: () => ServingInfo;
  /** More routes on the same server, as the admin API adds its own. */
  extraRoutes?: (server: restify.Server) => void;
}): Promise<TestServer> {
  // A data folder given in `env` (TROLY_DATA_DIR) is the caller's, kept on stop (a restart test); else a fresh one, deleted.
  const ownDataDir = env.TROLY_DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'troly-server-')) : undefined;
  const config = loadConfig({ env: { PORT: '0', TROLY_LOG_LEVEL: 'debug', ...(ownDataDir === undefined ? {} : { TROLY_DATA_DIR: ownDataDir }), ...env } });
  const dataDir = config.dataDir;
  const logs: TestServer['logs'] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as TestServer['logs'][number]);
      callback();
    },
  });
  const logger = createLogger({ level: config.log.level, destination });
  const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
  const stateStore = openStateStore({ path: join(dataDir, 'state.sqlite') });
  const server = createServer({
    config,
    assistant,
    documents: documents ?? createFakeDocumentSource({ documents: [residenceLaw()] }),
    prompts,
    logger,
    stateStore,
    ...(webSocket === undefined ? {} : { webSocket }),
    ...(serving === undefined ? {} : { serving }),
    ...(extraRoutes === undefined ? {} : { extraRoutes }),
  });
  const { url } = await server.start();
  return {
    url,
    server,
    stateStore,
    logs,
    async stop() {
      await server.stop();
      await stateStore.close();
      if (ownDataDir !== undefined) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
