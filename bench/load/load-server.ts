/**
 * The server under load, in its own process so that its memory is its own: `troly serve` minus
 * the CLI (the same `startAssistantServer`, admin API included). The parent (bench/load.ts) talks
 * to it over IPC: `memory` → `process.memoryUsage()`, `stop` → graceful stop.
 */
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { startAssistantServer } from '../../src/server/start-assistant-server';

/** A message from the parent. */
export type LoadServerCommand = { type: 'memory' } | { type: 'stop' };
/** A message to the parent. */
export type LoadServerEvent = { type: 'ready'; url: string } | { type: 'memory'; rss: number; heapUsed: number } | { type: 'stopped' };

const send = (event: LoadServerEvent) => process.send?.(event);

const config = loadConfig();
const server = await startAssistantServer({ config, logger: createLogger({ level: config.log.level }) });
send({ type: 'ready', url: server.url });

process.on('message', (command: LoadServerCommand) => {
  if (command.type === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed });
  } else if (command.type === 'stop') {
    void server.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
