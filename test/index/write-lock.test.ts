import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireWriteLock } from '../../src/index/write-lock';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('lock');

describe('acquireWriteLock', () => {
  it('lets one writer in at a time and frees the lock on release', () => {
    const dataDir = tempDir();
    const lock = acquireWriteLock({ dataDir });
    expect(readFileSync(join(dataDir, 'index.lock'), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireWriteLock({ dataDir })).toThrowError(expect.objectContaining({ code: 'INDEX_LOCKED' }));
    lock.release();
    expect(existsSync(join(dataDir, 'index.lock'))).toBe(false);
    acquireWriteLock({ dataDir }).release();
  });

  it('takes over a lock left by a process that has exited', () => {
    const dataDir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dataDir, 'index.lock'), `${dead}\n`);
    const lock = acquireWriteLock({ dataDir });
    expect(readFileSync(join(dataDir, 'index.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('does not remove a lock another process holds when releasing', () => {
    const dataDir = tempDir();
    const lock = acquireWriteLock({ dataDir });
    // Another live process (our parent) has taken over meanwhile, e.g. after a manual cleanup.
    writeFileSync(join(dataDir, 'index.lock'), `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(join(dataDir, 'index.lock'), 'utf8').trim()).toBe(String(process.ppid));
  });
});
