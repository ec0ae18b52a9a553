import type { Command } from 'commander';
import type { Config } from '../config/config';
import { describeError } from '../config/errors';
import { DEFAULT_MODEL_HOST, downloadModel, ModelDownloadError } from '../embed/model-download';
import { inspectModelFolder, listInstalledModels } from '../embed/model-files';
import { prefixesFor } from '../embed/model-prefixes';
import { describeModelUnavailable } from '../embed/model-unavailable';
import { loadEmbedder } from '../embed/transformers-embedder';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';

/** Prompt keys of this command; checked when the command is registered. */
const PROMPT_KEYS = [
  'model.cli.description',
  'model.cli.check.description',
  'model.cli.pull.description',
  'model.cli.argument.id',
  'model.cli.option.dtype',
  'model.cli.option.modelsDir',
  'model.cli.option.host',
  'model.cli.option.timeout',
  'model.check.dir',
  'model.check.installed',
  'model.check.installedItem',
  'model.check.installedNoWeights',
  'model.check.noneInstalled',
  'model.check.checking',
  'model.check.filePresent',
  'model.check.fileMissing',
  'model.check.ok',
  'model.check.noPrefix',
  'model.pull.start',
  'model.pull.progress',
  'model.pull.fileDone',
  'model.pull.done',
  'model.pull.unreachable',
  'model.pull.timeout',
  'model.pull.notFound',
  'model.pull.http',
  'model.pull.aborted',
  'model.pull.invalid',
  'model.unavailable.missing',
  'model.unavailable.invalid',
] as const;

type Translate = (key: string, vars?: Record<string, string | number>) => string;

interface ModelOptions {
  dtype?: string;
  modelsDir?: string;
}

const BYTES = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${BYTES.format(value)} ${units[unit]}`;
}

/** `troly model check [id]` and `troly model pull [id]`. */
export function registerModelCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require(PROMPT_KEYS);
  const t: Translate = (key, vars) => prompts.format(key, vars);
  const configFor = (options: ModelOptions): Config => loadConfig({ overrides: definedOnly({ TROLY_MODELS_DIR: options.modelsDir, TROLY_EMBEDDING_DTYPE: options.dtype }) });
  const model = program.command('model').description(t('model.cli.description')).helpCommand(false);

  model
    .command('check')
    .description(t('model.cli.check.description'))
    .argument('[id]', t('model.cli.argument.id'))
    .option('--dtype <dtype>', t('model.cli.option.dtype'))
    .option('--models-dir <dir>', t('model.cli.option.modelsDir'))
    .action(async (id: string | undefined, options: ModelOptions) => {
      const config = configFor(options);
      const modelId = id ?? config.embedding.modelId;
      const dtype = config.embedding.dtype;
      io.out(t('model.check.dir', { path: config.modelsDir }));
      const installed = listInstalledModels({ modelsDir: config.modelsDir });
      io.out(installed.length === 0 ? t('model.check.noneInstalled') : t('model.check.installed'));
      for (const m of installed) {
        io.out(m.dtypes.length === 0 ? t('model.check.installedNoWeights', { modelId: m.modelId }) : t('model.check.installedItem', { modelId: m.modelId, dtypes: m.dtypes.join(', ') }));
      }
      const folder = inspectModelFolder({ modelsDir: config.modelsDir, modelId, dtype });
      io.out(t('model.check.checking', { modelId, dtype, path: folder.path }));
      for (const file of folder.files) {
        io.out(file.bytes === undefined ? t('model.check.fileMissing', { name: file.name }) : t('model.check.filePresent', { name: file.name, size: formatBytes(file.bytes) }));
      }
      const started = performance.now();
      const { embedder, reason } = await loadEmbedder({ modelsDir: config.modelsDir, modelId, dtype, batchSize: config.tunables.embedBatchSize });
      if (embedder === undefined) {
        io.error(describeModelUnavailable({ prompts, reason }));
        process.exitCode = 1;
        return;
      }
      const ms = Math.round(performance.now() - started);
      await embedder.dispose();
      const prefixes = prefixesFor({ modelId });
      const shown = (prefix: string) => (prefix === '' ? t('model.check.noPrefix') : JSON.stringify(prefix));
      io.out(t('model.check.ok', { dimensions: embedder.dimensions, ms, queryPrefix: shown(prefixes.query), passagePrefix: shown(prefixes.passage) }));
    });

  model
    .command('pull')
    .description(t('model.cli.pull.description'))
    .argument('[id]', t('model.cli.argument.id'))
    .option('--dtype <dtype>', t('model.cli.option.dtype'))
    .option('--models-dir <dir>', t('model.cli.option.modelsDir'))
    .option('--host <url>', t('model.cli.option.host'), DEFAULT_MODEL_HOST)
    .option('--timeout <seconds>', t('model.cli.option.timeout'), '10')
    .action(async (id: string | undefined, options: ModelOptions & { host: string; timeout: string }) => {
      const config = configFor(options);
      const modelId = id ?? config.embedding.modelId;
      const dtype = config.embedding.dtype;
      const seconds = Number(options.timeout) > 0 ? Number(options.timeout) : 10;
      const path = inspectModelFolder({ modelsDir: config.modelsDir, modelId, dtype }).path;
      io.out(t('model.pull.start', { modelId, dtype, host: options.host, path }));
      try {
        const { files } = await downloadModel({
          modelsDir: config.modelsDir,
          modelId,
          dtype,
          host: options.host,
          connectTimeoutMs: seconds * 1000,
          stallTimeoutMs: seconds * 3000,
          onProgress: ({ file, receivedBytes, totalBytes }) => io.progress(t('model.pull.progress', { file, received: formatBytes(receivedBytes), total: formatBytes(totalBytes) })),
        });
        io.progress('');
        for (const file of files) io.out(t('model.pull.fileDone', { file: file.name, size: formatBytes(file.bytes) }));
      } catch (error) {
        io.progress('');
        io.error(explainDownloadError({ error, t, modelId, host: options.host, path, seconds }));
        process.exitCode = 1;
        return;
      }
      const { embedder, reason } = await loadEmbedder({ modelsDir: config.modelsDir, modelId, dtype });
      if (embedder === undefined) {
        io.error(t('model.pull.invalid', { modelId, detail: reason.message }));
        process.exitCode = 1;
        return;
      }
      await embedder.dispose();
      io.out(t('model.pull.done', { modelId, dimensions: embedder.dimensions }));
    });
}

function explainDownloadError({ error, t, modelId, host, path, seconds }: {
  error: unknown;
  t: Translate;
  modelId: string;
  host: string;
  path: string;
  seconds: number;
}): string {
  if (!(error instanceof ModelDownloadError)) return t('model.pull.http', { url: host, detail: describeError(error) });
  switch (error.failure) {
    case 'unreachable':
      return t('model.pull.unreachable', { host, modelId, path, detail: error.detail });
    case 'timeout':
      return t('model.pull.timeout', { host, modelId, path, seconds });
    case 'not-found':
      return t('model.pull.notFound', { url: error.url });
    case 'aborted':
      return t('model.pull.aborted', { modelId });
    case 'http':
      return t('model.pull.http', { url: error.url, detail: error.message });
  }
}
