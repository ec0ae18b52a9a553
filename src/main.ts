/**
 * The composition root: configuration → components → server, in that order, and nothing else.
 * Every other module gets what it needs passed in; this is the one place that chooses how answers
 * are computed (on the server's own thread, or a pool of worker threads) and that connects the
 * admin API to the server. `troly serve` (and `npm start`) call `startAssistantServer`.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAdminService, type AdminService } from './admin/admin-service';
import { answerWorkerCount, openAnswerPool } from './app/answer-pool';
import { openLivePipeline } from './app/live-pipeline';
import type { ServingPipeline } from './app/serving-pipeline';
import type { Config } from './config/config';
import { AppError } from './config/errors';
import { createLogger, type Logger } from './config/logger';
import { loadConfiguredEmbedder, type EmbedderLoad } from './embed/load-configured-embedder';
import { loadPrompts, type PromptCatalog } from './prompts/catalog';
import { createServer } from './server/create-server';
import { openStateDatabase } from './state/open-state-database';

export interface StartAssistantServerOptions {
  config: Config;
  logger?: Logger;
  prompts?: PromptCatalog;
  /** What the server answers from; opened from the current index snapshot (`openServingPipeline`) when not given. Closed on stop. */
  pipeline?: ServingPipeline;
  /**
   * The embedding model the caller already loaded (`troly serve` loads it once for the index check
   * and the server, and has told the operator if it is missing; the caller disposes it). When not
   * given, the configured model is loaded here, its absence logged once, and disposed on stop.
   */
  embedding?: EmbedderLoad;
}

export interface RunningAssistantServer {
  url: string;
  /** Queues a background reindex (in a child process). */
  requestReindex?(): void;
  stop(): Promise<void>;
}

/**
 * `troly serve` in one function: configuration → serving pipeline → state database → admin
 * service → HTTP server, listening.
 */
export async function startAssistantServer({ config, logger, prompts, pipeline, embedding }: StartAssistantServerOptions): Promise<RunningAssistantServer> {
  const log = logger ?? createLogger({ level: config.log.level });
  const catalog = prompts ?? loadPrompts({ dir: config.promptsDir });
  const serving = pipeline ?? (await openServingPipeline({ config, prompts: catalog, logger: log, ...(embedding === undefined ? {} : { embedding }) }));
  const stateStore = await openStateDatabase({ config, logger: log }).catch(async (error: unknown) => {
    await serving.close();
    throw error;
  });
  // How this replica is named in the shared reindex jobs (the owner of a running build).
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const admin: AdminService = createAdminService({ config, prompts: catalog, logger: log, serving, feedback: stateStore.feedback, recordReindex: (outcome) => server.metrics.recordReindex(outcome), shared: { store: stateStore.jobs, instanceId } });
  const server = createServer({ config, assistant: serving.assistant, documents: serving.documents, prompts: catalog, logger: log, stateStore, serving: () => serving.info(), extraRoutes: (s) => admin.register(s) });
  try {
    const { url } = await server.start();
    return {
      url,
      requestReindex: () => void admin.jobs.request({ trigger: 'watch' }),
      async stop() {
        // Builds and event streams first: the server's drain waits for open requests.
        await admin.close();
        await server.stop();
        await stateStore.close();
        await serving.close();
      },
    };
  } catch (error) {
    await admin.close();
    await stateStore.close();
    await serving.close();
    throw new AppError('INTERNAL', `Cannot listen on ${config.host}:${config.port}: ${(error as Error).message}. Choose another port with --port or PORT.`, { cause: error });
  }
}

export interface OpenServingPipelineOptions {
  config: Config;
  prompts: PromptCatalog;
  logger: Logger;
  /** As `StartAssistantServerOptions.embedding`: a model loaded by the caller, who disposes it. */
  embedding?: EmbedderLoad;
}

/**
 * The real pipeline over the current index snapshot, switchable by a reindex while serving, hybrid
 * when the embedding model is installed and the snapshot has its vectors, lexical-only otherwise.
 * The tunable `answerWorkers` chooses where answers are computed: worker threads (each opening the
 * snapshot itself and borrowing this thread's one copy of the model) or, at 0, the server's own thread.
 */
export async function openServingPipeline({ config, prompts, logger, embedding }: OpenServingPipelineOptions): Promise<ServingPipeline> {
  const workers = answerWorkerCount(config.tunables);
  if (workers > 0) return openAnswerPool({ config, size: workers, queueLimit: config.tunables.answerQueueLimit, logger, ...(embedding === undefined ? {} : { embedding }) });
  const load = embedding ?? (await loadConfiguredEmbedder({ config }));
  if (embedding === undefined && load.reason !== undefined) logger.warn({ reason: load.reason }, `no embedding model, serving lexical-only: ${load.reason.message}`);
  // A model loaded here is ours to release; one passed in belongs to the caller.
  const owned = embedding === undefined ? load.embedder : undefined;
  let pipeline: ServingPipeline;
  try {
    pipeline = openLivePipeline({ config, prompts, logger, embedder: load.embedder });
  } catch (error) {
    await owned?.dispose();
    throw error;
  }
  if (owned === undefined) return pipeline;
  return {
    ...pipeline,
    close: async () => {
      pipeline.close();
      await owned.dispose();
    },
  };
}
