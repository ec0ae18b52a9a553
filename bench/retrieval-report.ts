import type { EngineRow } from './retrieval-memory';
import type { BenchModel } from './retrieval-model';
import type { SweepRow } from './retrieval-sweep';

export interface RetrievalReport {
  createdAt: string;
  command: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  corpus: { lawsDir: string; documents: number; chunks: number; questions: number };
  pipeline: { ingestMs: number; chunkMs: number; storeAndIndexMs: number; totalBuildMs: number; snapshotLoadMs: number; lexicalBytes: number };
  model: BenchModel & { measured: boolean; run?: Record<string, unknown> };
  tunables: Record<string, number | string>;
  rows: EngineRow[];
  /** Engines whose child process failed, with the reason. */
  failures: string[];
  sweep: SweepRow[];
  confidence: { devMedian: number; devP10: number; offTopicMedian: number; offTopicP90: number; refusalThreshold: number; devRefused: number; offTopicAccepted: number; offTopicCount: number };
  notes: string[];
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const mb = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(0));
const label = (v: 'accented' | 'folded') => (v === 'accented' ? 'as written' : 'no diacritics');

function modelSection(m: RetrievalReport['model']): string[] {
  if (m.status === 'none') {
    return [
      `**No embedding model is installed**: \`${m.path}\` lacks ${m.missing.join(', ')}. Dense-only and hybrid rows, and weighted fusion vs RRF, were NOT measured; every number below is lexical.`,
      `To measure them: \`npx troly model pull ${m.modelId}\` on a machine with internet, copy the folder to \`${m.path}\`, rerun \`npm run bench:retrieval\`.`,
    ];
  }
  if (m.status === 'test-model' && !m.measured) {
    return [`The model in \`${m.path}\` is the project's generated tiny test model (no hidden layer): dense and hybrid rows were NOT measured, its numbers would mean nothing.`];
  }
  const run = m.run ?? {};
  const num = (k: string) => (typeof run[k] === 'number' ? (run[k] as number) : Number.NaN);
  return [
    `${m.status === 'test-model' ? '**TINY TEST MODEL — the dense and hybrid numbers below exercise the code path only and mean nothing about retrieval quality.** ' : ''}Embedding model: \`${m.modelId}\` (${m.dtype}, ${String(run.dimensions ?? '?')} dimensions) from \`${m.path}\`; load ${ms(num('modelLoadMs'))} ms; ${String(run.embedded ?? '?')} passages embedded in ${ms(num('embedMs') / 1000)} s (${num('passagesPerSecond').toFixed(1)} passages/s); HNSW build ${ms(num('hnswMs'))} ms.`,
  ];
}

function denseConfidenceLines(m: RetrievalReport['model']): string[] {
  const c = m.run?.confidence as
    | { floor: number; ceiling: number; refusalThreshold: number; devTopCosine: { p10: number; median: number }; offTopicTopCosine: { median: number; p90: number }; devConfidence: { p10: number; median: number }; offTopicConfidence: { median: number; p90: number }; devRefused: number; offTopicAccepted: number; offTopicCount: number }
    | undefined;
  if (c === undefined) return [];
  return [
    '## Confidence (hybrid, shipped fusion, top passage)',
    '',
    `Top-passage cosine: dev median ${f3(c.devTopCosine.median)} (10th percentile ${f3(c.devTopCosine.p10)}); off-topic median ${f3(c.offTopicTopCosine.median)} (90th percentile ${f3(c.offTopicTopCosine.p90)}). Dense confidence maps cosine ${c.floor} → 0 and ${c.ceiling} → 1 (tunables denseConfidenceFloor/Ceiling).`,
    `Hybrid confidence = max(lexical coverage, dense confidence): dev median ${f3(c.devConfidence.median)}, 10th percentile ${f3(c.devConfidence.p10)}; off-topic median ${f3(c.offTopicConfidence.median)}, 90th percentile ${f3(c.offTopicConfidence.p90)}. At refusalThreshold ${c.refusalThreshold}: ${c.devRefused} dev questions refused, ${c.offTopicAccepted} of ${c.offTopicCount} off-topic accepted.`,
    '',
  ];
}

