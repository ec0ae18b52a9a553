import type { Command } from 'commander';
import { isAppError } from '../config/errors';
import { buildSnapshot, type BuildProgress, type BuildSnapshotResult } from '../index/build-snapshot';
import { formatIngestReport, INGEST_PROMPT_KEYS } from '../ingest/index';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import type { CliOutput } from './output';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

const PROMPT_KEYS = [
  'index.cli.description',
  'index.cli.option.knowledge',
  'index.cli.option.data',
  'index.start',
  'index.progress.ingest',
  'index.progress.chunk',
  'index.progress.store',
  'index.progress.lexical',
  'index.progress.vectors',
  'index.progress.switch',
  'index.done',
  'index.empty',
  'index.aborted',
  ...INGEST_PROMPT_KEYS,
  ...SNAPSHOT_ERROR_KEYS,
] as const;

const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((BAR_WIDTH * Math.min(done, total)) / total) : 0;
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
}

/** The progress line for a build event (a bar while reading and chunking, a label for each later step). */
export function progressLine({ progress, prompts }: { progress: BuildProgress; prompts: PromptCatalog }): string {
  const { phase, done, total } = progress;
  if (phase === 'ingest') return prompts.format('index.progress.ingest', { bar: bar(done, total), done, total, path: progress.path ?? '' });
  if (phase === 'chunk') return prompts.format('index.progress.chunk', { bar: bar(done, total), done, total });
  return prompts.format(`index.progress.${phase}`);
}

/**
 * Builds a snapshot with a progress line on a terminal, then prints the ingestion report and a
 * summary. Shared by `troly index` and `troly start`. Returns undefined (and sets exit code 1) when
 * the build failed with an error a person can act on, or nothing could be indexed.
 */
export async function indexWithReport({ knowledgeDir, dataDir, tunables, prompts, io }: {
  knowledgeDir: string;
  dataDir: string;
  tunables: Parameters<typeof buildSnapshot>[0]['tunables'];
  prompts: PromptCatalog;
  io: CliOutput;
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
  return result;
}

/** `troly index [--knowledge DIR] [--data DIR]`. */
export function registerIndexCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require(PROMPT_KEYS);
  program
    .command('index')
    .description(prompts.format('index.cli.description'))
    .option('--knowledge <dir>', prompts.format('index.cli.option.knowledge'))
    .option('--data <dir>', prompts.format('index.cli.option.data'))
    .action(async (options: { knowledge?: string; data?: string }) => {
      const config = loadConfig({ overrides: definedOnly({ TROLY_KNOWLEDGE_DIR: options.knowledge, TROLY_DATA_DIR: options.data }) });
      await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io });
    });
}
