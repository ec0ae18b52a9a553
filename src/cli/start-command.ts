import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Config } from '../config/config';
import { isAppError } from '../config/errors';
import { knowledgeFingerprint } from '../index/knowledge-fingerprint';
import { openSnapshot, type Snapshot } from '../index/open-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import { createLexicalRetriever } from '../retrieve/lexical-retriever';
import type { Retriever } from '../retrieve/types';
import { foldDiacritics } from '../text/index';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import { formatResults, RESULT_PROMPT_KEYS } from './format-results';
import { indexWithReport } from './index-command';
import type { CliOutput } from './output';
import { parseK } from './parse-k';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

const PROMPT_KEYS = [
  'start.cli.description',
  'start.cli.option.knowledge',
  'start.cli.option.data',
  'start.cli.option.k',
  'start.reindex.missing',
  'start.reindex.changed',
  'start.reindex.incompatible',
  'start.reindex.corrupt',
  'start.ready',
  'start.prompt',
  'start.exitWords',
  'start.bye',
  ...RESULT_PROMPT_KEYS,
  ...SNAPSHOT_ERROR_KEYS,
] as const;

const DEFAULT_START_K = 3;

type ReindexReason = 'missing' | 'changed' | 'incompatible' | 'corrupt';

/** Opens the current snapshot if it is usable and the knowledge folder has not changed since; otherwise says why. */
function currentSnapshot(config: Config): { snapshot: Snapshot } | { reason: ReindexReason } {
  let snapshot: Snapshot;
  try {
    snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables });
  } catch (error) {
    if (isAppError(error, 'SNAPSHOT_MISSING')) return { reason: 'missing' };
    if (isAppError(error, 'SNAPSHOT_INCOMPATIBLE')) return { reason: 'incompatible' };
    if (isAppError(error, 'SNAPSHOT_CORRUPT')) return { reason: 'corrupt' };
    throw error;
  }
  if (snapshot.manifest.knowledgeFingerprint === knowledgeFingerprint({ dir: config.knowledgeDir })) return { snapshot };
  snapshot.close();
  return { reason: 'changed' };
}

/**
 * The snapshot `troly start` serves: the current one, or a new one built first when there is none,
 * it cannot be used, or knowledge/ changed. If that build fails after a change, the previous
 * snapshot is served. Undefined (exit code set, reason printed) when there is nothing to serve.
 */
async function ensureSnapshot({ config, prompts, io }: { config: Config; prompts: PromptCatalog; io: CliOutput }): Promise<Snapshot | undefined> {
  const current = currentSnapshot(config);
  if ('snapshot' in current) return current.snapshot;
  io.out(prompts.format(`start.reindex.${current.reason}`));
  const built = await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io });
  if (built === undefined && current.reason !== 'changed') return undefined;
  try {
    const snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables });
    process.exitCode = 0;
    return snapshot;
  } catch (error) {
    const explained = explainSnapshotError({ error, prompts, dataDir: config.dataDir });
    if (explained === undefined) throw error;
    io.error(explained);
    process.exitCode = 1;
    return undefined;
  }
}

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
      const snapshot = await ensureSnapshot({ config, prompts, io });
      if (snapshot === undefined) return;
      try {
        io.out(prompts.format('start.ready', { documents: snapshot.manifest.counts.documents, chunks: snapshot.manifest.counts.chunks }));
        const retriever = createLexicalRetriever(snapshot);
        await askLoop({ input: process.stdin, io, prompts, retriever, k, interactive: Boolean(process.stdin.isTTY) && io.isTTY });
      } finally {
        snapshot.close();
      }
    });
}
