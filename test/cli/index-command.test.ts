import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('cli-index');
afterEach(() => {
  process.exitCode = 0;
});

describe('troly index', () => {
  it('indexes the knowledge folder, reports every failed file with its reason and exits 0', async () => {
    const root = tempDir();
    writeLawKnowledge(join(root, 'knowledge'));
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', 'index', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io);
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('2 văn bản được đưa vào kho tri thức');
    expect(out).toMatch(/✗ bao-cao-quy-1\.docx: tệp bị hỏng/);
    expect(out).toMatch(/✗ ghi-chu\.txt: tệp rỗng/);
    expect(out).toMatch(/Đã lập chỉ mục 2 văn bản thành \d+ đoạn/);
    const current = readFileSync(join(root, 'data', 'CURRENT'), 'utf8').trim();
    expect(existsSync(join(root, 'data', 'snapshots', current, 'manifest.json'))).toBe(true);
  });

  it('exits 1 and keeps the current snapshot when nothing can be indexed', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'knowledge'));
    writeFileSync(join(root, 'knowledge', 'trong.txt'), '');
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', 'index', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain('Không lập chỉ mục được văn bản nào');
    expect(existsSync(join(root, 'data', 'CURRENT'))).toBe(false);
  });

  it('refuses to run beside another indexer, in Vietnamese', async () => {
    const root = tempDir();
    writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'index.lock'), `${process.ppid}\n`);
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', 'index', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io);
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toContain('Một tiến trình khác đang lập chỉ mục');
  });
});
