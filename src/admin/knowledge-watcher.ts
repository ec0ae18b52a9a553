import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../config/errors';
import type { Logger } from '../config/logger';
import { readCurrentSnapshotId } from '../index/current-pointer';
import { knowledgeFingerprint } from '../index/knowledge-fingerprint';
import { readManifest } from '../index/manifest';
import { SNAPSHOT_FILES, snapshotPaths } from '../index/snapshot-paths';

/** True for a path with a hidden segment (".upload-…part", ".git/…"): ingestion skips those too. */
const isHidden = (path: string) => path.split(/[\\/]/).some((segment) => segment.startsWith('.'));

/** The knowledge fingerprint the current snapshot was built from, or undefined when there is none. */
function servedFingerprint(dataDir: string): string | undefined {
  try {
    const id = readCurrentSnapshotId({ dataDir });
    return id === undefined ? undefined : readManifest({ path: join(snapshotPaths({ dataDir }).dir(id), SNAPSHOT_FILES.manifest) }).knowledgeFingerprint;
  } catch {
    return undefined;
  }
}

/**
 * `serve --watch`: calls `onChange` once the knowledge folder has been quiet for `debounceMs` after
 * a change, and only when its fingerprint (paths, sizes, mtimes) differs from the one the current
 * snapshot was built from — a file saved twice unchanged, or hidden temporary files of an upload,
 * cause no reindex. Uses `fs.watch` recursive (inotify on Linux, Node ≥ 20).
 */
export function watchKnowledge({ knowledgeDir, dataDir, debounceMs, onChange, logger }: {
  knowledgeDir: string;
  dataDir: string;
  debounceMs: number;
  onChange: () => void;
  logger: Logger;
}): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  // A timer is an entry point of its own: a failure here (the folder removed under us) is logged, never thrown.
  const settle = () => {
    timer = undefined;
    try {
      if (knowledgeFingerprint({ dir: knowledgeDir }) === servedFingerprint(dataDir)) return;
      logger.info({ knowledgeDir }, 'knowledge folder changed: reindexing');
      onChange();
    } catch (error) {
      logger.warn({ err: describeError(error), knowledgeDir }, 'knowledge folder change could not be handled; reindex from the admin page or with "troly index"');
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(knowledgeDir, { recursive: true }, (_event, file) => {
      if (file !== null && isHidden(String(file))) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(settle, debounceMs);
    });
    watcher.on('error', (error) => logger.warn({ err: describeError(error) }, 'knowledge folder watch failed; reindex from the admin page or with "troly index"'));
    logger.info({ knowledgeDir, debounceMs }, 'watching the knowledge folder: changes are reindexed in the background');
  } catch (error) {
    logger.warn({ err: describeError(error), knowledgeDir }, 'cannot watch the knowledge folder; reindex from the admin page or with "troly index"');
  }
  return {
    close() {
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    },
  };
}
