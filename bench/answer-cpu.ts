/**
 * CPU time of one answer on one thread, without HTTP or the bot: `npx tsx bench/answer-cpu.ts --data DIR [--knowledge DIR] [--answers 150]`.
 * Opens the served pipeline over the snapshot in DIR (built beforehand with `troly index`, e.g. over
 * knowledge/ plus the ALQAC 2023 laws as bench:load does), answers 20 questions to warm up, then
 * the bench:load questions one after another, and prints the process CPU time and wall time per
 * answer, and the p50/p95 of the answer wall time and of its CPU time. On a shared machine CPU time is the steadier of
 * the two; compare checkouts back to back. `--questions FILE` times other questions (JSON lines with
 * a "question" field), e.g. the Zalo 2021 ones over a snapshot of that corpus.
 *
 * `--dump FILE` instead asks every question of bench/answers/realistic.jsonl (a follow-up with the
 * question it follows and its answer as history, as bench:answers does) and then the bench:load
 * questions, and writes each answer as one JSON line: text, sentences, notes, citations,
 * confidence, suggestions. Two checkouts' dumps over the same snapshot must be byte-identical when
 * a change is meant to preserve answers (`cmp a.jsonl b.jsonl`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Answer, Turn } from '../src/answer/types';
import { openLivePipeline, type LivePipeline } from '../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { loadPrompts } from '../src/prompts/catalog';
import { DEFAULT_SET, realisticQuestionSchema } from './answers-set-check';
import { questionSchema, readJsonl } from './retrieval-corpus';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    knowledge: { type: 'string', default: 'knowledge' },
    answers: { type: 'string', default: '150' },
    dump: { type: 'string' },
    /** JSON lines with a "question" field to time instead of the bench:load questions (e.g. ../shared/bench/zalo2021/questions.dev.jsonl). */
    questions: { type: 'string' },
  },
});
if (args.data === undefined) throw new Error('--data: the data folder of a built snapshot (troly index --data DIR --knowledge DIR)');
const count = Number(args.answers);
const config = loadConfig({ env: { TROLY_DATA_DIR: args.data, TROLY_KNOWLEDGE_DIR: args.knowledge, TROLY_MODELS_DIR: resolve(args.data, 'no-models'), TROLY_LOG_LEVEL: 'silent' } });
const questions = (
  args.questions === undefined
    ? [
        ...readJsonl(resolve(PROJECT_ROOT, 'bench/answers/questions.jsonl'), questionSchema.pick({ question: true })),
        ...readJsonl(resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl'), questionSchema.pick({ question: true })),
      ]
    : readJsonl(resolve(args.questions), questionSchema.pick({ question: true }))
).map((q) => q.question);

/** What must not change when a change only makes answering cheaper. */
function comparable(answer: Answer): unknown {
  const { text, sentences, notes, grounded, confidence, citations, suggestions, understoodAs, resolvedQuestion } = answer;
  return { text, sentences, notes, grounded, confidence, citations, suggestions, understoodAs, resolvedQuestion };
}

async function dump(pipeline: LivePipeline, file: string): Promise<void> {
  const realistic = readJsonl(DEFAULT_SET, realisticQuestionSchema);
  const given = new Map<string, string>();
  const lines: string[] = [];
  for (const q of realistic) {
    const parent = q.followUpOf === undefined ? undefined : realistic.find((p) => p.id === q.followUpOf);
    const history: Turn[] = parent === undefined ? [] : [{ question: parent.question, answer: given.get(parent.id) ?? '' }];
    const answer = await pipeline.assistant.ask({ question: q.question, history });
    given.set(q.id, answer.text);
    lines.push(JSON.stringify({ id: q.id, ...(comparable(answer) as object) }));
  }
  for (const [i, question] of questions.entries()) lines.push(JSON.stringify({ id: `load-${i}`, ...(comparable(await pipeline.assistant.ask({ question })) as object) }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} answers written to ${file}\n`);
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const pipeline = openLivePipeline({ config, prompts: loadPrompts({ dir: config.promptsDir }) });
try {
  if (args.dump !== undefined) await dump(pipeline, args.dump);
  else {
    for (const question of questions.slice(0, 20)) await pipeline.assistant.ask({ question });
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await pipeline.assistant.ask({ question: questions[(i + 20) % questions.length] ?? '' });
      const usedCpu = process.cpuUsage(startCpu);
      cpuTimes.push((usedCpu.user + usedCpu.system) / 1000);
      times.push(performance.now() - start);
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    // On a shared machine an answer's CPU time is what its wall time would be on a quiet one (one thread answers).
    process.stdout.write(
      `${count} answers: ${((used.user + used.system) / 1000 / count).toFixed(1)} ms CPU each, ${((performance.now() - wall) / count).toFixed(1)} ms wall each, ` +
        `wall p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, CPU p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(cpuTimes, 95).toFixed(1)} ms\n`,
    );
  }
} finally {
  pipeline.close();
}
