import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Answer, Assistant, Turn } from '../answer/types';
import { openLivePipeline } from '../app/live-pipeline';
import { documentLink } from '../bot/document-link';
import type { Config } from '../config/config';
import { describeError, isAppError } from '../config/errors';
import { createLogger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliContext } from './commands';
import { definedOnly } from './config-overrides';
import { ensureSnapshot, ENSURE_SNAPSHOT_PROMPT_KEYS } from './ensure-snapshot';
import { EMBEDDER_PROMPT_KEYS, loadEmbedderForCommand } from './load-embedder-once';
import type { CliOutput } from './output';
import { SINGLE_QUESTION_ID } from './search-command';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

const PROMPT_KEYS = [
  'ask.cli.description',
  'ask.cli.argument.question',
  'ask.cli.option.data',
  'ask.cli.option.knowledge',
  'ask.cli.option.noIndex',
  'ask.cli.option.json',
  'ask.cli.option.queries',
  'ask.noQuestion',
  'ask.queriesNeedJson',
  'ask.queriesAndQuestion',
  'ask.queriesUnreadable',
  'ask.line.notJson',
  'ask.line.invalid',
  'ask.line.tooLong',
  'ask.line.failed',
  'ask.someFailed',
  'ask.sources',
  'ask.citation',
  'ask.citation.docNumber',
  'ask.citation.scanned',
  'ask.citation.passage',
  'ask.citation.url',
  'ask.confidence',
  'answer.refusal.suggestionsIntro',
  'answer.suggestion',
  'answer.understoodAs',
  ...ENSURE_SNAPSHOT_PROMPT_KEYS,
  ...EMBEDDER_PROMPT_KEYS,
  ...SNAPSHOT_ERROR_KEYS,
] as const;

/** One line of a `--queries` file. */
const queryLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  question: z.string().trim().min(1),
  history: z.array(z.object({ question: z.string(), answer: z.string().optional() })).optional(),
});

/**
 * One output line of `troly ask --json`: exactly these fields; `docNumber` null when the document
 * has none; `understoodAs` only when the question was completed from its history or corrected.
 */
export interface AskJsonLine {
  id: string | number;
  understoodAs?: string;
  answer: string;
  grounded: boolean;
  confidence: number;
  citations: Array<{ n: number; docId: string; title: string; docNumber: string | null; locator: string; passage: string; url: string }>;
}

/** The output line for an input line that could not be answered: its id when it had one, the 1-based line, why. */
export interface AskErrorLine {
  id: string | number | null;
  line?: number;
  error: string;
}

/** A question to answer, or the error line to print in its place. */
type Job = { id: string | number; question: string; history: Turn[]; line?: number } | { error: AskErrorLine };

export function answerToJson(id: string | number, answer: Answer): AskJsonLine {
  return {
    id,
    ...(answer.understoodAs === undefined ? {} : { understoodAs: answer.understoodAs }),
    answer: answer.text,
    grounded: answer.grounded,
    confidence: Number(answer.confidence.toFixed(4)),
    citations: answer.citations.map((c) => ({ n: c.n, docId: c.docId, title: c.title, docNumber: c.docNumber ?? null, locator: c.locator, passage: c.passage, url: documentLink({ docId: c.docId, chunkId: c.chunkId }) })),
  };
}

/** The answer for a person: its text, then the numbered sources (title, số hiệu, locator, quoted passage, link) and the confidence. */
export function formatAnswer({ answer, prompts }: { answer: Answer; prompts: PromptCatalog }): string[] {
  const lines = answer.understoodAs === undefined ? [] : [prompts.format('answer.understoodAs', { question: answer.understoodAs }), ''];
  lines.push(answer.text);
  // A refusal says why and what to read instead; its confidence would only confuse.
  if (!answer.grounded) {
    const suggestions = answer.suggestions ?? [];
    if (suggestions.length > 0) lines.push('', prompts.format('answer.refusal.suggestionsIntro'), ...suggestions.map((s) => prompts.format('answer.suggestion', { title: s.title })));
    return lines;
  }
  if (answer.citations.length > 0) {
    lines.push('', prompts.format('ask.sources'));
    for (const c of answer.citations) {
      const docNumber = c.docNumber === undefined ? '' : prompts.format('ask.citation.docNumber', { docNumber: c.docNumber });
      const locator = c.scanned === true ? `${c.locator}${prompts.format('ask.citation.scanned')}` : c.locator;
      lines.push(prompts.format('ask.citation', { n: c.n, title: c.title, docNumber, locator }));
      lines.push(prompts.format('ask.citation.passage', { passage: c.passage.replace(/\s*\n\s*/g, ' ') }));
      lines.push(prompts.format('ask.citation.url', { url: documentLink({ docId: c.docId, chunkId: c.chunkId }) }));
    }
  }
  lines.push('', prompts.format('ask.confidence', { confidence: answer.confidence.toFixed(2) }));
  return lines;
}

