import { createAssistant } from '../answer/assistant';
import { createOpenAiChatModel } from '../answer/llm/openai-chat-model';
import type { Answer, Assistant, AskOptions } from '../answer/types';
import type { Config } from '../config/config';
import { silentLogger, type Logger } from '../config/logger';
import type { Embedder } from '../embed/embedder';
import { openSnapshot, openSnapshotAsync, type Snapshot } from '../index/open-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import { createSnapshotRetriever } from '../retrieve/snapshot-retriever';
import type { RetrievalResult, Retriever, RetrieveOptions } from '../retrieve/types';
import { documentSourceFromStore } from './store-document-source';
import type { ServingInfo, ServingPipeline } from './serving-pipeline';

/**
 * The answer pipeline over the current index snapshot, able to switch to a newer snapshot while
 * it serves: `reload()` opens the snapshot CURRENT names, swaps it in for new requests, and closes
 * the old one once the requests still using it have finished. A failed reload leaves the old one
 * serving.
 */
export interface LivePipeline extends ServingPipeline {
  /** The retriever over the snapshot in service (`troly ask` shows what it found). */
  retriever: Retriever;
  /**
   * Opens the snapshot CURRENT names without blocking the event loop (segments open in
   * milliseconds, the vector graph is read on a worker thread) and swaps it in atomically; reloads
   * asked for while one runs share it. Rejects, and keeps the old snapshot serving, when it fails.
   */
  reload(): Promise<ServingInfo>;
  close(): void;
}

interface Generation {
  snapshot: Snapshot;
  retriever: Retriever;
  assistant: Assistant;
  mode: RetrievalResult['mode'];
  inFlight: number;
  retired: boolean;
}

export interface OpenLivePipelineOptions {
  config: Config;
  prompts: PromptCatalog;
  logger?: Logger;
  /**
   * The loaded embedding model (not owned: the caller disposes it). With it, snapshots open with
   * their vectors and retrieval is hybrid; a snapshot built by another model is refused
   * (SNAPSHOT_INCOMPATIBLE), one without vectors is served lexical-only. Without it, lexical-only.
   */
  embedder?: Embedder | undefined;
}

/**
 * Opens the snapshot CURRENT names (synchronously, once, at start-up: there is nothing to serve
 * before it) and serves it until `reload()` swaps in the next one.
 */
export function openLivePipeline({ config, prompts, logger = silentLogger(), embedder }: OpenLivePipelineOptions): LivePipeline {
  const chatModel = config.llm === undefined ? undefined : createOpenAiChatModel({ url: config.llm.url, model: config.llm.model, apiKey: config.llm.apiKey, timeoutMs: config.llm.timeoutMs });

  const embedding = embedder === undefined ? undefined : { modelId: embedder.modelId, dimensions: embedder.dimensions };
  const serve = (snapshot: Snapshot): Generation => {
    try {
      const { retriever, mode } = createSnapshotRetriever({ snapshot, embedder, tunables: config.tunables });
      if (embedder !== undefined && mode !== 'hybrid') {
        logger.warn({ snapshotId: snapshot.id, modelId: embedder.modelId }, 'index snapshot has no vectors of the embedding model: serving lexical-only until "troly index" is run');
      }
      const assistant = createAssistant({ retriever, prompts, tunables: config.tunables, documents: snapshot.store, logger, ...(chatModel ? { chatModel } : {}) });
      return { snapshot, retriever, assistant, mode, inFlight: 0, retired: false };
    } catch (error) {
      snapshot.close();
      throw error;
    }
  };

  let current = serve(openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding }));
  let reloading: Promise<ServingInfo> | undefined;
  const swap = async (): Promise<ServingInfo> => {
    const next = serve(await openSnapshotAsync({ dataDir: config.dataDir, tunables: config.tunables, embedding }));
    const previous = current;
    current = next;
    previous.retired = true;
    if (previous.inFlight === 0) previous.snapshot.close();
    logger.info({ ...info(), previous: previous.snapshot.id }, 'switched to a new index snapshot');
    return info();
  };
  const release = (generation: Generation): void => {
    generation.inFlight -= 1;
    if (generation.retired && generation.inFlight === 0) generation.snapshot.close();
  };
  // Every request pins the generation it started on, so a reload never closes a store under it.
  async function withGeneration<T>(use: (generation: Generation) => Promise<T>): Promise<T> {
    const generation = current;
    generation.inFlight += 1;
    try {
      return await use(generation);
    } finally {
      release(generation);
    }
  }
  const info = (): ServingInfo => ({
    snapshotId: current.snapshot.id,
    createdAt: current.snapshot.manifest.createdAt,
    documents: current.snapshot.manifest.counts.documents,
    chunks: current.snapshot.manifest.counts.chunks,
    mode: current.mode,
  });
  logger.info(info(), 'index snapshot loaded');

  return {
    assistant: { ask: (options: AskOptions): Promise<Answer> => withGeneration((g) => g.assistant.ask(options)) },
    retriever: { retrieve: (options: RetrieveOptions): Promise<RetrievalResult> => withGeneration((g) => g.retriever.retrieve(options)) },
    documents: documentSourceFromStore({ store: () => current.snapshot.store, knowledgeDir: config.knowledgeDir }),
    listDocuments: () => current.snapshot.store.listDocuments(),
    info,
    reload() {
      reloading ??= swap().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
    close() {
      current.retired = true;
      if (current.inFlight === 0) current.snapshot.close();
    },
  };
}
