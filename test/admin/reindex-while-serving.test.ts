import { describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../fixtures/admin/generated-corpus';
import { startAdminTestServer } from './admin-server';

const OLD_QUESTION = 'Nơi cư trú của người chưa thành niên là ở đâu?';
/** Answered only by generated quyết định 0007 (its Điều 1 names the district and the file number). */
const NEW_QUESTION = 'hồ sơ số 1006 được giải quyết trong thời hạn bao nhiêu ngày làm việc';

describe('reindex while serving', () => {
  it('answers every question during a background reindex from a complete snapshot, old or new, then from the new one', async () => {
    const s = await startAdminTestServer();
    try {
      const oldId = s.pipeline.info().snapshotId;
      writeGeneratedCorpus({ dir: s.config.knowledgeDir, count: 200 });
      const { jobId } = (await (await s.admin('/admin/reindex', { method: 'POST' })).json()) as { jobId: string };

      const seen = new Map<string, number>();
      const failures: string[] = [];
      let finished = false;
      let last: { state: string } = { state: 'queued' };
      let rounds = 0;
      // Bounded: at most 3000 rounds (≥ 30 s) whatever happens to the job.
      for (; rounds < 3000 && !finished; rounds++) {
        const info = s.pipeline.info();
        seen.set(info.snapshotId, info.documents);
        const [answer, page] = await Promise.all([s.pipeline.assistant.ask({ question: OLD_QUESTION }), fetch(`${s.url}/documents/luat-cu-tru`)]);
        // The generated decisions quote the same article, so after the switch the passage may be cited from one of them.
        if (!answer.grounded || !(answer.citations[0]?.passage ?? '').includes('nơi cư trú của cha, mẹ')) failures.push(`round ${rounds}: ${answer.text.slice(0, 80)}`);
        if (page.status !== 200) failures.push(`round ${rounds}: document page ${page.status}`);
        await page.arrayBuffer();
        last = (await (await s.admin(`/admin/jobs/${jobId}`)).json()) as { state: string };
        finished = last.state === 'succeeded' || last.state === 'failed';
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(failures).toEqual([]);
      expect(last).toMatchObject({ state: 'succeeded' });
      expect(rounds).toBeGreaterThan(3);
      const newId = s.pipeline.info().snapshotId;
      expect(newId).not.toBe(oldId);
      // Only the two complete snapshots were ever served, each with its full document count.
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries([[oldId, 2], ...(seen.has(newId) ? [[newId, 202]] : [])]));
      expect(s.pipeline.info().documents).toBe(202);
      const fresh = await s.pipeline.assistant.ask({ question: NEW_QUESTION });
      expect(fresh.grounded).toBe(true);
      expect(fresh.citations[0]?.docNumber).toBe('7/QĐ-UBND');
    } finally {
      await s.stop();
    }
  }, 120_000);
});
