import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { childIndexEnv, childIndexLauncher, type LaunchOutcome } from '../../src/admin/child-index-launcher';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { readQuarantine } from '../../src/ingest/quarantine';
import { writeGeneratedCorpus } from '../fixtures/admin/generated-corpus';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';
import { prompts } from './admin-server';

const tempDir = useTempDirs('indexer-limits');

function setUp(env: Record<string, string> = {}): Config {
  const root = tempDir();
  const knowledgeDir = join(root, 'knowledge');
  writeLawKnowledge(knowledgeDir, { withBadFiles: false });
  return loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_MODELS_DIR: join(root, 'models'), TROLY_LOG_LEVEL: 'silent', ...env } });
}

const launch = (launcher: ReturnType<typeof childIndexLauncher>): Promise<LaunchOutcome> => launcher({ onProgress: () => {}, abortSignal: new AbortController().signal });

describe('childIndexLauncher limits', () => {
  it('runs the child under indexerHeapMb, and names and quarantines the file it died on', async () => {
    const config = setUp({ TROLY_INDEXER_HEAP_MB: '64' });
    const entry = resolve(PROJECT_ROOT, 'test/fixtures/admin/memory-hog-indexer.mjs');
    const outcome = await launch(childIndexLauncher({ config, prompts, entry }));
    expect(outcome).toMatchObject({ ok: false, code: 'INDEXER_DIED', file: 'luat-cu-tru.md' });
    if (outcome.ok) return;
    expect(outcome.message).toContain('Tệp luat-cu-tru.md làm tiến trình lập chỉ mục dừng');
    expect(outcome.detail).toContain('ran out of memory');
    expect(outcome.report?.problems).toEqual([expect.objectContaining({ path: 'luat-cu-tru.md', code: 'quarantined' })]);
    expect(outcome.report?.lines.join('\n')).toContain('luat-cu-tru.md');
    expect(readQuarantine({ dataDir: config.dataDir })).toEqual([expect.objectContaining({ path: 'luat-cu-tru.md', reason: expect.stringContaining('out of memory') })]);
  }, 60_000);

  it('kills a child stuck on one file past maxFileMs, and the next build skips that file until it changes', async () => {
    // The text loader works synchronously, so only the parent can stop it: 1 ms per file, 1 s of grace (the law files take milliseconds).
    const config = setUp({ TROLY_MAX_FILE_MS: '1' });
    await buildSnapshot({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
    const served = readCurrentSnapshotId({ dataDir: config.dataDir });
    const paragraph = 'Điều 1. Công dân có quyền tự do cư trú theo quy định của Luật này và quy định khác của pháp luật có liên quan.\n\n';
    writeFileSync(join(config.knowledgeDir, 'a-rat-dai.txt'), `Văn bản rất dài\n\n${paragraph.repeat(60_000)}`);
    const launcher = childIndexLauncher({ config, prompts, stuckGraceMs: 1000 });
    const outcome = await launch(launcher);
    expect(outcome).toMatchObject({ ok: false, code: 'INDEXER_DIED', file: 'a-rat-dai.txt' });
    if (!outcome.ok) expect(outcome.detail).toMatch(/reading it took more than \d+ ms and the indexer was killed/);
    expect(readCurrentSnapshotId({ dataDir: config.dataDir })).toBe(served);

    const next = await launch(launcher);
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.done.report.problems).toEqual([expect.objectContaining({ path: 'a-rat-dai.txt', code: 'quarantined' })]);
    expect(next.done.documents).toBe(2);
  }, 120_000);
});

describe('reindex child after its server is killed', () => {
  it('ends, without switching CURRENT, when the process that launched it dies by SIGKILL', async () => {
    const config = setUp();
    await buildSnapshot({ knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
    const served = readCurrentSnapshotId({ dataDir: config.dataDir });
    writeGeneratedCorpus({ dir: config.knowledgeDir, count: 60 });
    const parent = spawn(process.execPath, [resolve(PROJECT_ROOT, 'test/fixtures/admin/launching-parent.mjs')], {
      env: { ...childIndexEnv({ config, base: {} }), PATH: process.env.PATH ?? '', TROLY_DATA_DIR: config.dataDir, TROLY_KNOWLEDGE_DIR: config.knowledgeDir },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Caught as it starts writing the store: from there to the switch it works without a pause
    // (nothing else can run, not even a failed stdout write). The child is stopped, its parent
    // killed, then the child resumed, so the kill lands in that stretch every time.
    const childPid = await new Promise<number>((settle, fail) => {
      createInterface({ input: parent.stdout }).on('line', (line) => {
        if (!line.includes('"phase":"store"')) return;
        const pid = Number(readFileSync(join(config.dataDir, 'index.lock'), 'utf8'));
        process.kill(pid, 'SIGSTOP');
        parent.kill('SIGKILL');
        parent.on('close', () => process.kill(pid, 'SIGCONT'));
        settle(pid);
      });
      parent.on('exit', (code) => code !== null && fail(new Error(`the parent ended (exit code ${code}) before the child wrote its store`)));
    });
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    let ended = false;
    for (let i = 0; i < 150 && !ended; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ended = !alive(childPid);
    }
    expect(ended).toBe(true);
    expect(readCurrentSnapshotId({ dataDir: config.dataDir })).toBe(served);
    // It would have switched by now had it gone on.
    await new Promise((r) => setTimeout(r, 1000));
    expect(readCurrentSnapshotId({ dataDir: config.dataDir })).toBe(served);
    expect(readdirSync(join(config.dataDir, 'snapshots')).filter((n) => n.endsWith('.partial'))).toEqual([]);
  }, 60_000);
});
