import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/config/config';
import type { Tunables } from '../src/config/tunables';
import { buildSnapshot } from '../src/index/build-snapshot';

/** The three development sets of `../shared/bench/`, each a folder of laws and a questions file. */
export const BENCH_SETS = ['alqac2023', 'alqac2024', 'zalo2021'] as const;
export type BenchSetName = (typeof BENCH_SETS)[number];

export function benchSetPaths(name: BenchSetName, root = resolve(PROJECT_ROOT, '../shared/bench')): { laws: string; questions: string } {
  return { laws: join(root, name, 'laws'), questions: join(root, name, 'questions.dev.jsonl') };
}

/**
 * The snapshot of one set in `cacheDir/<set>/data`, built through the real pipeline the first time
 * and reused afterwards (the Zalo build takes minutes and 2.6 GB: experiments must not redo it).
 * A cached snapshot the current code cannot open is rebuilt by deleting the folder.
 */
export async function ensureSetSnapshot({ name, cacheDir, tunables, log }: { name: BenchSetName; cacheDir: string; tunables: Readonly<Tunables>; log: (line: string) => void }): Promise<{ dataDir: string; built: boolean }> {
  const dataDir = join(cacheDir, name, 'data');
  if (existsSync(join(dataDir, 'CURRENT'))) return { dataDir, built: false };
  log(`bench:retrieval: building the ${name} snapshot into ${dataDir}…`);
  const result = await buildSnapshot({ knowledgeDir: benchSetPaths(name).laws, dataDir, tunables });
  if (result.manifest === null) throw new Error(`No chunks from ${benchSetPaths(name).laws}.`);
  return { dataDir, built: true };
}
