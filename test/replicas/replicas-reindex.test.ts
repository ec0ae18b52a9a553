import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLivePipeline, type LivePipeline } from '../../src/app/live-pipeline';
import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/config/logger';
import { buildSnapshot } from '../../src/index/build-snapshot';
import { startAssistantServer, type RunningAssistantServer } from '../../src/main';
import { ADMIN_TOKEN, prompts } from '../admin/admin-server';
import { writeLawKnowledge } from '../helpers/knowledge-folder';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster';

const PLAN = `# Kế hoạch số 45/KH-UBND về tổ chức tiếp công dân năm 2025

Số: 45/KH-UBND

## 1. Lịch tiếp công dân định kỳ

Chủ tịch Ủy ban nhân dân quận Lê Chân tiếp công dân định kỳ vào ngày thứ Năm của tuần đầu tiên trong tháng, tại Trụ sở tiếp công dân quận.
`;
const PLAN_QUESTION = 'Chủ tịch quận Lê Chân tiếp công dân vào ngày nào?';

interface Replica {
  server: RunningAssistantServer;
  pipeline: LivePipeline;
}

describe.skipIf(!postgresAvailability().available)('one indexer for two replicas on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let root: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    root = mkdtempSync(join(tmpdir(), 'troly-replicas-index-'));
    const knowledgeDir = join(root, 'knowledge');
    writeLawKnowledge(knowledgeDir, { withBadFiles: false });
    const env = {
      PORT: '0',
      TROLY_DATA_DIR: join(root, 'data'),
      TROLY_KNOWLEDGE_DIR: knowledgeDir,
      TROLY_MODELS_DIR: join(root, 'models'),
      TROLY_DATABASE_URL: await cluster.createDatabase(),
      TROLY_ADMIN_TOKEN: ADMIN_TOKEN,
      TROLY_SNAPSHOT_POLL_MS: '200',
      TROLY_RATE_LIMIT_IP_PER_MINUTE: '0',
    };
    const config = loadConfig({ env });
    await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
    for (let i = 0; i < 2; i += 1) {
      const pipeline = openLivePipeline({ config, prompts, logger: silentLogger() });
      const server = await startAssistantServer({ config, prompts, logger: silentLogger(), pipeline });
      replicas.push({ server, pipeline });
    }
  }, 120_000);

  afterAll(async () => {
    for (const { server } of replicas) await server.stop();
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const admin = (replica: Replica, path: string, init: RequestInit = {}) => fetch(`${replica.server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string> | undefined) } });

  it('a reindex asked on one replica runs once, is visible on the other, and both serve the new snapshot', async () => {
    const [a, b] = replicas as [Replica, Replica];
    for (const { pipeline } of replicas) expect((await pipeline.assistant.ask({ question: PLAN_QUESTION })).citations.some((c) => c.docNumber === '45/KH-UBND')).toBe(false);
    writeFileSync(join(root, 'knowledge', 'Kế hoạch tiếp công dân 2025.md'), PLAN);
    const requested = await admin(b, '/admin/reindex', { method: 'POST' });
    expect(requested.status).toBe(202);
    const { jobId } = (await requested.json()) as { jobId: string };
    // Followed through the other replica's API: the job and its progress are in the database.
    let job: { state: string; result?: { snapshotId: string } } = { state: 'queued' };
    for (let i = 0; i < 600 && job.state !== 'succeeded' && job.state !== 'failed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (await admin(a, `/admin/jobs/${jobId}`)).json()) as typeof job;
    }
    expect(job.state).toBe('succeeded');
    const snapshotId = job.result?.snapshotId;
    const listed = (await (await admin(b, '/admin/jobs')).json()) as { jobs: Array<{ jobId: string }> };
    expect(listed.jobs.map((j) => j.jobId)).toEqual([jobId]);
    // Both replicas end up serving the new snapshot, whichever built it.
    for (const { pipeline } of replicas) {
      for (let i = 0; i < 100 && pipeline.info().snapshotId !== snapshotId; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pipeline.info().snapshotId).toBe(snapshotId);
      const answer = await pipeline.assistant.ask({ question: PLAN_QUESTION });
      expect(answer.citations.find((c) => c.docNumber === '45/KH-UBND')?.passage).toContain('thứ Năm của tuần đầu tiên');
    }
  }, 120_000);
});
