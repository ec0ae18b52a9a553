import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { AppError } from '../config/errors';
import { snapshotPaths } from './snapshot-paths';

export interface WriteLock {
  release(): void;
}

/** Whether a process with this pid exists (signal 0). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a lock-like file holds, or undefined when it is missing or holds no pid. */
export function holderOf(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock file holding our pid, or returns false when it exists. The pid is written to a
 * private file first and hard-linked into place, so the lock is never visible half-written. The
 * private file is removed whatever happens, a failed write (a full disk) included.
 */
function tryCreate(lockFile: string): boolean {
  const temp = `${lockFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${process.pid}\n`);
    linkSync(temp, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Makes this process the one snapshot writer of the data folder: creates `index.lock` exclusively
 * with our pid. A lock left by a process that no longer exists is taken over; a live holder makes
 * this throw INDEX_LOCKED.
 */
export function acquireWriteLock({ dataDir }: { dataDir: string }): WriteLock {
  const { lockFile } = snapshotPaths({ dataDir });
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockFile)) {
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (holderOf(lockFile) === process.pid) unlinkSync(lockFile);
        },
      };
    }
    const pid = holderOf(lockFile);
    if (pid !== undefined && isAlive(pid)) {
      throw new AppError('INDEX_LOCKED', `Another indexer (pid ${pid}) is writing a snapshot in ${dataDir}. Wait for it to finish, or delete ${lockFile} if that process is not an indexer.`);
    }
    // Dead holder, or a lock file that names no pid: take it over, once.
    try {
      unlinkSync(lockFile);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    }
  }
  throw new AppError('INDEX_LOCKED', `Could not take the index lock ${lockFile}: another process keeps creating it. Retry in a moment.`);
}
