import { closeSync, existsSync, mkdtempSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createMemoryOutput } from '../../src/cli/output';
import { registerServeCommand } from '../../src/cli/serve-command';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import { silentLogger } from '../../src/config/logger';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { loadPrompts } from '../../src/prompts/catalog';
import { startAssistantServer } from '../../src/main';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { createFakeDocumentSource } from '../fakes/fake-document-source';
import { createFakeServingPipeline } from '../fakes/fake-serving-pipeline';
import { makeDocxBomb } from '../fixtures/ingest/make-zip-bomb';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { residenceLaw } from '../helpers/residence-law-fixture';

describe('troly serve', () => {
  it('starts on the given port and data folder, serves until told to stop, then stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troly-serve-'));
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let started: Config | undefined;
    let health: number | undefined;
    let pipeline: ReturnType<typeof createFakeServingPipeline> | undefined;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: async (options) => {
          started = options.config;
          pipeline = createFakeServingPipeline({ assistant: createFakeAssistant({ replies: {} }), documents: createFakeDocumentSource({ documents: [residenceLaw()] }) });
          return startAssistantServer({ ...options, logger: silentLogger(), pipeline });
        },
        stopWhen: async () => {
          const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(io.stdout.join('\n'))?.[1];
          // Serving while the command waits: the stop condition itself checks the server is up.
          health = (await fetch(`${url}/healthz`)).status;
        },
      },
    );
    try {
      await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', dataDir, '--no-index']);
      expect(started?.port).toBe(0);
      expect(started?.dataDir).toBe(dataDir);
      expect(started?.host).toBe('127.0.0.1');
      expect(health).toBe(200);
      expect(io.stdout[0]).toMatch(/^Trợ lý ảo đang chạy: trang hỏi đáp http:\/\/127\.0\.0\.1:\d+\//);
      expect(io.stdout.at(-1)).toBe('Đã dừng.');
      // Stopping the server releases what it served from.
      expect(pipeline?.closed).toBe(true);
      expect(existsSync(join(dataDir, 'state.sqlite'))).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('builds the index before serving when there is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'troly-serve-'));
    const dataDir = join(root, 'data');
    const knowledgeDir = join(root, 'knowledge');
    mkdirSync(knowledgeDir);
    writeFileSync(join(knowledgeDir, 'ke-hoach.md'), '# Kế hoạch chuyển đổi số\n\nThành phố triển khai mạng chuyên dùng đến 100% cơ quan nhà nước.\n');
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let snapshotAtStart = false;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: async (options) => {
          snapshotAtStart = existsSync(join(options.config.dataDir, 'CURRENT'));
          return { url: 'http://127.0.0.1:1', stop: async () => {} };
        },
        stopWhen: async () => {},
      },
    );
    try {
      await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', dataDir, '--knowledge', knowledgeDir]);
      expect(snapshotAtStart).toBe(true);
      expect(io.stdout[0]).toBe(prompts.format('start.reindex.missing'));
      // Built by a child process (the default launcher), whose report and summary are printed here.
      expect(io.stdout.some((line) => line.startsWith('Đã lập chỉ mục 1 văn bản'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('serves a usable snapshot at once when knowledge/ changed, never indexing in its own process, and reindexes in the background', async () => {
    const root = mkdtempSync(join(tmpdir(), 'troly-serve-'));
    const dataDir = join(root, 'data');
    const knowledgeDir = join(root, 'knowledge');
    mkdirSync(knowledgeDir);
    writeFileSync(join(knowledgeDir, 'ke-hoach.md'), '# Kế hoạch chuyển đổi số\n\nThành phố triển khai mạng chuyên dùng đến 100% cơ quan nhà nước.\n');
    const tunables = loadConfig({ env: {} }).tunables;
    await buildSnapshot({ knowledgeDir, dataDir, tunables });
    const served = readCurrentSnapshotId({ dataDir });
    // The file that made the last reindex die (a zip bomb): the server must not parse it itself.
    writeFileSync(join(knowledgeDir, 'bom.docx'), await makeDocxBomb({ unpackedBytes: 8 * 1024 * 1024 }));
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let currentAtStart: string | undefined;
    let reindexRequested = 0;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: async (options) => {
          currentAtStart = readCurrentSnapshotId({ dataDir: options.config.dataDir });
          return { url: 'http://127.0.0.1:1', requestReindex: () => void (reindexRequested += 1), stop: async () => {} };
        },
        stopWhen: async () => {},
        launch: () => () => Promise.reject(new Error('no build may run before serving: a usable snapshot exists')),
      },
    );
    try {
      await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', dataDir, '--knowledge', knowledgeDir]);
      expect(currentAtStart).toBe(served);
      expect(readCurrentSnapshotId({ dataDir })).toBe(served);
      expect(reindexRequested).toBe(1);
      expect(io.stdout[0]).toBe(`${prompts.format('start.reindex.changed')} ${prompts.format('serve.reindex.background')}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('refuses a damaged snapshot before serving, saying why, and serves the previous one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'troly-serve-'));
    const dataDir = join(root, 'data');
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const tunables = loadConfig({ env: {} }).tunables;
    const previous = (await buildSnapshot({ knowledgeDir, dataDir, tunables, reuseChunks: false })).manifest?.id;
    const damaged = (await buildSnapshot({ knowledgeDir, dataDir, tunables, reuseChunks: false })).manifest?.id ?? '';
    // 4 KiB of zeros in the middle of the lexical index: same size, loads without complaint.
    const lexical = join(dataDir, 'snapshots', damaged, 'lexical.bin');
    const fd = openSync(lexical, 'r+');
    writeSync(fd, Buffer.alloc(4096), 0, 4096, Math.floor(statSync(lexical).size / 2));
    closeSync(fd);
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let currentAtStart: string | undefined;
    let reindexRequested = 0;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: async (options) => {
          currentAtStart = readCurrentSnapshotId({ dataDir: options.config.dataDir });
          return { url: 'http://127.0.0.1:1', requestReindex: () => void (reindexRequested += 1), stop: async () => {} };
        },
        stopWhen: async () => {},
        launch: () => () => Promise.reject(new Error('no build is needed: an older snapshot is intact')),
      },
    );
    try {
      await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', dataDir, '--knowledge', knowledgeDir]);
      expect(currentAtStart).toBe(previous);
      expect(reindexRequested).toBe(1);
      expect(io.stderr.join('\n')).toContain(`Snapshot ${damaged} is damaged: lexical.bin does not have the content written`);
      expect(io.stdout).toContain(prompts.format('serve.fallback', { from: damaged, to: previous ?? '' }));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
