import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { PromptCatalog } from '../prompts/catalog';
import { createSnapshotRetriever } from '../retrieve/snapshot-retriever';
import type { Retriever } from '../retrieve/types';
import { foldDiacritics } from '../text/index';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import { formatResults, RESULT_PROMPT_KEYS } from './format-results';
import { ensureSnapshot, ENSURE_SNAPSHOT_PROMPT_KEYS } from './ensure-snapshot';
import type { CliOutput } from './output';
import { EMBEDDER_PROMPT_KEYS, loadEmbedderForCommand } from './load-embedder-once';
import { parseK } from './parse-k';

const PROMPT_KEYS = [
  'start.cli.description',
  'start.cli.option.knowledge',
  'start.cli.option.data',
  'start.cli.option.k',
  'start.ready',
  'start.prompt',
  'start.exitWords',
  'start.bye',
  ...RESULT_PROMPT_KEYS,
  ...ENSURE_SNAPSHOT_PROMPT_KEYS,
  ...EMBEDDER_PROMPT_KEYS,
] as const;

const DEFAULT_START_K = 3;

/**
 * Reads questions line by line and prints the passages found for each, until the input ends
 * (Ctrl-D) or the user types an exit word ("thoát", with or without diacritics).
 */
export async function askLoop({ input, io, prompts, retriever, k, interactive }: {
  input: NodeJS.ReadableStream;
  io: CliOutput;
  prompts: PromptCatalog;
  retriever: Retriever;
  k: number;
  /** Show a prompt before each question (when stdin is a terminal). */
  interactive: boolean;
}): Promise<void> {
  const exitWords = new Set(prompts.format('start.exitWords').split(',').map((w) => foldDiacritics(w.trim()).toLowerCase()));
  const rl = createInterface({ input, ...(interactive ? { output: process.stdout, terminal: true } : { terminal: false }) });
  rl.setPrompt(prompts.format('start.prompt'));
  // Ctrl-C on a terminal would otherwise only pause the input and leave the loop waiting.
  rl.on('SIGINT', () => rl.close());
  if (interactive) rl.prompt();
  try {
    for await (const line of rl) {
      const question = line.trim();
      if (exitWords.has(foldDiacritics(question).toLowerCase())) break;
      if (question !== '') {
        const result = await retriever.retrieve({ query: question, k });
        for (const out of formatResults({ result, prompts })) io.out(out);
      }
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
  }
  io.out(prompts.format('start.bye'));
}

/** `troly start [--knowledge DIR] [--data DIR] [--k N]`: index if needed, then ask interactively. */
export function registerStartCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require(PROMPT_KEYS);
  program
    .command('start')
    .description(prompts.format('start.cli.description'))
    .option('--knowledge <dir>', prompts.format('start.cli.option.knowledge'))
    .option('--data <dir>', prompts.format('start.cli.option.data'))
    .option('--k <n>', prompts.format('start.cli.option.k'))
    .action(async (options: { knowledge?: string; data?: string; k?: string }) => {
      const k = parseK({ value: options.k, fallback: DEFAULT_START_K, prompts, io });
      if (k === undefined) return;
      const config = loadConfig({ overrides: definedOnly({ TROLY_KNOWLEDGE_DIR: options.knowledge, TROLY_DATA_DIR: options.data }) });
      const { embedder } = await loadEmbedderForCommand({ config, prompts, io });
      try {
        const snapshot = await ensureSnapshot({ config, prompts, io, embedder });
        if (snapshot === undefined) return;
        try {
          io.out(prompts.format('start.ready', { documents: snapshot.manifest.counts.documents, chunks: snapshot.manifest.counts.chunks }));
          const { retriever } = createSnapshotRetriever({ snapshot, embedder, tunables: config.tunables });
          await askLoop({ input: process.stdin, io, prompts, retriever, k, interactive: Boolean(process.stdin.isTTY) && io.isTTY });
        } finally {
          snapshot.close();
        }
      } finally {
        await embedder?.dispose();
      }
    });
}
