import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexLauncher, LaunchOutcome } from '../../src/admin/child-index-launcher';
import { createReindexJobs, type ReindexJob, type ReindexJobs } from '../../src/admin/reindex-jobs';
import { createSharedReindexJobs } from '../../src/admin/shared-reindex-jobs';
import { silentLogger } from '../../src/config/logger';
import type { StateDatabase } from '../../src/state/state-database';
import { stateBackends, type StatePlace } from '../state/state-backends';

const REPORT = { filesSeen: 1, documents: [], problems: [], lines: [] };

/** A launcher whose builds the test finishes by hand; it records which replica built what. */
function manualLauncher(name: string, builds: string[]) {
  const pending: Array<{ finish: (outcome: LaunchOutcome) => void; progress: IndexLauncher extends (o: infer O) => unknown ? O : never }> = [];
  const launch: IndexLauncher = (options) =>
    new Promise<LaunchOutcome>((resolve) => {
      builds.push(name);
      pending.push({ finish: resolve, progress: options });
      options.abortSignal.addEventListener('abort', () => resolve({ ok: false, code: 'ABORTED', message: 'dừng' }));
    });
  const succeed = (snapshotId: string) => pending.shift()?.finish({ ok: true, done: { event: 'done', snapshotId, documents: 1, chunks: 2, reusedDocuments: 0, seconds: 0.1, report: REPORT } });
  return { launch, pending, succeed };
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const backend of stateBackends()) {
  describe.skipIf(!backend.available)(`shared reindex jobs on ${backend.name}`, () => {
    let place: StatePlace | undefined;
    const cleanup: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const step of cleanup.splice(0).reverse()) await step();
      await place?.dispose();
      place = undefined;
    });
    const replica = async (name: string, builds: string[]) => {
      place ??= await backend.place();
      const db: StateDatabase = await place.open();
      const launcher = manualLauncher(name, builds);
      const served: string[] = [];
      const local = createReindexJobs({ launch: launcher.launch, onBuilt: ({ done }) => void served.push(done.snapshotId), messages: { reloadFailed: 'r', stopped: 's', unexpected: 'u' } });
      const jobs = createSharedReindexJobs({ store: db.jobs, local, instanceId: name, logger: silentLogger(), pollMs: 100 });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await jobs.close();
        await db.close();
      };
      cleanup.push(close);
      return { db, jobs, launcher, served, close };
    };
    const state = (jobs: ReindexJobs, jobId: string) => async () => (await jobs.get(jobId))?.state;

    it('runs a job requested on any replica once, and every replica sees its progress and result', async () => {
      const builds: string[] = [];
      const a = await replica('A', builds);
      const first = await a.jobs.request();
      expect(first.created).toBe(true);
      await until(async () => (await state(a.jobs, first.job.jobId)()) === 'running');
      if (backend.name === 'postgres') {
        const b = await replica('B', builds);
        // Asked on B while A builds: one follow-up job, shared by every later request.
        const second = await b.jobs.request({ trigger: 'watch' });
        const third = await a.jobs.request();
        expect([second.created, third.created]).toEqual([true, false]);
        expect(third.job.jobId).toBe(second.job.jobId);
        const updates: ReindexJob[] = [];
        const stop = b.jobs.subscribe(first.job.jobId, (job) => updates.push(job));
        a.launcher.pending[0]?.progress.onProgress({ event: 'progress', phase: 'lexical', done: 1, total: 2 });
        await until(() => updates.find((u) => u.progress?.phase === 'lexical'));
        a.launcher.succeed('snap-1');
        await until(() => updates.find((u) => u.state === 'succeeded'));
        stop();
        expect(await b.jobs.get(first.job.jobId)).toMatchObject({ state: 'succeeded', result: { snapshotId: 'snap-1' } });
        // The follow-up runs on the lease holder (A) too, never on B.
        await until(async () => (await state(b.jobs, second.job.jobId)()) === 'running');
        a.launcher.succeed('snap-2');
        await until(async () => (await state(b.jobs, second.job.jobId)()) === 'succeeded');
        expect(builds).toEqual(['A', 'A']);
        expect(a.served).toEqual(['snap-1', 'snap-2']);
        expect(b.served).toEqual([]);
        expect((await b.jobs.list()).map((j) => j.jobId)).toEqual([second.job.jobId, first.job.jobId]);
      } else {
        a.launcher.succeed('snap-1');
        await until(async () => (await state(a.jobs, first.job.jobId)()) === 'succeeded');
        expect(await a.jobs.active()).toBeUndefined();
      }
    });

    it.runIf(backend.name === 'postgres')('hands a job whose indexer died to another replica, which builds it again', async () => {
      const builds: string[] = [];
      const a = await replica('A', builds);
      const { job } = await a.jobs.request();
      await until(async () => (await state(a.jobs, job.jobId)()) === 'running');
      const b = await replica('B', builds);
      // A dies: PostgreSQL ends its sessions (the lease's with them); its build goes nowhere.
      const admin = new pg.Client({ connectionString: (place as StatePlace).url });
      await admin.connect();
      try {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");
      } finally {
        await admin.end();
      }
      await until(() => builds.includes('B'));
      expect((await b.jobs.get(job.jobId))?.state).toBe('running');
      b.launcher.succeed('snap-b');
      await until(async () => (await state(b.jobs, job.jobId)()) === 'succeeded');
      expect(b.served).toEqual(['snap-b']);
    });
  });
}
