import type { Command } from 'commander';
import type { loadConfig } from '../config/config';
import type { PromptCatalog } from '../prompts/catalog';
import { registerIndexCommand } from './index-command';
import { registerModelCommand } from './model-command';
import type { CliOutput } from './output';
import { registerServeCommand } from './serve-command';
import { registerAskCommand } from './ask-command';
import { registerSearchCommand } from './search-command';
import { registerStartCommand } from './start-command';

export interface CliContext {
  prompts: PromptCatalog;
  io: CliOutput;
  loadConfig: typeof loadConfig;
}

/** Every subcommand registers itself here, one file per command under `src/cli/`. */
export function registerCommands(program: Command, context: CliContext): void {
  void program;
  void context;
  registerModelCommand(program, context);
  registerServeCommand(program, context);
  registerIndexCommand(program, context);
  registerSearchCommand(program, context);
  registerStartCommand(program, context);
  registerAskCommand(program, context);
}
