import { join } from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../config/errors';
import type { Embedder } from '../embed/embedder';
import { buildSnapshot, type BuildProgress, type BuildSnapshotResult } from '../index/build-snapshot';
import { EMBEDDING_CACHE_FILE } from '../index/embedding-cache';
import { createEmbeddingVectorPart } from '../index/embedding-vector-part';
import type { SnapshotManifest } from '../index/manifest';
import { formatIngestReport, INGEST_PROMPT_KEYS } from '../ingest/index';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import { EMBEDDER_PROMPT_KEYS, loadEmbedderForCommand } from './load-embedder-once';
import type { CliOutput } from './output';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';
import { indexWithJsonEvents } from './index-json';
import { rollbackWithReport, ROLLBACK_PROMPT_KEYS } from './rollback-command';

const PROMPT_KEYS = [
  'index.cli.description',
  'index.cli.option.knowledge',
  'index.cli.option.data',
  'index.start',
  'index.progress.ingest',
  'index.progress.ocr',
  'index.progress.chunk',
  'index.progress.store',
  'index.progress.lexical',
  'index.progress.vectors',
  'index.progress.rate',
  'index.eta.seconds',
  'index.eta.minutes',
  'index.progress.switch',
  'index.done',
  'index.empty',
  'index.aborted',
  'index.vectors.done',
  'index.vectors.none',
  ...EMBEDDER_PROMPT_KEYS,
  ...INGEST_PROMPT_KEYS,
  ...SNAPSHOT_ERROR_KEYS,
] as const;

const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((BAR_WIDTH * Math.min(done, total)) / total) : 0;
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
}

/** "45 giây", "3 phút 5 giây". */
function duration({ seconds, prompts }: { seconds: number; prompts: PromptCatalog }): string {
  const whole = Math.max(0, Math.round(seconds));
  return whole < 60 ? prompts.format('index.eta.seconds', { seconds: whole }) : prompts.format('index.eta.minutes', { minutes: Math.floor(whole / 60), seconds: whole % 60 });
}

/**
 * The progress line for a build event: a bar while reading, chunking and embedding (with chunks per
 * second and the time left once the model has embedded a batch), a label for each other step.
 */
export function progressLine({ progress, prompts }: { progress: BuildProgress; prompts: PromptCatalog }): string {
  const { phase, done, total } = progress;
  if (phase === 'ingest' && progress.pages !== undefined) {
    const { pages } = progress;
    return prompts.format('index.progress.ocr', { bar: bar(pages.done, pages.total), done: pages.done, total: pages.total, path: progress.path ?? '' });
  }
  if (phase === 'ingest') return prompts.format('index.progress.ingest', { bar: bar(done, total), done, total, path: progress.path ?? '' });
  if (phase === 'chunk') return prompts.format('index.progress.chunk', { bar: bar(done, total), done, total });
  if (phase === 'vectors') {
    const { chunksPerSecond = 0, etaSeconds } = progress;
    const rate = chunksPerSecond > 0 && etaSeconds !== undefined ? prompts.format('index.progress.rate', { rate: chunksPerSecond.toFixed(1), eta: duration({ seconds: etaSeconds, prompts }) }) : '';
    return prompts.format('index.progress.vectors', { bar: bar(done, total), done, total, rate });
  }
  return prompts.format(`index.progress.${phase}`);
}

/** The report line about the dense part of a new snapshot: model, chunks embedded vs cached, rate; or lexical-only. */
export function vectorsLine({ manifest, prompts }: { manifest: SnapshotManifest; prompts: PromptCatalog }): string {
  const e = manifest.embedding;
  if (e === null) return prompts.format('index.vectors.none');
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  const seconds = num(e.embedSeconds);
  const embedded = num(e.embedded);
  return prompts.format('index.vectors.done', {
    modelId: e.modelId,
    dimensions: e.dimensions,
    embedded,
    cached: num(e.cached),
    rate: seconds > 0 ? (embedded / seconds).toFixed(1) : '–',
    seconds: seconds.toFixed(1),
  });
}

