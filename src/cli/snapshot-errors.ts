import { describeError, isAppError, type ErrorCode } from '../config/errors';
import type { PromptCatalog } from '../prompts/catalog';

const EXPLAINED: readonly ErrorCode[] = ['SNAPSHOT_MISSING', 'SNAPSHOT_INCOMPATIBLE', 'SNAPSHOT_CORRUPT', 'INDEX_LOCKED'];

/** Prompt keys used by `explainSnapshotError`. */
export const SNAPSHOT_ERROR_KEYS = [...EXPLAINED.map((code) => `snapshot.error.${code}`), 'snapshot.error.detail'] as const;

/**
 * The Vietnamese explanation of an index error a person can fix (no snapshot, an incompatible or
 * corrupt one, another indexer running), followed by the English detail for the admin; undefined
 * for any other error, which the CLI reports as it is.
 */
export function explainSnapshotError({ error, prompts, dataDir }: { error: unknown; prompts: PromptCatalog; dataDir: string }): string | undefined {
  const code = EXPLAINED.find((c) => isAppError(error, c));
  if (code === undefined) return undefined;
  return `${prompts.format(`snapshot.error.${code}`, { dataDir })}\n${prompts.format('snapshot.error.detail', { detail: describeError(error) })}`;
}
