/**
 * Incremental reindex benchmark: N generated quyết định (default 1,000) indexed from scratch, then
 * one more document added and indexed again with chunk reuse (what the admin's reindex does) and
 * without (a full rebuild), with the time spent in each phase.
 *
 *   npx tsx bench/reindex.ts [--documents 1000] [--dir /tmp/troly-reindex-bench]
 *   npx tsx bench/reindex.ts --laws ../shared/bench/alqac2023/laws   (the 17 ALQAC laws, then +1 generated)
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TUNABLES } from '../src/config/tunables';
import { buildSnapshot, type BuildProgress } from '../src/index/build-snapshot';
import { writeGeneratedCorpus } from '../test/fixtures/admin/generated-corpus';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '1000' }, laws: { type: 'string' }, dir: { type: 'string', default: '/tmp/troly-reindex-bench' } } });
const count = Number(values.documents);
const root = values.dir;
rmSync(root, { recursive: true, force: true });
const knowledgeDir = join(root, 'knowledge');
mkdirSync(knowledgeDir, { recursive: true });
if (values.laws === undefined) writeGeneratedCorpus({ dir: knowledgeDir, count });
else cpSync(values.laws, knowledgeDir, { recursive: true });

async function timedBuild(label: string, dataDir: string, reuseChunks: boolean): Promise<void> {
  const phases = new Map<string, number>();
  let phase: BuildProgress['phase'] | undefined;
  let since = performance.now();
  const started = since;
  const result = await buildSnapshot({
    knowledgeDir,
    dataDir,
    tunables: DEFAULT_TUNABLES,
    reuseChunks,
    onProgress: (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      if (phase !== undefined) phases.set(phase, now - since);
      phase = p.phase;
      since = now;
    },
  });
  const end = performance.now();
  if (phase !== undefined) phases.set(phase, end - since);
  const parts = [...phases].map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`).join(', ');
  process.stdout.write(
    `${label.padEnd(34)} ${((end - started) / 1000).toFixed(2)} s  (${result.ingest.documents.length} documents, ${result.chunkCount} chunks, ${result.reusedDocuments} reused; ${parts})\n`,
  );
}

process.stdout.write(`node ${process.version}, ${values.laws === undefined ? `${count} generated documents` : `${readdirSync(knowledgeDir).length} files of ${values.laws}`} in ${knowledgeDir}\n`);
await timedBuild('first build', join(root, 'data'), true);
writeGeneratedCorpus({ dir: knowledgeDir, count: 1, from: values.laws === undefined ? count : 0 });
await timedBuild('+1 document, incremental', join(root, 'data'), true);
await timedBuild('+1 document, full rebuild', join(root, 'data'), false);
await timedBuild('nothing changed, incremental', join(root, 'data'), true);
