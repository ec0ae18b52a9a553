import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Assistant } from '../answer/types';
import { openStateDatabase } from '../state/open-state-database';
import type { Config } from '../config/config';
import { AppError } from '../config/errors';
import { createAdminService, type AdminService } from '../admin/admin-service';
import { answerWorkerCount, openAnswerPool } from '../app/answer-pool';
import { openLivePipeline, type ServingInfo } from '../app/live-pipeline';
import { createLogger, type Logger } from '../config/logger';
import { loadConfiguredEmbedder, type EmbedderLoad } from '../embed/load-configured-embedder';
import { loadPrompts, type PromptCatalog } from '../prompts/catalog';
import { createServer } from './create-server';
import type { DocumentListing } from '../index/store';
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
  /** Switches to the snapshot CURRENT names; with `listDocuments`, enables background reindex and the admin API. */
  reload?: () => ServingInfo | Promise<ServingInfo>;
  listDocuments?: () => DocumentListing[];
  close?: () => void | Promise<void>;
}

export interface RunningAssistantServer {
  url: string;
  /** The server's Prometheus metrics (the admin API records reindex runs with `recordReindex`). */
  metrics?: ServerMetrics;
  /** Queues a background reindex (in a child process), when the server has the real, switchable pipeline. */
  requestReindex?(): void;
  stop(): Promise<void>;
}

/**
 * `troly serve` in one function: configuration → components → listening server.
 */
export async function startAssistantServer({ config, logger, prompts, pipeline, embedding }: StartAssistantServerOptions): Promise<RunningAssistantServer> {
  const log = logger ?? createLogger({ level: config.log.level });
  const catalog = prompts ?? loadPrompts({ dir: config.promptsDir });
  const parts = pipeline ?? (await buildPipeline({ config, prompts: catalog, logger: log, ...(embedding === undefined ? {} : { embedding }) }));
  const stateStore = await openStateDatabase({ config, logger: log }).catch((error: unknown) => {
    parts.close?.();
    throw error;
  });
  const { info, reload, listDocuments } = parts;
  // How this replica is named in the shared reindex jobs (the owner of a running build).
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const admin: AdminService | undefined =
    info && reload && listDocuments
      ? createAdminService({ config, prompts: catalog, logger: log, serving: { info, reload, listDocuments }, feedback: stateStore.feedback, recordReindex: (outcome) => server.metrics.recordReindex(outcome), shared: { store: stateStore.jobs, instanceId } })
      : undefined;
  const server = createServer({ config, assistant: parts.assistant, documents: parts.documents, prompts: catalog, logger: log, stateStore, ...(parts.info ? { serving: parts.info } : {}), ...(admin ? { extraRoutes: (s) => admin.register(s) } : {}) });
  try {
    const { url } = await server.start();
    return {
      url,
      metrics: server.metrics,
      ...(admin === undefined ? {} : { requestReindex: () => void admin.jobs.request({ trigger: 'watch' }) }),
      async stop() {
        // Builds and event streams first: the server's drain waits for open requests.
        await admin?.close();
        await server.stop();
        await stateStore.close();
        await parts.close?.();
      },
    };
  } catch (error) {
    await admin?.close();
    await stateStore.close();
    await parts.close?.();
    throw new AppError('INTERNAL', `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}. Choose another port with --port or PORT.`, { cause: error });
  }
}

/**
 * The real pipeline: the current index snapshot, switchable by a reindex while serving, hybrid when
 * the embedding model is installed and the snapshot has its vectors, lexical-only otherwise.
 */
async function buildPipeline({ config, prompts, logger, embedding }: { config: Config; prompts: PromptCatalog; logger: Logger; embedding?: EmbedderLoad }): Promise<AssistantPipeline> {
  // Worker threads (tunable answerWorkers) answer on every core, each loading the model and opening the snapshot itself.
  const workers = answerWorkerCount(config.tunables);
  if (workers > 0) return openAnswerPool({ config, size: workers, queueLimit: config.tunables.answerQueueLimit, logger, reportMissingModel: embedding === undefined });
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
    reload: () => pipeline.reload(),
    listDocuments: () => pipeline.listDocuments(),
    close: () => {
      pipeline.close();
      void owned?.dispose();
    },
  };
}
