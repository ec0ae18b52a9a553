/**
 * One index build of bench:scale in its own process, as the admin's reindex runs one (`troly
 * index` in a child): `node --import tsx bench/scale-build-child.ts --knowledge DIR --data DIR --out FILE`.
 * Incremental when the data folder has a snapshot. Writes { ms, peakMB, chunks, documents, reused,
 * segments, phases }: `phases` gives, for each build phase, the seconds from the start at which it
 * began and the peak resident memory (MB) at that moment, to see which phase the peak belongs to.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { buildSnapshot } from '../src/index/build-snapshot';

const { values: args } = parseArgs({ options: { knowledge: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, full: { type: 'boolean', default: false } } });
if (args.knowledge === undefined || args.data === undefined || args.out === undefined) throw new Error('usage: scale-build-child.ts --knowledge DIR --data DIR --out FILE [--full]');
const t = performance.now();
const peakMB = () => (process.resourceUsage().maxRSS * 1024) / 1048576;
const phases: Array<{ phase: string; atSeconds: number; peakMB: number }> = [];
const result = await buildSnapshot({
  knowledgeDir: args.knowledge,
  dataDir: args.data,
  tunables: loadConfig().tunables,
  reuseChunks: !args.full,
  onProgress: ({ phase }) => {
    if (phases.at(-1)?.phase !== phase) phases.push({ phase, atSeconds: Math.round(performance.now() - t) / 1000, peakMB: Math.round(peakMB()) });
  },
});
writeFileSync(
  args.out,
  JSON.stringify({ ms: performance.now() - t, peakMB: peakMB(), phases, chunks: result.chunkCount, documents: result.ingest.documents.length, reused: result.reusedDocuments, segments: result.manifest?.lexical.segments.length ?? 0 }),
);
