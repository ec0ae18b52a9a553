/**
 * The server under load, in its own process so that its memory is its own: `troly serve` minus
 * the CLI, with the live pipeline in reach. The parent (bench/load.ts) talks to it over IPC:
 * `memory` → `process.memoryUsage()`, `reload` → switch to the snapshot CURRENT names (what a
 * finished reindex does), `reindexed` → record a reindex in /metrics, `stop` → graceful stop.
 */
import { openLivePipeline } from '../../src/app/live-pipeline';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { loadPrompts } from '../../src/prompts/catalog';
import { startAssistantServer } from '../../src/server/start-assistant-server';

/** A message from the parent. */
export type LoadServerCommand = { type: 'memory' } | { type: 'reload' } | { type: 'reindexed'; durationMs: number; ok: boolean } | { type: 'stop' };
/** A message to the parent. */
export type LoadServerEvent =
  | { type: 'ready'; url: string; snapshotId: string; documents: number; chunks: number; mode: string }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'reloaded'; ms: number; snapshotId: string }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

const send = (event: LoadServerEvent) => process.send?.(event);

const config = loadConfig();
const prompts = loadPrompts({ dir: config.promptsDir });
const logger = createLogger({ level: config.log.level });
const pipeline = openLivePipeline({ config, prompts, logger });
const server = await startAssistantServer({
  config,
  logger,
  prompts,
  pipeline: { assistant: pipeline.assistant, documents: pipeline.documents, info: () => pipeline.info(), close: () => pipeline.close() },
});
const info = pipeline.info();
send({ type: 'ready', url: server.url, snapshotId: info.snapshotId, documents: info.documents, chunks: info.chunks, mode: info.mode });

process.on('message', (command: LoadServerCommand) => {
  switch (command.type) {
    case 'memory': {
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: 'memory', rss, heapUsed });
      break;
    }
    case 'reload': {
      const t0 = performance.now();
      try {
        const next = pipeline.reload();
        send({ type: 'reloaded', ms: performance.now() - t0, snapshotId: next.snapshotId });
      } catch (error) {
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
      break;
    }
    case 'reindexed':
      server.metrics?.recordReindex({ durationMs: command.durationMs, ok: command.ok });
      break;
    case 'stop':
      void server.stop().then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
      break;
  }
});
