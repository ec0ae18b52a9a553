/**
 * One replica of the replicated-mode tests, as its own process (so that it can be killed with
 * SIGKILL): the real server on the configuration in the environment (TROLY_DATABASE_URL, PORT,
 * TROLY_DATA_DIR…) with the follow-up assistant. Prints `{"url": …}` on stdout once listening.
 */
import { resolve } from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { loadPrompts } from '../../src/prompts/catalog';
import { createServer } from '../../src/server/create-server';
import { openStateDatabase } from '../../src/state/open-state-database';
import { createFakeDocumentSource } from '../fakes/fake-document-source';
import { residenceLaw } from '../helpers/residence-law-fixture';
import { followUpAssistant } from './follow-up-assistant';

const config = loadConfig();
const logger = createLogger({ level: config.log.level, destination: process.stderr });
const stateStore = await openStateDatabase({ config, logger });
const server = createServer({
  config,
  assistant: followUpAssistant(),
  documents: createFakeDocumentSource({ documents: [residenceLaw()] }),
  prompts: loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') }),
  logger,
  stateStore,
  webSocket: process.env.REPLICA_WEBSOCKET !== 'false',
});
const { url } = await server.start();
process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`);
const stop = async () => {
  await server.stop();
  await stateStore.close();
};
process.once('SIGTERM', () => void stop());
