import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/config/config';
import { AppError } from '../src/config/errors';
import type { Tunables } from '../src/config/tunables';
import { buildSnapshot } from '../src/index/build-snapshot';
import { openSnapshot } from '../src/index/open-snapshot';

/** The three development sets of `../shared/bench/`, each a folder of laws and a questions file. */
export const BENCH_SETS = ['alqac2023', 'alqac2024', 'zalo2021'] as const;
export type BenchSetName = (typeof BENCH_SETS)[number];

export function benchSetPaths(name: BenchSetName, root = resolve(PROJECT_ROOT, '../shared/bench')): { laws: string; questions: string } {
  return { laws: join(root, name, 'laws'), questions: join(root, name, 'questions.dev.jsonl') };
}

/**
 * The snapshot of one set in `cacheDir/<set>/data`, built through the real pipeline the first time
 * and reused afterwards (the Zalo build takes minutes and 2.6 GB: experiments must not redo it),
 * checked by opening it. A cached snapshot the current code refuses (another snapshot format, chunker
 * settings or text analysis) is deleted and rebuilt, so a run on changed code never fails on it.
 */
export async function ensureSetSnapshot({ name, cacheDir, tunables, log }: { name: BenchSetName; cacheDir: string; tunables: Readonly<Tunables>; log: (line: string) => void }): Promise<{ dataDir: string; built: boolean }> {
  const dataDir = join(cacheDir, name, 'data');
  if (existsSync(join(dataDir, 'CURRENT'))) {
    try {
      openSnapshot({ dataDir, tunables }).close();
      return { dataDir, built: false };
    } catch (error) {
      // Only the refusals of a snapshot are rebuilt; anything else (a full disk, a bug) is reported.
      if (!(error instanceof AppError) || !error.code.startsWith('SNAPSHOT_')) throw error;
      log(`bench:retrieval: the cached ${name} snapshot cannot be opened (${error instanceof Error ? error.message : String(error)}); rebuilding it`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  log(`bench:retrieval: building the ${name} snapshot into ${dataDir}…`);
  const result = await buildSnapshot({ knowledgeDir: benchSetPaths(name).laws, dataDir, tunables });
  if (result.manifest === null) throw new Error(`No chunks from ${benchSetPaths(name).laws}.`);
  return { dataDir, built: true };
}
