import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { startAdminTestServer } from './admin-server';

const NOTICE = '# Thông báo lịch tiếp công dân tháng 3\n\nỦy ban nhân dân quận Ngô Quyền tiếp công dân vào sáng thứ Ba hằng tuần tại phòng số 5.\n';

/** Polls `check` every 100 ms, at most `rounds` times; true once it holds. */
async function eventually(check: () => boolean | Promise<boolean>, rounds = 300): Promise<boolean> {
  for (let i = 0; i < rounds; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('serve --watch and the CURRENT poll', () => {
  it('reindexes once after files land in the knowledge folder, and serves the result', async () => {
    const s = await startAdminTestServer({ env: { TROLY_WATCH: 'true', TROLY_WATCH_DEBOUNCE_MS: '300' } });
    try {
      writeFileSync(join(s.config.knowledgeDir, 'thong-bao-thang-3.md'), NOTICE);
      writeFileSync(join(s.config.knowledgeDir, '.tam.md.part'), 'tệp tạm đang ghi');
      expect(await eventually(() => s.pipeline.info().documents === 3)).toBe(true);
      const { jobs } = (await (await s.admin('/admin/jobs')).json()) as { jobs: Array<{ trigger: string; state: string }> };
      expect(jobs).toEqual([expect.objectContaining({ trigger: 'watch', state: 'succeeded' })]);
      const answer = await s.pipeline.assistant.ask({ question: 'Quận Ngô Quyền tiếp công dân vào ngày nào?' });
      expect(answer.citations[0]?.title).toBe('Thông báo lịch tiếp công dân tháng 3');
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('follows CURRENT switched by the command line: troly index --rollback is served without a restart', async () => {
    const s = await startAdminTestServer({ env: { TROLY_SNAPSHOT_POLL_MS: '200' } });
    try {
      const first = s.pipeline.info().snapshotId;
      writeFileSync(join(s.config.knowledgeDir, 'thong-bao-thang-3.md'), NOTICE);
      const io = createMemoryOutput();
      expect(await run(['node', 'troly', 'index', '--knowledge', s.config.knowledgeDir, '--data', s.config.dataDir], io)).toBe(0);
      expect(await eventually(() => s.pipeline.info().documents === 3)).toBe(true);
      expect(await run(['node', 'troly', 'index', '--rollback', '--data', s.config.dataDir], io)).toBe(0);
      expect(io.stdout.at(-1)).toMatch(/^Đã quay lại bản chỉ mục /);
      expect(await eventually(() => s.pipeline.info().snapshotId === first)).toBe(true);
      expect(s.pipeline.info().documents).toBe(2);
    } finally {
      process.exitCode = 0;
      await s.stop();
    }
  }, 60_000);
});
