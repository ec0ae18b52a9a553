import type { ChildResult, MemoryUse } from './retrieval-memory';

export interface ScaleRun {
  result?: ChildResult;
  error?: string;
  /** Wall time of the child process (synthesis and queries included). */
  seconds: number;
}

export interface ScaleRow {
  size: number;
  lexical: ScaleRun;
  /** The shipped index (segments) on the same corpus: absent in reports from before it was measured. */
  segments?: ScaleRun;
  hnsw: ScaleRun;
  /** HNSW with the shipped efConstruction, measured at the smallest size only. */
  hnswShipped?: ScaleRun;
}

export interface ScaleReport {
  createdAt: string;
  command: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  totalSeconds: number;
  efConstruction: { scale: number; shipped: number };
  rows: ScaleRow[];
  /** The shipped index on a real knowledge folder (bench/scale-segments.ts). */
  realCorpus?: ScaleRun & { folder: string };
}

interface Update { label: string; servedMs: number; buildMs: number; buildPeakMB: number; switchMs: number; longestStallMs: number; answersDuringP95Ms: number; answersDuring: number; segments: number }

function realCorpusSection(run: (ScaleRun & { folder: string }) | undefined): string[] {
  if (run === undefined) return [];
  if (run.error !== undefined) return ['## The shipped index on a real knowledge folder', '', `${run.folder}: failed: ${run.error}`, ''];
  const x = (run.result?.extra ?? {}) as Record<string, unknown>;
  const build = x.fullBuild as { ms: number; peakMB: number } | undefined;
  const q = (k: string) => x[k] as { p50Ms: number; p95Ms: number } | undefined;
  const updates = (x.updates as Update[] | undefined) ?? [];
  return [
    '## The shipped index on a real knowledge folder',
    '',
    `${run.folder}: ${x.documents} documents, ${x.chunks} chunks. Full build ${s1(build?.ms)} s at ${build?.peakMB.toFixed(0) ?? '–'} MB peak (child process); snapshot ${mb(x.snapshotBytes as number)} MB on disk; ready ${s1(x.readyMs as number)} s after start-up (open + first answer), open ${ms2(x.openMs as number)} ms. Keyword search (k = 50) p50 / p95 ${ms2(q('search')?.p50Ms)} / ${ms2(q('search')?.p95Ms)} ms; answers p50 / p95 ${ms2(q('answer')?.p50Ms)} / ${ms2(q('answer')?.p95Ms)} ms.`,
    '',
    '| change | request → served s | build s (child) | build peak MB | switch ms | longest event-loop stall ms | answers during, p95 ms | segments |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...updates.map((u) => `| ${u.label} | ${s1(u.servedMs)} | ${s1(u.buildMs)} | ${u.buildPeakMB.toFixed(0)} | ${ms2(u.switchMs)} | ${ms2(u.longestStallMs)} | ${ms2(u.answersDuringP95Ms)} (${u.answersDuring}) | ${u.segments} |`),
    '',
  ];
}

const num = (run: ScaleRun | undefined, key: string): number | undefined => {
  const value = run?.result?.extra?.[key];
  return typeof value === 'number' ? value : undefined;
};
const s1 = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
const ms2 = (ms: number | undefined) => (ms === undefined ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1e6).toFixed(0));
const mem = (m: MemoryUse | undefined, key: keyof MemoryUse) => (m === undefined ? '–' : m[key].toFixed(0));

function serialized(run: ScaleRun): { bytes?: number; text: string } {
  const s = run.result?.extra?.serialize as { bytes?: number; ms?: number; loadMs?: number; error?: string } | undefined;
  if (s === undefined) return { text: run.error ?? '–' };
  if (s.error !== undefined) return { text: `fails: ${s.error}` };
  return { ...(s.bytes === undefined ? {} : { bytes: s.bytes }), text: `${mb(s.bytes)} MB (write ${s1(s.ms)} s, load ${s1(s.loadMs)} s)` };
}

