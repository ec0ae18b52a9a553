import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { childIndexEnv, childIndexLauncher } from '../../src/admin/child-index-launcher';
import { parseIndexEvent } from '../../src/admin/index-events';
import { openLivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { EMBEDDING_CACHE_FILE } from '../../src/index/embedding-cache';
import { createEmbeddingVectorPart } from '../../src/index/embedding-vector-part';
import { openSnapshot } from '../../src/index/open-snapshot';
import { readCurrentSnapshotId } from '../../src/index/current-pointer';
import { readManifest } from '../../src/index/manifest';
import { snapshotPaths } from '../../src/index/snapshot-paths';
import { writeGeneratedCorpus } from '../fixtures/admin/generated-corpus';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { useTempDirs } from '../helpers/temp-dirs';
import { loadTinyEmbedder } from '../helpers/tiny-embedder';
import { prompts } from './admin-server';

const tempDir = useTempDirs('reindex-crash');

/** Runs `troly index --json-progress` and SIGKILLs it when it reports `phase`; resolves once it is dead. */
function killDuring({ env, knowledgeDir, dataDir, phase }: { env: NodeJS.ProcessEnv; knowledgeDir: string; dataDir: string; phase: string }) {
  return new Promise<{ partialSeen: boolean; partialSegmentSeen: boolean; signal: NodeJS.Signals | null; phases: string[] }>((settle, fail) => {
    const child = spawn(process.execPath, [resolve(PROJECT_ROOT, 'bin/troly.js'), 'index', '--json-progress', '--knowledge', knowledgeDir, '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const phases: string[] = [];
    let partialSeen = false;
    let partialSegmentSeen = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = parseIndexEvent(line);
      if (event?.event !== 'progress' || phases.includes(event.phase)) return;
      phases.push(event.phase);
      if (event.phase !== phase) return;
      // Stopped first, so the folder can be looked at before the kill: the build is caught mid-write.
      child.kill('SIGSTOP');
      partialSeen = readdirSync(join(dataDir, 'snapshots')).some((name) => name.endsWith('.partial'));
      partialSegmentSeen = readdirSync(join(dataDir, 'segments')).some((name) => name.endsWith('.partial'));
      child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('close', (_code, signal) => settle({ partialSeen, partialSegmentSeen, signal, phases }));
  });
}

describe('reindex crash safety', () => {
  it('a build killed mid-write leaves the old snapshot serving after restart; the next build takes the lock over and cleans up', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_MODELS_DIR: join(root, 'models'), TROLY_LOG_LEVEL: 'silent' } });
    await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
    const served = readCurrentSnapshotId({ dataDir: config.dataDir });
    // Enough new text that writing the store and the lexical index takes a while.
    writeGeneratedCorpus({ dir: knowledgeDir, count: 300 });

    // Killed while the new documents are chunked and written into a new segment file.
    const killed = await killDuring({ env: childIndexEnv({ config }), knowledgeDir, dataDir: config.dataDir, phase: 'chunk' });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.phases).not.toContain('switch');
    expect(killed.partialSeen).toBe(true);
    expect(killed.partialSegmentSeen).toBe(true);
    expect(readCurrentSnapshotId({ dataDir: config.dataDir })).toBe(served);
    // The dead build's lock is still there, naming a process that no longer exists.
    const holder = Number(readFileSync(join(config.dataDir, 'index.lock'), 'utf8'));
    expect(() => process.kill(holder, 0)).toThrow();

    // "Restart": a new server process opens CURRENT — the old snapshot, complete.
    const pipeline = openLivePipeline({ config, prompts });
    try {
      expect(pipeline.info()).toMatchObject({ snapshotId: served, documents: 2 });
      const answer = await pipeline.assistant.ask({ question: 'Nơi cư trú của người chưa thành niên là ở đâu?' });
      expect(answer.grounded).toBe(true);
      expect(answer.citations[0]).toMatchObject({ title: 'Luật Cư trú', locator: expect.stringMatching(/^Điều 12/) });

      const outcome = await childIndexLauncher({ config })({ onProgress: () => {}, abortSignal: new AbortController().signal });
      expect(outcome.ok).toBe(true);
      expect((await pipeline.reload()).documents).toBe(302);
    } finally {
      pipeline.close();
    }
    expect(readdirSync(join(config.dataDir, 'snapshots')).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // The dead build's unfinished segment is swept; the served snapshot's segment is shared, not copied.
    const current = readCurrentSnapshotId({ dataDir: config.dataDir }) ?? '';
    const manifest = readManifest({ path: join(snapshotPaths({ dataDir: config.dataDir }).dir(current), 'manifest.json') });
    expect(readdirSync(join(config.dataDir, 'segments')).sort(), JSON.stringify(readdirSync(join(config.dataDir, 'segments')))).toEqual(manifest.lexical.segments.flatMap((s) => [`${s.id}.postings`, `${s.id}.sqlite`]).sort());
    expect(manifest.lexical.segments).toHaveLength(2);
    expect(existsSync(join(config.dataDir, 'index.lock'))).toBe(false);
  }, 120_000);

  it('a build killed while it updates the vector graph leaves the old snapshot and its vectors serving; the next build updates the graph', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const modelId = 'test/tiny-crash';
    const config = loadConfig({
      env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir, TROLY_MODELS_DIR: join(root, 'models'), TROLY_EMBEDDING_MODEL: modelId, TROLY_LOG_LEVEL: 'silent' },
    });
    const tiny = await loadTinyEmbedder({ modelsDir: config.modelsDir, modelId, dimensions: 24 });
    const embedding = { modelId, dimensions: 24 };
    try {
      const vectors = createEmbeddingVectorPart({ embedder: tiny, cachePath: join(config.dataDir, EMBEDDING_CACHE_FILE), tunables: config.tunables });
      const first = await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables, vectors });
      writeGeneratedCorpus({ dir: knowledgeDir, count: 20 });

      const killed = await killDuring({ env: childIndexEnv({ config }), knowledgeDir, dataDir: config.dataDir, phase: 'vectors' });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.phases).not.toContain('switch');
      expect(killed.partialSeen).toBe(true);
      expect(readCurrentSnapshotId({ dataDir: config.dataDir })).toBe(first.manifest?.id);
      const old = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding });
      try {
        expect(old.vectors?.index.size).toBe(first.chunkCount);
      } finally {
        old.close();
      }

      const outcome = await childIndexLauncher({ config })({ onProgress: () => {}, abortSignal: new AbortController().signal });
      expect(outcome.ok).toBe(true);
      const current = readCurrentSnapshotId({ dataDir: config.dataDir }) ?? '';
      const manifest = readManifest({ path: join(snapshotPaths({ dataDir: config.dataDir }).dir(current), 'manifest.json') });
      expect(manifest.embedding).toMatchObject({ graph: { updated: { deleted: 0 } } });
      const updated = openSnapshot({ dataDir: config.dataDir, tunables: config.tunables, embedding });
      try {
        expect(updated.vectors?.index.size).toBe(manifest.counts.chunks);
        expect(manifest.counts.chunks).toBeGreaterThan(first.chunkCount);
      } finally {
        updated.close();
      }
    } finally {
      await tiny.dispose();
    }
  }, 120_000);
});
