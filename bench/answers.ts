/**
 * Answer benchmark: `npm run bench:answers [-- --out DIR]`. Indexes the sample documents
 * (knowledge/) and the 17 ALQAC laws into temporary data folders with the real pipeline, asks every
 * question of each set through the serving pipeline (as written and without diacritics), and
 * reports key-fact / article citation, refusals, accent-free parity, time per answer, and the
 * refusal-threshold curve on a fixed tune / held-out split. Writes bench/results/answers.md + .json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openLivePipeline } from '../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { buildSnapshot } from '../src/index/build-snapshot';
import { loadPrompts } from '../src/prompts/catalog';
import { accentParity, balanced, chooseThreshold, inSplit, refusalCurve, summarise, THRESHOLDS } from './answers-metrics';
import { renderAnswersReport, type AnswersReport, type CorpusRun } from './answers-report';
import { runQuestions, type AnswerRecord } from './answers-run';
import { loadAlqacQuestions, loadSampleQuestions, type BenchQuestion } from './answers-sets';

const { values: args } = parseArgs({
  options: {
    knowledge: { type: 'string', default: resolve(PROJECT_ROOT, 'knowledge') },
    questions: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/answers/questions.jsonl') },
    laws: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/laws') },
    dev: { type: 'string', default: resolve(PROJECT_ROOT, '../shared/bench/alqac2023/questions.dev.jsonl') },
    offtopic: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/retrieval-offtopic.jsonl') },
    legal: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/answers/alqac-unanswerable.jsonl') },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
  },
});

/** Runs one corpus: build its snapshot in a temporary data folder, serve it, ask every question twice. */
async function runCorpus({ corpus, title, knowledgeDir, questions }: { corpus: CorpusRun['corpus']; title: string; knowledgeDir: string; questions: BenchQuestion[] }): Promise<{ run: CorpusRun; records: AnswerRecord[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), `troly-bench-answers-${corpus}-`));
  try {
    // Defaults only: the benchmark measures the shipped tunables, not the operator's environment.
    const config = loadConfig({ env: { TROLY_DATA_DIR: dataDir, TROLY_KNOWLEDGE_DIR: knowledgeDir } });
    const prompts = loadPrompts({ dir: config.promptsDir });
    const start = performance.now();
    await buildSnapshot({ knowledgeDir, dataDir, tunables: config.tunables });
    const buildMs = performance.now() - start;
    const pipeline = openLivePipeline({ config, prompts });
    try {
      await pipeline.assistant.ask({ question: questions[0]?.question ?? 'khởi động' }); // warm-up, not timed
      const accented = await runQuestions({ assistant: pipeline.assistant, questions, variant: 'accented' });
      const folded = await runQuestions({ assistant: pipeline.assistant, questions, variant: 'folded' });
      const sources = [...new Set(questions.filter((q) => !q.answerable).map((q) => q.source))];
      const refusedShare = (records: AnswerRecord[], source: string): number => {
        const of = records.filter((r) => r.question.source === source);
        return of.filter((r) => !r.grounded).length / Math.max(1, of.length);
      };
      const run: CorpusRun = {
        corpus,
        title,
        summaries: { accented: summarise(accented), folded: summarise(folded) },
        bySource: sources.map((source) => ({
          source,
          questions: questions.filter((q) => q.source === source).length,
          refusedAccented: refusedShare(accented, source),
          refusedFolded: refusedShare(folded, source),
        })),
        parity: accentParity(accented, folded),
        curves: { tune: refusalCurve(inSplit(accented, 'tune'), THRESHOLDS), heldOut: refusalCurve(inSplit(accented, 'held-out'), THRESHOLDS) },
        failures: {
          refused: accented.filter((r) => r.question.answerable && !r.grounded).map((r) => r.question.id),
          wrong: accented.filter((r) => r.question.answerable && r.grounded && !r.correct).map((r) => r.question.id),
          answered: accented.filter((r) => !r.question.answerable && r.grounded).map((r) => r.question.id),
        },
        buildMs,
      };
      return { run, records: [...accented, ...folded] };
    } finally {
      pipeline.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sample = await runCorpus({ corpus: 'sample', title: 'sample (knowledge/)', knowledgeDir: args.knowledge, questions: loadSampleQuestions(args.questions) });
const alqac = await runCorpus({
  corpus: 'alqac',
  title: 'ALQAC laws',
  knowledgeDir: args.laws,
  questions: loadAlqacQuestions({
    dev: args.dev,
    unanswerable: [
      { path: args.offtopic, source: 'off-topic (bench/retrieval-offtopic.jsonl)' },
      { path: args.legal, source: 'legal, outside the 17 laws' },
    ],
  }),
});
const corpora = [sample.run, alqac.run];
const choice = chooseThreshold(corpora.map((c) => c.curves.tune));
const at = THRESHOLDS.indexOf(choice.threshold);
const heldOutScore = corpora.reduce((sum, c) => sum + balanced(c.curves.heldOut[at] ?? { threshold: 0, wrongRefusals: 1, correctRefusals: 0 }), 0) / corpora.length;

const notesPath = resolve(PROJECT_ROOT, 'bench/answers-notes.md');
const report: AnswersReport = {
  generatedAt: new Date().toISOString(),
  command: 'npm run bench:answers',
  refusalThreshold: loadConfig({ env: {} }).tunables.refusalThreshold,
  choice: { ...choice, heldOutScore },
  corpora,
  // Hand-written analysis lives beside the generated numbers: every "- " line of the notes file.
  notes: existsSync(notesPath) ? readFileSync(notesPath, 'utf8').split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2)) : [],
};
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'answers.md'), renderAnswersReport(report));
const perQuestion = [...sample.records, ...alqac.records].map((r) => ({
  id: r.question.id,
  corpus: r.question.corpus,
  variant: r.variant,
  answerable: r.question.answerable,
  grounded: r.grounded,
  correct: r.correct,
  confidence: Number(r.confidence.toFixed(4)),
  support: Number(r.support.toFixed(4)),
  ms: Number(r.ms.toFixed(2)),
}));
writeFileSync(join(args.out, 'answers.json'), `${JSON.stringify({ ...report, perQuestion }, null, 2)}\n`);
process.stdout.write(`${renderAnswersReport(report)}\n`);
