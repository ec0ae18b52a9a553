import type { Command } from 'commander';
import { childIndexLauncher, type IndexLauncher } from '../admin/child-index-launcher';
import type { Config } from '../config/config';
import type { RunningAssistantServer, StartAssistantServerOptions } from '../main';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import { ensureServableSnapshot, ENSURE_SNAPSHOT_PROMPT_KEYS } from './ensure-snapshot';
import { EMBEDDER_PROMPT_KEYS, loadEmbedderForCommand } from './load-embedder-once';

const PROMPT_KEYS = [
  'serve.cli.description',
  'serve.cli.option.port',
  'serve.cli.option.data',
  'serve.cli.option.knowledge',
  'serve.cli.option.noIndex',
  'serve.cli.option.watch',
  'serve.listening',
  'serve.stopping',
  'serve.stopped',
  ...ENSURE_SNAPSHOT_PROMPT_KEYS,
  ...EMBEDDER_PROMPT_KEYS,
] as const;

export interface ServeCommandOptions {
  /** How the server is started; tests inject one with a fake assistant. */
  start?: (options: StartAssistantServerOptions) => Promise<RunningAssistantServer>;
  /** Resolves when the server should stop; by default the first SIGINT or SIGTERM. */
  stopWhen?: () => Promise<void>;
  /** How a build before serving runs when there is no usable snapshot; a child process (`troly index --json-progress`) by default. */
  launch?: (config: Config) => IndexLauncher;
}

/** `troly serve [--port N] [--data DIR] [--knowledge DIR]`: runs the server until Ctrl-C / SIGTERM, then stops it gracefully. */
export function registerServeCommand(program: Command, { prompts, io, loadConfig }: CliContext, { start = startLazily, stopWhen = untilSignal, launch = (config) => childIndexLauncher({ config, prompts }) }: ServeCommandOptions = {}): void {
  prompts.require(PROMPT_KEYS);
  program
    .command('serve')
    .description(prompts.format('serve.cli.description'))
    .option('--port <n>', prompts.format('serve.cli.option.port'))
    .option('--data <dir>', prompts.format('serve.cli.option.data'))
    .option('--knowledge <dir>', prompts.format('serve.cli.option.knowledge'))
    .option('--no-index', prompts.format('serve.cli.option.noIndex'))
    .option('--watch', prompts.format('serve.cli.option.watch'))
    .action(async (options: { port?: string; data?: string; knowledge?: string; index?: boolean; watch?: boolean }) => {
      const config = loadConfig({
        overrides: definedOnly({ PORT: options.port, TROLY_DATA_DIR: options.data, TROLY_KNOWLEDGE_DIR: options.knowledge, TROLY_WATCH: options.watch === true ? 'true' : undefined }),
      });
      // Loaded once for the index check and the server; a missing model is said here, once.
      const embedding = await loadEmbedderForCommand({ config, prompts, io });
      try {
        let stale = false;
        if (options.index !== false) {
          // Never indexes here: a usable snapshot is served at once (rebuilt in the background when
          // knowledge/ changed); with none, a child process builds one first.
          const ready = await ensureServableSnapshot({ config, prompts, io, embedder: embedding.embedder, launch: launch(config) });
          if (ready === undefined) return;
          ready.snapshot.close();
          stale = ready.stale;
        }
        const server = await start({ config, prompts, embedding });
        io.out(prompts.format('serve.listening', { url: server.url }));
        if (stale) server.requestReindex?.();
        await stopWhen();
        io.out(prompts.format('serve.stopping'));
        await server.stop();
        io.out(prompts.format('serve.stopped'));
      } finally {
        await embedding.embedder?.dispose();
      }
    });
}

/** Loaded on use: restify and botbuilder take time to load (and restify warns about a deprecated API) for every other command. */
async function startLazily(options: StartAssistantServerOptions): Promise<RunningAssistantServer> {
  const { startAssistantServer } = await import('../main');
  return startAssistantServer(options);
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
