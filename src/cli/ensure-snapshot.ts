import type { Config } from '../config/config';
import { isAppError } from '../config/errors';
import type { Embedder } from '../embed/embedder';
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
  'start.reindex.vectors',
  ...SNAPSHOT_ERROR_KEYS,
] as const;

type ReindexReason = 'missing' | 'changed' | 'incompatible' | 'corrupt' | 'vectors';

/** What `openSnapshot` is told of the embedding model, so that it opens (and checks) the vectors. */
export function configuredEmbedding(embedder: Embedder | undefined): { modelId: string; dimensions: number } | undefined {
  return embedder === undefined ? undefined : { modelId: embedder.modelId, dimensions: embedder.dimensions };
}

/**
 * Opens the current snapshot if it is usable (with vectors of the configured model when one is
 * loaded) and the knowledge folder has not changed since; otherwise says why.
 */
function currentSnapshot(config: Config, embedder: Embedder | undefined): { snapshot: Snapshot } | { reason: ReindexReason } {
  let snapshot: Snapshot;
  try {
    snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding: configuredEmbedding(embedder) });
  } catch (error) {
    if (isAppError(error, 'SNAPSHOT_MISSING')) return { reason: 'missing' };
    if (isAppError(error, 'SNAPSHOT_INCOMPATIBLE')) return { reason: 'incompatible' };
    if (isAppError(error, 'SNAPSHOT_CORRUPT')) return { reason: 'corrupt' };
    throw error;
  }
  const reason: ReindexReason | undefined =
    snapshot.manifest.knowledgeFingerprint !== knowledgeFingerprint({ dir: config.knowledgeDir }) ? 'changed' : embedder !== undefined && snapshot.vectors === undefined ? 'vectors' : undefined;
  if (reason === undefined) return { snapshot };
  snapshot.close();
  return { reason };
}

/**
 * The snapshot `troly start` and `troly serve` use: the current one, or a new one built first when
 * there is none, it cannot be used, knowledge/ changed, or an embedding model is now installed
 * that the snapshot has no vectors of. If that build fails where a usable snapshot existed, that
 * snapshot is used. Undefined (exit code set, reason printed) when there is nothing to use.
 */
export async function ensureSnapshot({ config, prompts, io, embedder }: {
  config: Config;
  prompts: PromptCatalog;
  io: CliOutput;
  /** The loaded embedding model (`loadEmbedderForCommand`), or undefined for lexical-only. */
  embedder?: Embedder | undefined;
}): Promise<Snapshot | undefined> {
  const current = currentSnapshot(config, embedder);
  if ('snapshot' in current) return current.snapshot;
  io.out(prompts.format(`start.reindex.${current.reason}`, { modelId: embedder?.modelId ?? '' }));
  const built = await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io, embedder });
  if (built === undefined && current.reason !== 'changed' && current.reason !== 'vectors') return undefined;
  try {
    const snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding: configuredEmbedding(embedder) });
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
