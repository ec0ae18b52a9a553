import { join } from 'node:path';
import type { Assistant } from '../answer/types';
import { openStateStore } from '../bot/state-store';
import type { Config } from '../config/config';
import { AppError } from '../config/errors';
import { createLogger, type Logger } from '../config/logger';
import { loadPrompts, type PromptCatalog } from '../prompts/catalog';
import { createServer } from './create-server';
import type { DocumentSource } from './document-source';

export interface StartAssistantServerOptions {
  config: Config;
  logger?: Logger;
  prompts?: PromptCatalog;
  /** The answer pipeline and the documents it cites; built from the current index snapshot when not given. */
  pipeline?: AssistantPipeline;
}

/** What the server serves: the assistant, the document viewer's source, and how to release them. */
export interface AssistantPipeline {
  assistant: Assistant;
  documents: DocumentSource;
  close?: () => void;
}

export interface RunningAssistantServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `troly serve` in one function: configuration → components → listening server. Everything here
 * is final except `buildPipeline`, where the real Assistant and DocumentSource are constructed.
 */
export async function startAssistantServer({ config, logger, prompts, pipeline }: StartAssistantServerOptions): Promise<RunningAssistantServer> {
  const log = logger ?? createLogger({ level: config.log.level });
  const catalog = prompts ?? loadPrompts({ dir: config.promptsDir });
  const parts = pipeline ?? (await buildPipeline({ config, prompts: catalog, logger: log }));
  const stateStore = openStateStore({ path: join(config.dataDir, 'state.sqlite') });
  const server = createServer({ config, assistant: parts.assistant, documents: parts.documents, prompts: catalog, logger: log, stateStore });
  try {
    const { url } = await server.start();
    return {
      url,
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
 * INTEGRATION POINT (not wired yet): open the current index snapshot, build the retriever
 * (hybrid when an embedding model is installed, lexical otherwise) and `createAssistant` from
 * src/answer/, and serve the snapshot's store through `documentSourceFromStore` (keep a getter so a
 * reindex can switch snapshots under the running server).
 */
async function buildPipeline({ config }: { config: Config; prompts: PromptCatalog; logger: Logger }): Promise<AssistantPipeline> {
  throw new AppError(
    'INTERNAL',
    `troly serve: the answer pipeline is not wired into the server yet (src/server/start-assistant-server.ts, buildPipeline). ` +
      `Expected an Assistant built from the index in ${config.dataDir}; got nothing. Until it is wired, start the server from code with startAssistantServer({ config, pipeline }).`,
  );
}
