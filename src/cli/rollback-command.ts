import { describeError, isAppError } from '../config/errors';
import type { Tunables } from '../config/tunables';
import { rollbackSnapshot } from '../index/rollback-snapshot';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliOutput } from './output';
import { explainSnapshotError } from './snapshot-errors';

/** Prompt keys `rollbackWithReport` prints. */
export const ROLLBACK_PROMPT_KEYS = ['index.cli.option.rollback', 'index.cli.option.jsonProgress', 'index.rollback.done', 'index.rollback.none', 'admin.job.failedUnexpectedly'] as const;

/**
 * `troly index --rollback`: CURRENT back to the snapshot built before the current one. A running
 * server switches too when it follows CURRENT (it does by default) or on `POST /admin/rollback`.
 * Sets exit code 1, with the reason in Vietnamese, when there is nothing to roll back to.
 */
export function rollbackWithReport({ dataDir, tunables, prompts, io }: { dataDir: string; tunables: Readonly<Tunables>; prompts: PromptCatalog; io: CliOutput }): void {
  try {
    const { from, to } = rollbackSnapshot({ dataDir, tunables });
    io.out(prompts.format('index.rollback.done', { from, to }));
  } catch (error) {
    if (isAppError(error, 'SNAPSHOT_MISSING')) {
      io.error(`${prompts.format('index.rollback.none', { dataDir })}\n${prompts.format('snapshot.error.detail', { detail: describeError(error) })}`);
    } else {
      const explained = explainSnapshotError({ error, prompts, dataDir });
      if (explained === undefined) throw error;
      io.error(explained);
    }
    process.exitCode = 1;
  }
}
