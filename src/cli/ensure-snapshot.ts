import type { IndexLauncher } from '../admin/child-index-launcher';
import type { Config } from '../config/config';
import { describeError, isAppError } from '../config/errors';
import type { Embedder } from '../embed/embedder';
import { knowledgeFingerprint } from '../index/knowledge-fingerprint';
import { openSnapshot, type Snapshot } from '../index/open-snapshot';
import { rollbackSnapshot } from '../index/rollback-snapshot';
import { verifySegments } from '../index/verify-segments';
import { verifySnapshot } from '../index/verify-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import { indexWithReport, progressLine, vectorsLine } from './index-command';
import type { CliOutput } from './output';
import { explainSnapshotError, SNAPSHOT_ERROR_KEYS } from './snapshot-errors';

export const ENSURE_SNAPSHOT_PROMPT_KEYS = [
  'start.reindex.missing',
  'start.reindex.changed',
  'start.reindex.incompatible',
  'start.reindex.corrupt',
  'start.reindex.vectors',
  'serve.reindex.background',
  'serve.fallback',
  'index.start',
  'index.done',
  'index.vectors.done',
  'index.vectors.none',
  ...SNAPSHOT_ERROR_KEYS,
] as const;

type ReindexReason = 'missing' | 'changed' | 'incompatible' | 'corrupt' | 'vectors';

/** What `openSnapshot` is told of the embedding model, so that it opens (and checks) the vectors. */
export function configuredEmbedding(embedder: Embedder | undefined): { modelId: string; dimensions: number } | undefined {
  return embedder === undefined ? undefined : { modelId: embedder.modelId, dimensions: embedder.dimensions };
}

/** Opens a snapshot (CURRENT's unless `id`) and checks every byte of it (`verifySnapshot`): it is about to be served. */
function openVerified(config: Config, embedder: Embedder | undefined, id?: string): Snapshot {
  const snapshot = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding: configuredEmbedding(embedder), ...(id === undefined ? {} : { id }) });
  try {
    verifySnapshot({ id: snapshot.id, dir: snapshot.dir, files: snapshot.manifest.files });
    verifySegments({ dataDir: config.dataDir, snapshotId: snapshot.id, entries: snapshot.manifest.lexical.segments });
  } catch (error) {
    snapshot.close();
    throw error;
  }
  return snapshot;
}

/**
 * Opens the current snapshot if it is usable (with vectors of the configured model when one is
 * loaded), and says why it should be rebuilt: none or unusable (no snapshot then), or knowledge/
 * changed since, or it lacks the model's vectors (the snapshot is still there to serve).
 */
function currentSnapshot(config: Config, embedder: Embedder | undefined): { snapshot: Snapshot; reason?: 'changed' | 'vectors' } | { snapshot?: undefined; reason: ReindexReason; error?: unknown } {
  let snapshot: Snapshot;
  try {
    snapshot = openVerified(config, embedder);
  } catch (error) {
    if (isAppError(error, 'SNAPSHOT_MISSING')) return { reason: 'missing' };
    if (isAppError(error, 'SNAPSHOT_INCOMPATIBLE')) return { reason: 'incompatible' };
    if (isAppError(error, 'SNAPSHOT_CORRUPT')) return { reason: 'corrupt', error };
    throw error;
  }
  if (snapshot.manifest.knowledgeFingerprint !== knowledgeFingerprint({ dir: config.knowledgeDir })) return { snapshot, reason: 'changed' };
  if (embedder !== undefined && snapshot.vectors === undefined) return { snapshot, reason: 'vectors' };
  return { snapshot };
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
  if (current.reason === undefined) return current.snapshot;
  current.snapshot?.close();
  io.out(prompts.format(`start.reindex.${current.reason}`, { modelId: embedder?.modelId ?? '' }));
  const built = await indexWithReport({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, prompts, io, embedder });
  if (built === undefined && current.reason !== 'changed' && current.reason !== 'vectors') return undefined;
  const snapshot = openOrExplain({ config, embedder, prompts, io });
  if (snapshot !== undefined) process.exitCode = 0;
  return snapshot;
}

