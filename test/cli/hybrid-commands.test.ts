import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { registerServeCommand } from '../../src/cli/serve-command';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { silentLogger } from '../../src/config/logger';
import type { EmbedderLoad } from '../../src/embed/load-configured-embedder';
import { loadPrompts } from '../../src/prompts/catalog';
import { startAssistantServer } from '../../src/main';
import { makeTinyModel } from '../fixtures/tiny-model/make-tiny-model';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('cli-hybrid');
const MODEL_ID = 'test/tiny-e5-small';
const MISSING_NOTICE = 'Chưa có mô hình ngữ nghĩa';

afterEach(() => {
  vi.unstubAllEnvs();
  process.exitCode = 0;
});

async function setUp() {
  const root = tempDir();
  writeLawKnowledge(join(root, 'knowledge'), { withBadFiles: false });
  const modelsDir = join(root, 'models');
  await makeTinyModel({ dir: modelsDir, modelId: MODEL_ID, dimensions: 24 });
  vi.stubEnv('TROLY_MODELS_DIR', modelsDir);
  vi.stubEnv('TROLY_EMBEDDING_MODEL', MODEL_ID);
  const troly = async (...args: string[]) => {
    const io = createMemoryOutput();
    const code = await run(['node', 'troly', ...args], io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };
  const data = join(root, 'data');
  const index = () => troly('index', '--knowledge', join(root, 'knowledge'), '--data', data);
  const search = (...args: string[]) => troly('search', '--data', data, ...args);
  const manifest = () => JSON.parse(readFileSync(join(data, 'snapshots', readFileSync(join(data, 'CURRENT'), 'utf8').trim(), 'manifest.json'), 'utf8')) as { embedding: Record<string, unknown> | null };
  return { root, modelsDir, index, search, manifest };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('troly index / search with an embedding model (tiny real model)', () => {
  it('indexes with vectors, searches in hybrid mode, and reindexes unchanged text without embedding it again', async () => {
    const { index, search, manifest } = await setUp();
    const first = await index();
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    const embedded = new RegExp(`Tìm theo ngữ nghĩa: mô hình ${MODEL_ID} \\(24 chiều\\); (\\d+) đoạn tính mới`).exec(first.out)?.[1];
    expect(Number(embedded)).toBeGreaterThan(0);
    expect(manifest().embedding).toMatchObject({ modelId: MODEL_ID, dimensions: 24 });

    const found = await search('--k', '3', 'Điều kiện kết hôn của nam và nữ');
    expect(found.code).toBe(0);
    expect(found.err).toBe('');
    expect(found.out).toContain('Điều 8');
    expect(found.out).toContain('(hybrid)');

    const again = await index();
    expect(/; 0 đoạn tính mới .*?, (\d+) đoạn lấy lại từ bộ nhớ đệm/.exec(again.out)?.[1]).toBe(embedded);
    expect(manifest().embedding).toMatchObject({ embedded: 0 });
  });

  it('refuses a snapshot built with another model than the configured one, naming both', async () => {
    const { modelsDir, index, search } = await setUp();
    await index();
    await makeTinyModel({ dir: modelsDir, modelId: 'test/tiny-bigger', dimensions: 16 });
    vi.stubEnv('TROLY_EMBEDDING_MODEL', 'test/tiny-bigger');
    const refused = await search('Điều kiện kết hôn');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`index built with ${MODEL_ID}/24, configured test/tiny-bigger/16: run troly index`);
  });

  it('falls back to lexical-only when the model folder is removed, and says so once with the fixing command', async () => {
    const { modelsDir, index, search, manifest } = await setUp();
    await index();
    rmSync(join(modelsDir, MODEL_ID), { recursive: true });
    const found = await search('--k', '2', 'Điều kiện kết hôn của nam và nữ');
    expect(found.code).toBe(0);
    expect(found.out).toContain('(lexical)');
    expect(count(found.err, MISSING_NOTICE)).toBe(1);
    expect(found.err).toContain(`troly model pull ${MODEL_ID}`);

    const reindexed = await index();
    expect(reindexed.code).toBe(0);
    expect(count(reindexed.err, MISSING_NOTICE)).toBe(1);
    expect(reindexed.out).toContain('chỉ tìm theo từ khoá');
    expect(manifest().embedding).toBeNull();
  });

  it('tells search to reindex when the model was installed after the snapshot was built', async () => {
    const { root, modelsDir, search } = await setUp();
    rmSync(join(modelsDir, MODEL_ID), { recursive: true });
    const io = createMemoryOutput();
    await run(['node', 'troly', 'index', '--knowledge', join(root, 'knowledge'), '--data', join(root, 'data')], io);
    await makeTinyModel({ dir: modelsDir, modelId: MODEL_ID, dimensions: 24 });
    const found = await search('Điều kiện kết hôn');
    expect(found.code).toBe(0);
    expect(found.out).toContain('(lexical)');
    expect(found.err).toContain('Chạy "troly index" để tìm cả theo ngữ nghĩa');
  });
});

describe('troly serve with an embedding model (tiny real model)', () => {
  it('builds the index with vectors, serves hybrid retrieval and loads the model once', async () => {
    const { root } = await setUp();
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let readiness: { checks?: { snapshot?: { mode?: string } } } | undefined;
    let passed: EmbedderLoad | undefined;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { ...process.env, TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: (options) => {
          passed = options.embedding;
          return startAssistantServer({ ...options, logger: silentLogger() });
        },
        stopWhen: async () => {
          const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(io.stdout.join('\n'))?.[1];
          readiness = (await (await fetch(`${url}/readyz`)).json()) as typeof readiness;
        },
      },
    );
    await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', join(root, 'data'), '--knowledge', join(root, 'knowledge')]);
    expect(io.stderr.join('\n')).not.toContain(MISSING_NOTICE);
    expect(passed?.embedder?.modelId).toBe(MODEL_ID);
    expect(io.stdout.join('\n')).toContain(`Tìm theo ngữ nghĩa: mô hình ${MODEL_ID}`);
    expect(readiness?.checks?.snapshot?.mode).toBe('hybrid');
  });

  it('serves lexical-only without a model, saying so once', async () => {
    const { root, modelsDir } = await setUp();
    rmSync(join(modelsDir, MODEL_ID), { recursive: true });
    const io = createMemoryOutput();
    const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
    let mode: string | undefined;
    const program = new Command('troly').exitOverride();
    registerServeCommand(
      program,
      { prompts, io, loadConfig: (options) => loadConfig({ env: { ...process.env, TROLY_LOG_LEVEL: 'silent' }, ...(options?.overrides ? { overrides: options.overrides } : {}) }) },
      {
        start: (options) => startAssistantServer({ ...options, logger: silentLogger() }),
        stopWhen: async () => {
          const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(io.stdout.join('\n'))?.[1];
          mode = ((await (await fetch(`${url}/readyz`)).json()) as { checks: { snapshot: { mode: string } } }).checks.snapshot.mode;
        },
      },
    );
    await program.parseAsync(['node', 'troly', 'serve', '--port', '0', '--data', join(root, 'data'), '--knowledge', join(root, 'knowledge')]);
    expect(count(io.stderr.join('\n'), MISSING_NOTICE)).toBe(1);
    expect(mode).toBe('lexical');
  });
});