/** Every non-blank line of a `--queries` file as a job; a line that is not a valid query becomes its error line. */
export function parseQueries({ text, prompts, maxQuestionChars, historyTurns }: { text: string; prompts: PromptCatalog; maxQuestionChars: number; historyTurns: number }): Job[] {
  const jobs: Job[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      jobs.push({ error: { id: null, line, error: prompts.format('ask.line.notJson', { line }) } });
      continue;
    }
    const parsed = queryLineSchema.safeParse(value);
    if (!parsed.success) {
      jobs.push({ error: { id: idOf(value), line, error: prompts.format('ask.line.invalid', { line }) } });
      continue;
    }
    const { id, question, history = [] } = parsed.data;
    if (question.length > maxQuestionChars) {
      jobs.push({ error: { id, line, error: prompts.format('ask.line.tooLong', { length: question.length, max: maxQuestionChars }) } });
      continue;
    }
    // As the bot does: only the last `historyTurns` exchanges are passed on.
    const turns = history.slice(Math.max(0, history.length - historyTurns)).map((t): Turn => (t.answer === undefined ? { question: t.question } : { question: t.question, answer: t.answer }));
    jobs.push({ id, question, history: turns, line });
  }
  return jobs;
}

/** The id of an invalid line, when it has a usable one, so the error can be matched to its question. */
function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** Answers every job in order; returns how many produced an error line. */
async function answerJobs({ jobs, assistant, json, prompts, io }: { jobs: readonly Job[]; assistant: Assistant; json: boolean; prompts: PromptCatalog; io: CliOutput }): Promise<number> {
  let failed = 0;
  for (const job of jobs) {
    if ('error' in job) {
      failed += 1;
      if (json) io.out(JSON.stringify(job.error));
      else io.error(job.error.error);
      continue;
    }
    try {
      const answer = await assistant.ask({ question: job.question, history: job.history });
      if (json) io.out(JSON.stringify(answerToJson(job.id, answer)));
      else for (const line of formatAnswer({ answer, prompts })) io.out(line);
    } catch (error) {
      failed += 1;
      const message = prompts.format('ask.line.failed', { detail: describeError(error) });
      if (json) io.out(JSON.stringify({ id: job.id, ...(job.line === undefined ? {} : { line: job.line }), error: message } satisfies AskErrorLine));
      else io.error(message);
    }
  }
  return failed;
}

interface AskOptions {
  data?: string;
  knowledge?: string;
  index?: boolean;
  json?: boolean;
  queries?: string;
}

/**
 * `troly ask [--data DIR] [--json] "question"` and `troly ask [--data DIR] --json --queries FILE.jsonl`:
 * the answer the bot would give — same serving pipeline (`openLivePipeline` with the installed
 * embedding model, if any), same refusal, same follow-up handling of `history`, over the snapshot
 * a running bot would serve. When there is no usable index it builds one first (`--no-index`: never).
 * With `--json`, stdout carries only answer lines; notices and index progress go to stderr. Exit
 * code 0 when every question got an answer or a refusal, 1 when the index is unusable or some line
 * could not be answered, 2 for a usage error.
 */