/** The Markdown form of the scale report (bench/results/scale.md). */
/** Questions each synthetic size searched (each in every variant): read from the first measured row. */
function queriesOf(r: ScaleReport): number {
  const row = r.rows.find((x) => num(x.lexical, 'queries') !== undefined || num(x.segments, 'queries') !== undefined);
  const total = row === undefined ? undefined : (num(row.lexical, 'queries') ?? num(row.segments, 'queries'));
  return total === undefined ? 100 : total / 2;
}

export function renderScaleReport(r: ScaleReport): string {
  const lexical = r.rows.map((row) => {
    const l = row.lexical;
    if (l.error !== undefined) return `| ${row.size.toLocaleString('en')} | failed: ${l.error} | | | | | | |`;
    return `| ${row.size.toLocaleString('en')} | ${s1(num(l, 'buildMs'))} | ${ms2(num(l, 'p50Ms'))} | ${ms2(num(l, 'p95Ms'))} | ${mem(l.result?.memory, 'heapMB')} | ${mem(l.result?.memory, 'peakRssMB')} | ${serialized(l).text} | ${mb(num(l, 'storeBytes'))} (${s1(num(l, 'storeMs'))} s) |`;
  });
  const segmentRows = r.rows.flatMap((row) => {
    const g = row.segments;
    if (g === undefined) return [];
    if (g.error !== undefined) return [`| ${row.size.toLocaleString('en')} | failed: ${g.error} | | | | | | | |`];
    return [
      `| ${row.size.toLocaleString('en')} | ${s1(num(g, 'buildMs'))} | ${mem(g.result?.memory, 'peakRssMB')} | ${mb(num(g, 'diskBytes'))} | ${ms2(num(g, 'openMs'))} | ${ms2(num(g, 'p50Ms'))} | ${ms2(num(g, 'p95Ms'))} | ${s1(num(g, 'addMs'))} (${num(g, 'addedChunks') ?? '?'} chunks) | ${s1(num(g, 'deleteMs'))} |`,
    ];
  });
  const vectorRow = (size: number, h: ScaleRun | undefined) => {
    if (h === undefined) return [];
    if (h.error !== undefined) return [`| ${size.toLocaleString('en')} | failed: ${h.error} | | | | | | | | |`];
    return [`| ${size.toLocaleString('en')} | ${num(h, 'efConstruction') ?? '–'} | ${s1(num(h, 'buildMs'))} | ${ms2(num(h, 'p50Ms'))} | ${ms2(num(h, 'p95Ms'))} | ${(num(h, 'sourceAt1') ?? Number.NaN).toFixed(2)} | ${(num(h, 'sourceAt10') ?? Number.NaN).toFixed(2)} | ${mem(h.result?.memory, 'rssMB')} | ${mem(h.result?.memory, 'peakRssMB')} | ${mb(num(h, 'bytes'))} |`];
  };
  const vectors = r.rows.flatMap((row) => [...vectorRow(row.size, row.hnswShipped), ...vectorRow(row.size, row.hnsw)]);
  const disk = r.rows.map((row) => {
    const parts = [serialized(row.lexical).bytes, num(row.lexical, 'storeBytes'), num(row.hnsw, 'bytes')];
    const total = parts.every((p) => p !== undefined) ? parts.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
    return `| ${row.size.toLocaleString('en')} | ${mb(num(row.lexical, 'storeBytes'))} | ${mb(serialized(row.lexical).bytes)} | ${mb(num(row.hnsw, 'bytes'))} | ${total === undefined ? 'incomplete (see above)' : mb(total)} |`;
  });
  return [
    '# Scale benchmark: index build, search latency and snapshot size vs corpus size',
    '',
    `Generated ${r.createdAt} by \`${r.command}\` on ${r.machine.cpus} cores, Node ${r.machine.node}; whole run ${(r.totalSeconds / 60).toFixed(1)} min (load average at the end ${r.machine.loadAverage.join(' / ')}).`,
    '',
    'Corpus: synthetic chunks made from the 3,228 chunks of the 17 ALQAC laws (`bench/scale-synth.ts`): the laws once as they are, then copies as new documents with 15% of the words of every chunk replaced by words drawn from the whole corpus (seeded). Each measurement runs in its own Node process.',
    '',
    '## Lexical in memory (`Bm25Index`, one file loaded whole: the index before segments, for comparison)',
    '',
    '| chunks | build s | p50 ms | p95 ms | heap MB | peak RSS MB | index file | chunk store MB (write) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lexical,
    '',
    ...(r.rows.some((row) => serialized(row.lexical).text.startsWith('fails'))
      ? [
          'The lexical index file (`src/index/bm25-codec.ts`, a binary container) could not be written at this size: see the error in the table.',
          '',
        ]
      : []),
    `Latency: \`LexicalRetriever.retrieve\` with k = 50 (query analysis, BM25F, reading 50 chunks from the SQLite store, confidence) over the first ${queriesOf(r)} ALQAC dev questions (\`--queries\`), as written and without diacritics (${queriesOf(r) * 2} queries). build = \`buildBm25Index\` from the prepared chunks (tokenising included). heap = V8 heap + external after the build and a forced GC, minus before; peak RSS = process peak (getrusage) minus the resident set before the build.`,
    '',
    ...(segmentRows.length === 0
      ? []
      : [
          '## Lexical, shipped: segments (`src/index/segment-*.ts`, `postings-file.ts`)',
          '',
          'The same synthetic chunks written as a full build by `writeSnapshot` (one segment: documents and chunks in SQLite, postings in the binary postings file), opened from disk and searched through the same retriever (k = 50, the questions as written and without diacritics, first pass: postings read from disk into the postings cache); then one more document added (a new segment) and deleted, each timed from the call to the new snapshot opened. Build peak RSS is above the process with the synthetic corpus in memory (the corpus itself is generated in memory by this benchmark).',
          '',
          '| chunks | build s | build peak RSS MB | disk MB | open ms | p50 ms | p95 ms | add one document s | delete it s |',
          '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
          ...segmentRows,
          '',
        ]),
    '## Vectors (HNSW, hnswlib-node, cosine, 384 dimensions)',
    '',
    '| chunks | efConstruction | build s | p50 ms | p95 ms | found first | found in top 10 | RSS MB | peak RSS MB | files MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...vectors,
    '',
    `Vectors: random unit vectors (seeded), M = ${r.rows[0]?.hnsw.result?.extra?.m ?? '?'}, efSearch = ${r.rows[0]?.hnsw.result?.extra?.efSearch ?? '?'}; search = k 50 (the fusion candidates) for 100 queries, each a stored vector plus noise (cosine ≈ 0.9 to it, while other stored vectors lie at 0 ± 0.05, the closest of 300k at ≈ 0.25): "found first" / "found in top 10" = how often the approximate search ranks that source vector first / among the first 10 (the exact search always ranks it first). Uniformly random queries were tried first and dropped: in 384 random dimensions all stored vectors are about equally far from such a query, so its nearest neighbours are noise and recall against them (0.50 at 10k, 0.11 at 100k, 0.05 at 300k) measured nothing useful. The scale runs use efConstruction ${r.efConstruction.scale} (the shipped default is ${r.efConstruction.shipped}, measured at the smallest size for comparison) so that the whole benchmark stays within half an hour on 2 cores; building costs roughly in proportion to efConstruction. Random vectors in 384 dimensions have no cluster structure: they are a hard case for HNSW construction (every insertion explores a graph without shortcuts), so real embeddings should build at least as fast. Where "found first" falls below 1.00, the graph built with that efConstruction and searched with efSearch 100 loses its way in structureless data of that size; real embeddings have neighbourhoods that make the search easier, but a deployment that large should check recall on its own vectors and raise hnswEfSearch (or keep the shipped efConstruction) — search stays around a millisecond either way. Build times are single-threaded (hnswlib-node addPoint from JavaScript).`,
    '',
    ...realCorpusSection(r.realCorpus),
    '## Snapshot size on disk',
    '',
    '| chunks | store.sqlite MB | lexical index MB | vectors (hnsw + json) MB | total MB |',
    '| --- | --- | --- | --- | --- |',
    ...disk,
    '',
  ].join('\n');
}