/**
 * Builds a snapshot with a progress line on a terminal, then prints the ingestion report and a
 * summary. Shared by `troly index`, `troly start` and `troly serve`. With an `embedder` the
 * snapshot gets vectors (through the embedding cache in `dataDir`); without, it is lexical-only.
 * Ctrl-C stops the build between steps or model batches: the current snapshot stays, the partial
 * one is removed, embedded batches stay cached. Returns undefined (and sets exit code 1) when the
 * build failed with an error a person can act on, or nothing could be indexed.
 */
export async function indexWithReport({ knowledgeDir, dataDir, tunables, prompts, io, embedder }: {
  knowledgeDir: string;
  dataDir: string;
  tunables: Parameters<typeof buildSnapshot>[0]['tunables'];
  prompts: PromptCatalog;
  io: CliOutput;
  /** The loaded embedding model (`loadEmbedderForCommand`); undefined for a lexical-only index. */
  embedder?: Embedder | undefined;
}): Promise<BuildSnapshotResult | undefined> {
  io.out(prompts.format('index.start', { dir: knowledgeDir, dataDir }));
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('SIGINT'));
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let result: BuildSnapshotResult;
  try {
    result = await buildSnapshot({
      knowledgeDir,
      dataDir,
      tunables,
      abortSignal: controller.signal,
      onProgress: (progress) => io.progress(progressLine({ progress, prompts })),
      ...(embedder === undefined ? {} : { vectors: createEmbeddingVectorPart({ embedder, cachePath: join(dataDir, EMBEDDING_CACHE_FILE), tunables }) }),
    });
  } catch (error) {
    io.progress('');
    const explained = explainSnapshotError({ error, prompts, dataDir });
    if (explained === undefined && !isAppError(error, 'ABORTED')) throw error;
    io.error(explained ?? prompts.format('index.aborted'));
    process.exitCode = 1;
    return undefined;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  io.progress('');
  for (const line of formatIngestReport({ result: result.ingest, prompts })) io.out(line);
  if (result.manifest === null) {
    io.error(prompts.format('index.empty', { dir: knowledgeDir }));
    process.exitCode = 1;
    return undefined;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.out(prompts.format('index.done', { documents: result.manifest.counts.documents, chunks: result.manifest.counts.chunks, seconds, id: result.manifest.id }));
  io.out(vectorsLine({ manifest: result.manifest, prompts }));
  return result;
}

/** `troly index [--knowledge DIR] [--data DIR]`. */
export function registerIndexCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require([...PROMPT_KEYS, ...ROLLBACK_PROMPT_KEYS]);
  program
    .command('index')
    .description(prompts.format('index.cli.description'))
    .option('--knowledge <dir>', prompts.format('index.cli.option.knowledge'))
    .option('--data <dir>', prompts.format('index.cli.option.data'))
    .option('--json-progress', prompts.format('index.cli.option.jsonProgress'))
    .option('--rollback', prompts.format('index.cli.option.rollback'))
    .action(async (options: { knowledge?: string; data?: string; jsonProgress?: boolean; rollback?: boolean }) => {
      const config = loadConfig({ overrides: definedOnly({ TROLY_KNOWLEDGE_DIR: options.knowledge, TROLY_DATA_DIR: options.data }) });
      if (options.rollback === true) return rollbackWithReport({ dataDir: config.dataDir, tunables: config.tunables, prompts, io });
      const { embedder } = await loadEmbedderForCommand({ config, prompts, io });
      try {
        if (options.jsonProgress === true) {
          const vectors = embedder === undefined ? undefined : createEmbeddingVectorPart({ embedder, cachePath: join(config.dataDir, EMBEDDING_CACHE_FILE), tunables: config.tunables });
          await indexWithJsonEvents({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io, vectors });
        } else {
          await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io, embedder });
        }
      } finally {
        await embedder?.dispose();
      }
    });
}
