/**
 * CPU time of one answer on one thread, without HTTP or the bot: `npx tsx bench/answer-cpu.ts --data DIR [--knowledge DIR] [--answers 150]`.
 * Opens the served pipeline over the snapshot in DIR (built beforehand with `troly index`, e.g. over
 * knowledge/ plus the ALQAC 2023 laws as bench:load does), answers 20 questions to warm up, then
 * the bench:load questions one after another, and prints the process CPU time and wall time per
 * answer. On a shared machine CPU time is the steadier of the two; compare checkouts back to back.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLivePipeline } from '../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { loadPrompts } from '../src/prompts/catalog';
import { questionSchema, readJsonl } from './retrieval-corpus';

const { values: args } = parseArgs({ options: { data: { type: 'string' }, knowledge: { type: 'string', default: 'knowledge' }, answers: { type: 'string', default: '150' } } });
if (args.data === undefined) throw new Error('--data: the data folder of a built snapshot (troly index --data DIR --knowledge DIR)');
const count = Number(args.answers);
const config = loadConfig({ env: { TROLY_DATA_DIR: args.data, TROLY_KNOWLEDGE_DIR: args.knowledge, TROLY_MODELS_DIR: resolve(args.data, 'no-models'), TROLY_LOG_LEVEL: 'silent' } });
const questions = [
  ...readJsonl(resolve(PROJECT_ROOT, 'bench/answers/questions.jsonl'), questionSchema.pick({ question: true })),
  ...readJsonl(resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl'), questionSchema.pick({ question: true })),
].map((q) => q.question);
const pipeline = openLivePipeline({ config, prompts: loadPrompts({ dir: config.promptsDir }) });
try {
  for (const question of questions.slice(0, 20)) await pipeline.assistant.ask({ question });
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < count; i += 1) await pipeline.assistant.ask({ question: questions[(i + 20) % questions.length] ?? '' });
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${count} answers: ${((used.user + used.system) / 1000 / count).toFixed(1)} ms CPU each, ${((performance.now() - wall) / count).toFixed(1)} ms wall each\n`);
} finally {
  pipeline.close();
}