/** The Markdown form of the report (bench/results/retrieval.md). */
export function renderReport(r: RetrievalReport): string {
  const quality = r.rows.flatMap((e) =>
    (['accented', 'folded'] as const).map((v) => {
      const s = e[v];
      return `| ${e.engine} | ${label(v)} | ${f3(s.recallAt1)} | ${f3(s.recallAt5)} | ${f3(s.recallAt10)} | ${f3(s.mrrAt10)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} |`;
    }),
  );
  const costs = r.rows.map((e) => `| ${e.engine} | ${ms(e.buildMs)} | ${mb(e.memory?.heapMB)} | ${mb(e.memory?.rssMB)} | ${mb(e.memory?.peakRssMB)} |`);
  const shipped = r.rows.find((e) => e.engine.includes('lexical only'));
  const c = r.confidence;
  return [
    '# Retrieval benchmark (ALQAC 2023 dev, article level)',
    '',
    `Generated ${r.createdAt} by \`${r.command}\` on ${r.machine.cpus} cores, Node ${r.machine.node} (load average at the end ${r.machine.loadAverage.join(' / ')}).`,
    `Corpus: ${r.corpus.documents} laws from \`${r.corpus.lawsDir}\`, ${r.corpus.chunks} chunks (real ingest + chunker), ${r.corpus.questions} questions, each with one relevant article.`,
    'Every engine gets the same chunks (text + heading: document title and heading path) and the same questions, as written and with diacritics removed; each returns 50 chunks; a chunk counts for (law, article) when its document title equals the law and its locator starts with `Điều N` exactly; chunks of one article count once (at the first rank).',
    '',
    ...modelSection(r.model),
    '',
    '## Quality and query latency',
    '',
    '| engine | questions | R@1 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...quality,
    '',
    'Latency: this project\'s rows are `Retriever.retrieve` end to end (query analysis, search, reading 50 chunks from the SQLite store, confidence; dense and hybrid rows include embedding the question); the libraries\' rows are their search call alone.',
    '"our tokenizer" = `src/text` syllables + syllable bigrams, accent-free (`vietnameseTokens` in bench/retrieval-peers.ts), given to the library as its tokenizer for documents and queries; "default tokenizer" = the library as installed.',
    '',
    '## Index build and memory',
    '',
    '| engine | build ms | heap MB | RSS MB | peak RSS MB |',
    '| --- | --- | --- | --- | --- |',
    ...costs,
    '',
    'Method: each engine runs in its own Node process (`node --expose-gc --import tsx bench/retrieval-child.ts`), after the corpus is loaded. build = constructing the index from the prepared chunks (tokenising included; dense: embedding every passage + HNSW). heap = V8 heap + external memory after the build and a forced GC, minus the same before it (what the index keeps alive in JS). RSS = resident set after the build minus before (includes native memory: SQLite, onnxruntime, hnswlib — and heap V8 has not returned yet). peak RSS = the process\'s peak resident set (getrusage maxrss) after all queries, minus the resident set before the build.',
    `Full pipeline (buildSnapshot, lexical): ingest ${ms(r.pipeline.ingestMs)} ms, chunk ${ms(r.pipeline.chunkMs)} ms, store + lexical index + switch ${ms(r.pipeline.storeAndIndexMs)} ms, total ${ms(r.pipeline.totalBuildMs)} ms; openSnapshot ${ms(r.pipeline.snapshotLoadMs)} ms; lexical index file ${(r.pipeline.lexicalBytes / 1e6).toFixed(1)} MB.`,
    ...(r.failures.length === 0 ? [] : ['', `Engines that failed: ${r.failures.join('; ')}.`]),
    '',
    ...(shipped === undefined
      ? []
      : [`Questions whose article the shipped lexical engine does not rank in the top 5: ${(['accented', 'folded'] as const).map((v) => `${label(v)}: ${shipped.misses[v].join(', ') || 'none'}`).join('; ')}.`, '']),
    ...(r.sweep.length === 0
      ? []
      : [
          '## Sensitivity of the shipped BM25F (one tunable changed at a time)',
          '',
          '| change | R@5 | MRR@10 | R@5 no diacritics | MRR@10 no diacritics |',
          '| --- | --- | --- | --- | --- |',
          ...r.sweep.map((s) => `| ${s.change} | ${f3(s.accented.recallAt5)} | ${f3(s.accented.mrrAt10)} | ${f3(s.folded.recallAt5)} | ${f3(s.folded.mrrAt10)} |`),
          '',
        ]),
    '## Confidence (lexical, top passage)',
    '',
    `Dev questions: median ${f3(c.devMedian)}, 10th percentile ${f3(c.devP10)}; ${c.offTopicCount} off-topic questions (bench/retrieval-offtopic.jsonl): median ${f3(c.offTopicMedian)}, 90th percentile ${f3(c.offTopicP90)}.`,
    `At refusalThreshold ${c.refusalThreshold}: ${c.devRefused} of ${r.corpus.questions} dev questions would be refused, ${c.offTopicAccepted} of ${c.offTopicCount} off-topic questions accepted.`,
    '',
    ...denseConfidenceLines(r.model),
    '## Settings and notes',
    '',
    '```json',
    JSON.stringify(r.tunables, null, 2),
    '```',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
