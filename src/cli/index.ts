import { Command, CommanderError } from 'commander';
import { loadConfig, PROJECT_ROOT } from '../config/config';
import { describeError, isAppError } from '../config/errors';
import { loadPrompts, type PromptCatalog } from '../prompts/catalog';
import { resolve } from 'node:path';
import { registerCommands } from './commands';
import { createCliOutput, type CliOutput } from './output';

/**
 * `troly` — the command line. Exports `run(argv)` so tests can call it in-process; it sets
 * `process.exitCode` and never calls `process.exit`. Help texts come from `prompts/cli.json`, in
 * Vietnamese and English.
 */
export async function run(argv: readonly string[], io: CliOutput = createCliOutput()): Promise<number> {
  let prompts: PromptCatalog;
  try {
    prompts = loadPrompts({ dir: process.env.TROLY_PROMPTS_DIR ?? resolve(PROJECT_ROOT, 'prompts') });
  } catch (error) {
    io.error(describeError(error));
    process.exitCode = 2;
    return 2;
  }
  const program = new Command('troly')
    .description(prompts.format('cli.description'))
    .helpOption('-h, --help', prompts.format('cli.help'))
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.error(s.trimEnd()) })
    .showHelpAfterError();
  const context = { prompts, io, loadConfig };
  registerCommands(program, context);
  let code = 0;
  try {
    await program.parseAsync([...argv]);
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      code = error.exitCode;
    } else {
      io.error(isAppError(error) ? describeError(error) : `${describeError(error)}\n${(error as Error).stack ?? ''}`);
      code = 1;
    }
  }
  process.exitCode = code;
  return code;
}
