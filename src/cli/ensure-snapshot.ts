import type { Config } from '../config/config';
import { isAppError } from '../config/errors';
import { knowledgeFingerprint } from '../index/knowledge-fingerprint';
import { openSnapshot, type Snapshot } from '../index/open-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import { indexWithReport } from './index-command';
import type { CliOutput } from './output';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

export const ENSURE_SNAPSHOT_PROMPT_KEYS = [
  'start.reindex.missing',
  'start.reindex.changed',
  'start.reindex.incompatible',
  'start.reindex.corrupt',
  ...SNAPSHOT_ERROR_KEYS,
] as const;

type ReindexReason = 'missing' | 'changed' | 'incompatible' | 'corrupt';

/** Opens the current snapshot if it is usable and the knowledge folder has not changed since; otherwise says why. */
function currentSnapshot(config: Config): { snapshot: Snapshot } | { reason: ReindexReason } {
  let snapshot: Snapshot;
  try {
    snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables });
  } catch (error) {
    if (isAppError(error, 'SNAPSHOT_MISSING')) return { reason: 'missing' };
    if (isAppError(error, 'SNAPSHOT_INCOMPATIBLE')) return { reason: 'incompatible' };
    if (isAppError(error, 'SNAPSHOT_CORRUPT')) return { reason: 'corrupt' };
    throw error;
  }
  if (snapshot.manifest.knowledgeFingerprint === knowledgeFingerprint({ dir: config.knowledgeDir })) return { snapshot };
  snapshot.close();
  return { reason: 'changed' };
}

/**
 * The snapshot `troly start` serves: the current one, or a new one built first when there is none,
 * it cannot be used, or knowledge/ changed. If that build fails after a change, the previous
 * snapshot is served. Undefined (exit code set, reason printed) when there is nothing to serve.
 */
export async function ensureSnapshot({ config, prompts, io }: { config: Config; prompts: PromptCatalog; io: CliOutput }): Promise<Snapshot | undefined> {
  const current = currentSnapshot(config);
  if ('snapshot' in current) return current.snapshot;
  io.out(prompts.format(`start.reindex.${current.reason}`));
  const built = await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io });
  if (built === undefined && current.reason !== 'changed') return undefined;
  try {
    const snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables });
    process.exitCode = 0;
    return snapshot;
  } catch (error) {
    const explained = explainSnapshotError({ error, prompts, dataDir: config.dataDir });
    if (explained === undefined) throw error;
    io.error(explained);
    process.exitCode = 1;
    return undefined;
  }
}

