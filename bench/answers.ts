/**
 * Answer benchmark: `npm run bench:answers [-- --set FILE --out DIR]`. Indexes the documents of the
 * realistic set (bench/answers/realistic-corpus.md: knowledge/, the ALQAC 2023 laws, a Zalo 2021
 * sample) into one temporary data folder with the real pipeline, asks every question of
 * bench/answers/realistic.jsonl through the serving pipeline, grades each answer mechanically
 * (bench/answers-grade.ts) beside two references (the top passage and the top three passages,
 * quoted whole), and reports the tune and report halves apart. Writes bench/results/answers.md and
 * answers.json (with per-question records: grades, confidence, answerability features).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLivePipeline } from '../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { buildSnapshot } from '../src/index/build-snapshot';
import { loadPrompts } from '../src/prompts/catalog';
import { renderAnswersReport, summariseSplit, type AnswersReport } from './answers-report';
import { runQuestions, type AnswerRecord } from './answers-run';
import { CORPORA, DEFAULT_CORPUS_LIST, DEFAULT_ROOTS, DEFAULT_SET, parseCorpusList, realisticQuestionSchema, type RealisticQuestion } from './answers-set-check';

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: DEFAULT_SET },
    'corpus-list': { type: 'string', default: DEFAULT_CORPUS_LIST },
    out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results') },
    /** Answer every question (refusalThreshold 0): the labels the answerability model is fitted on. */
    'answer-all': { type: 'boolean', default: false },
  },
});

function readSet(path: string): RealisticQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = realisticQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** One flat knowledge folder with every listed document (and its metadata sidecar, when it has one). */
function fillCorpus(dir: string, listPath: string): void {
  const lists = parseCorpusList(readFileSync(listPath, 'utf8'));
  for (const corpus of CORPORA) {
    for (const file of lists[corpus]) {
      const from = join(DEFAULT_ROOTS[corpus], file);
      copyFileSync(from, join(dir, file));
      if (existsSync(`${from}.meta.json`)) copyFileSync(`${from}.meta.json`, join(dir, `${file}.meta.json`));
    }
  }
}

const questions = readSet(args.set);
const root = mkdtempSync(join(tmpdir(), 'troly-bench-answers-'));
let records: AnswerRecord[];
let corpus: AnswersReport['corpus'];
try {
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir);
  fillCorpus(knowledgeDir, args['corpus-list']);
  // Defaults only: the benchmark measures the shipped tunables, not the operator's environment.
  const config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, ...(args['answer-all'] ? { TROLY_REFUSAL_THRESHOLD: '0' } : {}) } });
  const prompts = loadPrompts({ dir: config.promptsDir });
  await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
  const pipeline = openLivePipeline({ config, prompts });
  try {
    await pipeline.assistant.ask({ question: 'khởi động' }); // warm-up, not timed
    records = await runQuestions({ pipeline, questions });
    const info = pipeline.info();
    corpus = { documents: info.documents, chunks: info.chunks, mode: info.mode };
  } finally {
    pipeline.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const report = records.filter((r) => r.question.split === 'report');
const kinds = [...new Set(report.map((r) => (r.question.answerable ? r.question.kind : `unanswerable: ${r.question.nearMiss}`)))].sort();
const notesPath = resolve(PROJECT_ROOT, 'bench/answers-notes.md');
const result: AnswersReport = {
  generatedAt: new Date().toISOString(),
  command: args['answer-all'] ? 'npm run bench:answers -- --answer-all' : 'npm run bench:answers',
  set: `bench/answers/realistic.jsonl (${questions.length} questions)`,
  corpus,
  splits: [summariseSplit(records, 'tune'), summariseSplit(records, 'report')],
  byKind: kinds.map((kind) => {
    const of = report.filter((r) => (r.question.answerable ? r.question.kind : `unanswerable: ${r.question.nearMiss}`) === kind);
    const answerable = of.filter((r) => r.question.answerable);
    const unanswerable = of.filter((r) => !r.question.answerable);
    return {
      kind,
      questions: of.length,
      good: answerable.length === 0 ? 0 : answerable.filter((r) => r.grades.assistant === 'GOOD').length / answerable.length,
      refused: unanswerable.length === 0 ? 0 : unanswerable.filter((r) => r.grades.assistant === 'REFUSED').length / unanswerable.length,
    };
  }),
  misses: report
    .filter((r) => r.grades.assistant !== 'GOOD' && r.grades.assistant !== 'REFUSED')
    .map((r) => ({ id: r.question.id, grade: r.grades.assistant, question: r.question.question, preview: r.preview, confidence: r.confidence })),
  // Hand-written analysis lives beside the generated numbers: every "- " line of the notes file.
  notes: existsSync(notesPath) ? readFileSync(notesPath, 'utf8').split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2)) : [],
};
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'answers.md'), renderAnswersReport(result));
const perQuestion = records.map((r) => ({
  id: r.question.id,
  split: r.question.split,
  corpus: r.question.corpus,
  answerable: r.question.answerable,
  grades: r.grades,
  answered: r.answered,
  flagged: r.flagged,
  confidence: Number(r.confidence.toFixed(4)),
  ms: Number(r.ms.toFixed(2)),
  ...(r.features === undefined ? {} : { features: r.features }),
  ...(args['answer-all'] ? { text: r.text } : {}),
}));
writeFileSync(join(args.out, 'answers.json'), `${JSON.stringify({ ...result, perQuestion }, null, 2)}\n`);
process.stdout.write(renderAnswersReport(result));
