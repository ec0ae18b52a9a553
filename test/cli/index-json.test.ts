import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIndexEvent } from '../../src/admin/index-events';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { registerServeCommand } from '../../src/cli/serve-command';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('cli-index-json');
afterEach(() => {
  process.exitCode = 0;
});

describe('troly index --json-progress', () => {
  it('prints only JSON events: progress through every phase, then done with the ingestion report', async () => {
    const root = tempDir();
    writeLawKnowledge(join(root, 'knowledge'));
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', 'index', '--json-progress', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io);
    expect(code).toBe(0);
    const events = io.stdout.map((line) => parseIndexEvent(line));
    expect(events.every((e) => e !== undefined)).toBe(true);
    expect([...new Set(events.flatMap((e) => (e?.event === 'progress' ? [e.phase] : [])))]).toEqual(['ingest', 'chunk', 'store', 'lexical', 'switch']);
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    if (done?.event !== 'done') return;
    expect(done).toMatchObject({ documents: 2, reusedDocuments: 0 });
    expect(done.report.documents.map((d) => d.docNumber).sort()).toEqual(['52/2014/QH13', '68/2020/QH14']);
    expect(done.report.problems.map((p) => [p.path, p.code])).toEqual([
      ['bao-cao-quy-1.docx', 'corrupt'],
      ['ghi-chu.txt', 'empty'],
    ]);
  });

  it('ends with a failed event naming the reason when another indexer holds the lock', async () => {
    const root = tempDir();
    writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'index.lock'), `${process.ppid}\n`);
    const io = createMemoryOutput();
    expect(await run(['node', 'troly', 'index', '--json-progress', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io)).toBe(1);
    expect(parseIndexEvent(io.stdout.at(-1) ?? '')).toMatchObject({ event: 'failed', code: 'INDEX_LOCKED', message: expect.stringContaining('Một tiến trình khác đang lập chỉ mục') });
  });
});

describe('troly serve --watch', () => {
  it('turns the knowledge folder watch on', async () => {
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    const seen: Config[] = [];
    for (const args of [['--watch'], []]) {
      const program = new Command('troly').exitOverride();
      registerServeCommand(
        program,
        { prompts, io: createMemoryOutput(), loadConfig: (options) => loadConfig({ env: { TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
        { start: async ({ config }) => (seen.push(config), { url: 'http://127.0.0.1:1', stop: async () => {} }), stopWhen: async () => {} },
      );
      await program.parseAsync(['node', 'troly', 'serve', '--no-index', ...args]);
    }
    expect(seen.map((c) => c.watch)).toEqual([true, false]);
  });
});
