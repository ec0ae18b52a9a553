import { describeError } from '../config/errors';
import type { Logger } from '../config/logger';
import { readCurrentSnapshotId } from '../index/current-pointer';
import type { ServingIndex } from './admin-context';

/**
 * Polls `data/CURRENT` every `intervalMs` and reloads the served snapshot when another process
 * switched it (`troly index` or `troly index --rollback` run beside the server). Skipped while
 * `busy()` (a reindex job of this server reloads by itself). A snapshot that fails to load is
 * logged once and not retried until CURRENT changes again; the old one keeps serving.
 */
export function followCurrentSnapshot({ dataDir, serving, intervalMs, busy, logger }: {
  dataDir: string;
  serving: ServingIndex;
  intervalMs: number;
  busy: () => boolean;
  logger: Logger;
}): { close(): void } {
  let failed: string | undefined;
  // A switch can take longer than one interval (every answer worker opens the snapshot): one at a time.
  let switching = false;
  const check = async () => {
    if (busy() || switching) return;
    let id: string | undefined;
    try {
      id = readCurrentSnapshotId({ dataDir });
    } catch {
      return;
    }
    if (id === undefined || id === serving.info().snapshotId || id === failed) return;
    switching = true;
    try {
      const info = await serving.reload();
      failed = undefined;
      logger.info({ snapshotId: info.snapshotId }, 'CURRENT changed outside this server: now serving it');
    } catch (error) {
      failed = id;
      logger.warn({ snapshotId: id, err: describeError(error) }, 'CURRENT names a snapshot that cannot be served; keeping the one in service');
    } finally {
      switching = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
