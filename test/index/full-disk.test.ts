import * as fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCurrentSnapshotId, switchCurrentSnapshot } from '../../src/index/current-pointer';
import { acquireWriteLock } from '../../src/index/write-lock';
import { useTempDirs } from '../helpers/temp-dirs';

// A full disk, without root: writeFileSync creates the file, then fails as the kernel does (ENOSPC).
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, writeFileSync: vi.fn(actual.writeFileSync) };
});
const actualWrite = (await vi.importActual<typeof import('node:fs')>('node:fs')).writeFileSync;
const diskFull = () =>
  vi.mocked(fs.writeFileSync).mockImplementation((path) => {
    actualWrite(path, '');
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(path)}'`), { code: 'ENOSPC' });
  });

const tempDir = useTempDirs('full-disk');
afterEach(() => vi.mocked(fs.writeFileSync).mockImplementation(actualWrite));

describe('a full disk', () => {
  it('makes taking the index lock fail clearly, leaving no index.lock.<pid>.tmp behind', () => {
    const dataDir = tempDir();
    diskFull();
    expect(() => acquireWriteLock({ dataDir })).toThrow(/ENOSPC/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('leaves CURRENT as it was and no CURRENT.<pid>.tmp behind when switching fails', () => {
    const dataDir = tempDir();
    switchCurrentSnapshot({ dataDir, id: 'snap-1' });
    diskFull();
    expect(() => switchCurrentSnapshot({ dataDir, id: 'snap-2' })).toThrow(/ENOSPC/);
    expect(readCurrentSnapshotId({ dataDir })).toBe('snap-1');
    expect(fs.readdirSync(dataDir)).toEqual(['CURRENT']);
  });
});