export function registerAskCommand(program: Command, { prompts, io, loadConfig }: CliContext): void {
  prompts.require(PROMPT_KEYS);
  program
    .command('ask')
    .description(prompts.format('ask.cli.description'))
    .argument('[question...]', prompts.format('ask.cli.argument.question'))
    .option('--data <dir>', prompts.format('ask.cli.option.data'))
    .option('--knowledge <dir>', prompts.format('ask.cli.option.knowledge'))
    .option('--no-index', prompts.format('ask.cli.option.noIndex'))
    .option('--json', prompts.format('ask.cli.option.json'))
    .option('--queries <file>', prompts.format('ask.cli.option.queries'))
    .action(async (words: string[], options: AskOptions) => {
      const question = words.join(' ').trim();
      const json = options.json === true;
      if (options.queries !== undefined && !json) return fail(prompts.format('ask.queriesNeedJson'));
      if (options.queries !== undefined && question !== '') return fail(prompts.format('ask.queriesAndQuestion'));
      if (options.queries === undefined && question === '') return fail(prompts.format('ask.noQuestion'));
      let text: string | undefined;
      if (options.queries !== undefined) {
        try {
          text = readFileSync(options.queries, 'utf8');
        } catch {
          return fail(prompts.format('ask.queriesUnreadable', { file: options.queries }));
        }
      }
      const config = loadConfig({ overrides: definedOnly({ TROLY_DATA_DIR: options.data, TROLY_KNOWLEDGE_DIR: options.knowledge }) });
      const { maxQuestionChars, historyTurns } = config.tunables;
      const jobs: Job[] =
        text === undefined
          ? [question.length > maxQuestionChars ? { error: { id: SINGLE_QUESTION_ID, error: prompts.format('ask.line.tooLong', { length: question.length, max: maxQuestionChars }) } } : { id: SINGLE_QUESTION_ID, question, history: [] }]
          : parseQueries({ text, prompts, maxQuestionChars, historyTurns });
      // In JSON mode stdout is for answer lines only: everything else a command may say goes to stderr.
      const notices: CliOutput = json ? { out: io.error, error: io.error, isTTY: false, progress: () => {} } : io;
      const failed = await withAssistant({ config, prompts, io: notices, index: options.index !== false }, (assistant) => answerJobs({ jobs, assistant, json, prompts, io }));
      if (failed === undefined) return;
      if (failed > 0) {
        if (json) io.error(prompts.format('ask.someFailed', { failed, total: jobs.length }));
        process.exitCode = 1;
      }
    });

  function fail(message: string, code = 2): void {
    io.error(message);
    process.exitCode = code;
  }
}

/** Snapshot errors that building a new snapshot cures. */
const REBUILDABLE = ['SNAPSHOT_MISSING', 'SNAPSHOT_INCOMPATIBLE', 'SNAPSHOT_CORRUPT'] as const;

/**
 * Runs `use` with the serving pipeline over the current snapshot, then releases it. When there is
 * no usable snapshot and `index` allows, one is built from the knowledge folder first; a usable
 * snapshot is served as it is, as a running bot would (a question never triggers a rebuild from a
 * folder that may not be the one indexed). Undefined (reason printed, exit code 1) when there is
 * nothing to serve.
 */
async function withAssistant<T>({ config, prompts, io, index }: { config: Config; prompts: PromptCatalog; io: CliOutput; index: boolean }, use: (assistant: Assistant) => Promise<T>): Promise<T | undefined> {
  const { embedder } = await loadEmbedderForCommand({ config, prompts, io });
  // Logs (LLM fallbacks, lexical-only notices) go to stderr, warnings and worse only.
  const logger = createLogger({ level: config.log.level === 'error' || config.log.level === 'silent' ? config.log.level : 'warn', destination: process.stderr });
  const open = () => openLivePipeline({ config, prompts, logger, embedder });
  try {
    let pipeline: ReturnType<typeof open>;
    try {
      pipeline = open();
    } catch (error) {
      if (index && REBUILDABLE.some((code) => isAppError(error, code))) {
        const snapshot = await ensureSnapshot({ config, prompts, io, embedder });
        if (snapshot === undefined) return undefined;
        snapshot.close();
        pipeline = open();
      } else {
        const explained = explainSnapshotError({ error, prompts, dataDir: config.dataDir });
        if (explained === undefined) throw error;
        io.error(explained);
        process.exitCode = 1;
        return undefined;
      }
    }
    try {
      return await use(pipeline.assistant);
    } finally {
      pipeline.close();
    }
  } finally {
    await embedder?.dispose();
  }
}
