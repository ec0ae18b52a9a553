import type { RetrievalScores } from './retrieval-metrics';
import type { SweepRow } from './retrieval-sweep';

export interface EngineRun {
  engine: string;
  buildMs: number;
  indexBytes: number;
  loadMs: number;
  accented: RetrievalScores & { p50Ms: number; p95Ms: number };
  folded: RetrievalScores & { p50Ms: number; p95Ms: number };
}

export interface RetrievalReport {
  createdAt: string;
  command: string;
  corpus: { lawsDir: string; documents: number; chunks: number; questions: number };
  pipeline: { ingestMs: number; chunkMs: number; storeAndIndexMs: number; totalBuildMs: number; snapshotLoadMs: number };
  tunables: Record<string, number | string>;
  engines: EngineRun[];
  /** Questions of the shipped engine whose article is not in the top 5, per variant. */
  misses: Record<string, string[]>;
  sweep: SweepRow[];
  confidence: { devMedian: number; devP10: number; offTopicMedian: number; offTopicP90: number; refusalThreshold: number; devRefused: number; offTopicAccepted: number; offTopicCount: number };
  notes: string[];
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/** The Markdown form of the report (bench/results/retrieval.md). */
export function renderReport(r: RetrievalReport): string {
  const rows = r.engines.flatMap((e) =>
    (['accented', 'folded'] as const).map((v) => {
      const s = e[v];
      return `| ${e.engine} | ${v === 'accented' ? 'as written' : 'no diacritics'} | ${f3(s.recallAt1)} | ${f3(s.recallAt5)} | ${f3(s.recallAt10)} | ${f3(s.mrrAt10)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} |`;
    }),
  );
  const costs = r.engines.map((e) => `| ${e.engine} | ${ms(e.buildMs)} | ${(e.indexBytes / 1e6).toFixed(1)} | ${ms(e.loadMs)} |`);
  const c = r.confidence;
  return [
    '# Retrieval benchmark (ALQAC 2023 dev, article level)',
    '',
    `Generated ${r.createdAt} by \`${r.command}\`.`,
    `Corpus: ${r.corpus.documents} laws from \`${r.corpus.lawsDir}\`, ${r.corpus.chunks} chunks (real ingest + chunker), ${r.corpus.questions} questions, each with one relevant article.`,
    'A chunk counts for (law, article) when its document title equals the law and its locator starts with `Điều N` exactly; chunks of one article count once (at the first rank).',
    '',
    '## Quality and query latency',
    '',
    '| engine | questions | R@1 | R@5 | R@10 | MRR@10 | p50 ms | p95 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Latency of the shipped engine is `LexicalRetriever.retrieve` end to end (analysis, search, store reads, confidence), 50 chunks per query; of the others, the engine search alone.',
    '',
    '## Index cost',
    '',
    '| engine | build ms | serialised MB | load ms |',
    '| --- | --- | --- | --- |',
    ...costs,
    '',
    `Full pipeline (buildSnapshot): ingest ${ms(r.pipeline.ingestMs)} ms, chunk ${ms(r.pipeline.chunkMs)} ms, store + lexical index + switch ${ms(r.pipeline.storeAndIndexMs)} ms, total ${ms(r.pipeline.totalBuildMs)} ms; openSnapshot ${ms(r.pipeline.snapshotLoadMs)} ms.`,
    '',
    'Questions whose article the shipped engine does not rank in the top 5: ' +
      (['accented', 'folded'].map((v) => `${v === 'accented' ? 'as written' : 'no diacritics'}: ${(r.misses[v] ?? []).join(', ') || 'none'}`).join('; ')) + '.',
    '',
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