/**
 * The snapshot `troly serve` starts with, without ever indexing in the server's own process (a
 * file that exhausts memory must end an indexer, not the server): a usable snapshot is served as
 * it is, even when knowledge/ changed or it lacks the model's vectors (`stale`: the caller
 * reindexes in the background once serving). Every byte of it is checked first (`verifySnapshot`):
 * a damaged one is refused, saying why, and the newest older snapshot that passes is made current
 * and served (stale). Only when there is no usable one is a build run, in
 * a child process through `launch`, before serving. Undefined (exit code set, reason printed)
 * when there is nothing to serve.
 */
export async function ensureServableSnapshot({ config, prompts, io, embedder, launch }: {
  config: Config;
  prompts: PromptCatalog;
  io: CliOutput;
  embedder?: Embedder | undefined;
  launch: IndexLauncher;
}): Promise<{ snapshot: Snapshot; stale: boolean } | undefined> {
  const current = currentSnapshot(config, embedder);
  if (current.snapshot !== undefined) {
    if (current.reason !== undefined) io.out(`${prompts.format(`start.reindex.${current.reason}`, { modelId: embedder?.modelId ?? '' })} ${prompts.format('serve.reindex.background')}`);
    return { snapshot: current.snapshot, stale: current.reason !== undefined };
  }
  io.out(prompts.format(`start.reindex.${current.reason}`, { modelId: embedder?.modelId ?? '' }));
  if (current.reason === 'corrupt') {
    io.error(explainSnapshotError({ error: current.error, prompts, dataDir: config.dataDir }) ?? describeError(current.error));
    const previous = fallBack(config, embedder);
    if (previous !== undefined) {
      io.out(prompts.format('serve.fallback', { from: previous.from, to: previous.snapshot.id }));
      return { snapshot: previous.snapshot, stale: true };
    }
  }
  io.out(prompts.format('index.start', { dir: config.knowledgeDir, dataDir: config.dataDir }));
  const outcome = await launch({ onProgress: (progress) => io.progress(progressLine({ progress, prompts })), abortSignal: new AbortController().signal });
  io.progress('');
  for (const line of (outcome.ok ? outcome.done.report : outcome.report)?.lines ?? []) io.out(line);
  if (!outcome.ok) {
    io.error(`${outcome.message}${outcome.detail === undefined ? '' : `\n${prompts.format('snapshot.error.detail', { detail: outcome.detail })}`}`);
    process.exitCode = 1;
    return undefined;
  }
  const { documents, chunks, seconds, snapshotId } = outcome.done;
  io.out(prompts.format('index.done', { documents, chunks, seconds, id: snapshotId }));
  const snapshot = openOrExplain({ config, embedder, prompts, io });
  if (snapshot === undefined) return undefined;
  io.out(vectorsLine({ manifest: snapshot.manifest, prompts }));
  return { snapshot, stale: false };
}

/** The snapshot CURRENT names, opened; on a known snapshot error, the explanation printed, exit code 1 and undefined. */
function openOrExplain({ config, embedder, prompts, io }: { config: Config; embedder: Embedder | undefined; prompts: PromptCatalog; io: CliOutput }): Snapshot | undefined {
  try {
    return openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding: configuredEmbedding(embedder) });
  } catch (error) {
    const explained = explainSnapshotError({ error, prompts, dataDir: config.dataDir });
    if (explained === undefined) throw error;
    io.error(explained);
    process.exitCode = 1;
    return undefined;
  }
}

/** CURRENT switched back to the newest older snapshot that passes the full check, opened; undefined when there is none. */
function fallBack(config: Config, embedder: Embedder | undefined): { snapshot: Snapshot; from: string } | undefined {
  let rolled: { from: string; to: string };
  try {
    rolled = rollbackSnapshot({ dataDir: config.dataDir, tunables: config.tunables });
  } catch {
    return undefined;
  }
  try {
    return { snapshot: openVerified(config, embedder, rolled.to), from: rolled.from };
  } catch {
    return undefined;
  }
}
