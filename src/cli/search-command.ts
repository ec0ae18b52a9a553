import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { openSnapshot, type Snapshot } from '../index/open-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import { createSnapshotRetriever } from '../retrieve/snapshot-retriever';
import type { CliContext } from './commands';
import { configuredEmbedding } from './ensure-snapshot';
import { formatResults, RESULT_PROMPT_KEYS, resultsToJson } from './format-results';
import { formatUnderstanding, UNDERSTANDING_PROMPT_KEYS } from './format-understanding';
import { definedOnly } from './config-overrides';
import { EMBEDDER_PROMPT_KEYS, loadEmbedderForCommand } from './load-embedder-once';
import type { CliOutput } from './output';
import { parseK } from './parse-k';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

const PROMPT_KEYS = [
  'search.cli.description',
  'search.cli.argument.question',
  'search.cli.option.data',
  'search.cli.option.k',
  'search.cli.option.json',
  'search.cli.option.queries',
  'search.cli.option.explain',
  'search.noQuestion',
  'search.queriesNeedJson',
  'search.queriesAndQuestion',
  'search.queriesUnreadable',
  'search.queriesInvalid',
  'search.kInvalid',
  'search.noVectors',
  ...EMBEDDER_PROMPT_KEYS,
  ...RESULT_PROMPT_KEYS,
  ...UNDERSTANDING_PROMPT_KEYS,
  ...SNAPSHOT_ERROR_KEYS,
] as const;

/** The id given to a question typed on the command line in `--json` output. */
export const SINGLE_QUESTION_ID = 'q';
const DEFAULT_SEARCH_K = 5;

const queryLineSchema = z.object({ id: z.union([z.string(), z.number()]), question: z.string().min(1) });

interface SearchOptions {
  data?: string;
  k?: string;
  json?: boolean;
  queries?: string;
  explain?: boolean;
}

/** Reads the `--queries` JSONL file; undefined (with the reason printed) when a line is not `{id, question}`. */
function readQueries({ file, prompts, io }: { file: string; prompts: PromptCatalog; io: CliOutput }): Array<z.infer<typeof queryLineSchema>> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    io.error(prompts.format('search.queriesUnreadable', { file }));
    process.exitCode = 2;
    return undefined;
  }
  const queries: Array<z.infer<typeof queryLineSchema>> = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: z.ZodSafeParseResult<z.infer<typeof queryLineSchema>>;
    try {
      parsed = queryLineSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = queryLineSchema.safeParse(undefined);
    }
    if (!parsed.success) {
      io.error(prompts.format('search.queriesInvalid', { line: i + 1, file }));
      process.exitCode = 2;
      return undefined;
    }
    queries.push(parsed.data);
  }
  return queries;
}

/**
 * `troly search [--data DIR] [--k N] [--json] "question"` and
 * `troly search --json --queries FILE.jsonl`, each with `--explain` (how the question was understood:
 * documents named, corrections, expansions, scaffolding left out; in JSON as `understood`): passages from the current snapshot, for a person
 * (numbered, with title, số hiệu, locator and a snippet) or as JSON lines
 * `{"id", "results": [{docId, title, docNumber, locator, chunkId, score, text}]}`. Hybrid when the
 * snapshot has vectors of the installed embedding model, lexical-only otherwise (said once, on stderr).
 */
export function registerSearchCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require(PROMPT_KEYS);
  program
    .command('search')
    .description(prompts.format('search.cli.description'))
    .argument('[question...]', prompts.format('search.cli.argument.question'))
    .option('--data <dir>', prompts.format('search.cli.option.data'))
    .option('--k <n>', prompts.format('search.cli.option.k'))
    .option('--json', prompts.format('search.cli.option.json'))
    .option('--queries <file>', prompts.format('search.cli.option.queries'))
    .option('--explain', prompts.format('search.cli.option.explain'))
    .action(async (words: string[], options: SearchOptions) => {
      const question = words.join(' ').trim();
      if (options.queries !== undefined && options.json !== true) return fail(prompts.format('search.queriesNeedJson'));
      if (options.queries !== undefined && question !== '') return fail(prompts.format('search.queriesAndQuestion'));
      if (options.queries === undefined && question === '') return fail(prompts.format('search.noQuestion'));
      const k = parseK({ value: options.k, fallback: DEFAULT_SEARCH_K, prompts, io });
      if (k === undefined) return;
      const queries = options.queries === undefined ? [{ id: SINGLE_QUESTION_ID, question }] : readQueries({ file: options.queries, prompts, io });
      if (queries === undefined) return;
      const config = loadConfig({ overrides: definedOnly({ TROLY_DATA_DIR: options.data }) });
      const { embedder } = await loadEmbedderForCommand({ config, prompts, io });
      let snapshot: Snapshot | undefined;
      try {
        try {
          snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding: configuredEmbedding(embedder) });
        } catch (error) {
          const explained = explainSnapshotError({ error, prompts, dataDir: config.dataDir });
          if (explained === undefined) throw error;
          return fail(explained, 1);
        }
        if (embedder !== undefined && snapshot.vectors === undefined) io.error(prompts.format('search.noVectors', { id: snapshot.id, modelId: embedder.modelId }));
        const { retriever } = createSnapshotRetriever({ snapshot, embedder, tunables: config.tunables });
        for (const q of queries) {
          const result = await retriever.retrieve({ query: q.question, k });
          const explain = options.explain === true && result.understood !== undefined;
          if (options.json === true) io.out(JSON.stringify({ id: q.id, results: resultsToJson(result), ...(explain ? { understood: result.understood } : {}) }));
          else {
            if (explain && result.understood !== undefined) for (const line of formatUnderstanding({ understood: result.understood, prompts })) io.out(line);
            for (const line of formatResults({ result, prompts })) io.out(line);
          }
        }
      } finally {
        snapshot?.close();
        await embedder?.dispose();
      }
    });

  function fail(message: string, code = 2): void {
    io.error(message);
    process.exitCode = code;
  }
}
