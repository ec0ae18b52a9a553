import { join } from 'node:path';
import type { Assistant } from '../answer/types';
import { openStateStore } from '../bot/state-store';
import type { Config } from '../config/config';
import { AppError } from '../config/errors';
import { openLivePipeline, type ServingInfo } from '../app/live-pipeline';
import { createLogger, type Logger } from '../config/logger';
import { loadConfiguredEmbedder, type EmbedderLoad } from '../embed/load-configured-embedder';
import { loadPrompts, type PromptCatalog } from '../prompts/catalog';
import { createServer } from './create-server';
import type { DocumentSource } from './document-source';
import type { ServerMetrics } from './ops/server-metrics';

export interface StartAssistantServerOptions {
  config: Config;
  logger?: Logger;
  prompts?: PromptCatalog;
  /** The answer pipeline and the documents it cites; built from the current index snapshot when not given. */
  pipeline?: AssistantPipeline;
  /**
   * The embedding model the caller already loaded (`troly serve` loads it once for the index check
   * and the server, and has told the operator if it is missing; the caller disposes it). When not
   * given, the configured model is loaded here, its absence logged once, and disposed on stop.
   */
  embedding?: EmbedderLoad;
}

/** What the server serves: the assistant, the document viewer's source, and how to release them. */
export interface AssistantPipeline {
  assistant: Assistant;
  documents: DocumentSource;
  /** The snapshot being served, for `/readyz` and the index metrics. */
  info?: () => ServingInfo;
  close?: () => void;
}

export interface RunningAssistantServer {
  url: string;
  /** The server's Prometheus metrics (the admin API records reindex runs with `recordReindex`). */
  metrics?: ServerMetrics;
  stop(): Promise<void>;
}

/**
 * `troly serve` in one function: configuration → components → listening server.
 */
export async function startAssistantServer({ config, logger, prompts, pipeline, embedding }: StartAssistantServerOptions): Promise<RunningAssistantServer> {
  const log = logger ?? createLogger({ level: config.log.level });
  const catalog = prompts ?? loadPrompts({ dir: config.promptsDir });
  const parts = pipeline ?? (await buildPipeline({ config, prompts: catalog, logger: log, ...(embedding === undefined ? {} : { embedding }) }));
  const stateStore = openStateStore({ path: join(config.dataDir, 'state.sqlite') });
  const server = createServer({ config, assistant: parts.assistant, documents: parts.documents, prompts: catalog, logger: log, stateStore, ...(parts.info ? { serving: parts.info } : {}) });
  try {
    const { url } = await server.start();
    return {
      url,
      metrics: server.metrics,
      async stop() {
        await server.stop();
        stateStore.close();
        parts.close?.();
      },
    };
  } catch (error) {
    stateStore.close();
    parts.close?.();
    throw new AppError('INTERNAL', `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}. Choose another port with --port or PORT.`, { cause: error });
  }
}

/**
 * The real pipeline: the current index snapshot, switchable by a reindex while serving, hybrid when
 * the embedding model is installed and the snapshot has its vectors, lexical-only otherwise.
 */
async function buildPipeline({ config, prompts, logger, embedding }: { config: Config; prompts: PromptCatalog; logger: Logger; embedding?: EmbedderLoad }): Promise<AssistantPipeline> {
  const load = embedding ?? (await loadConfiguredEmbedder({ config }));
  if (embedding === undefined && load.reason !== undefined) logger.warn({ reason: load.reason }, `no embedding model, serving lexical-only: ${load.reason.message}`);
  // A model loaded here is ours to release; one passed in belongs to the caller.
  const owned = embedding === undefined ? load.embedder : undefined;
  let pipeline: ReturnType<typeof openLivePipeline>;
  try {
    pipeline = openLivePipeline({ config, prompts, logger, embedder: load.embedder });
  } catch (error) {
    await owned?.dispose();
    throw error;
  }
  return {
    assistant: pipeline.assistant,
    documents: pipeline.documents,
    info: () => pipeline.info(),
    close: () => {
      pipeline.close();
      void owned?.dispose();
    },
  };
}
