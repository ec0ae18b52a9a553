import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index';
import { createMemoryOutput } from '../../src/cli/output';
import { makeDocxBomb } from '../fixtures/ingest/make-zip-bomb';
import { ADMIN_TOKEN, startAdminTestServer, uploadForm, type AdminTestServer } from './admin-server';

const PLAN = `# Kế hoạch số 45/KH-UBND về tổ chức tiếp công dân năm 2025

Số: 45/KH-UBND

Điều 1. Lịch tiếp công dân

Chủ tịch Ủy ban nhân dân quận Lê Chân tiếp công dân định kỳ vào ngày thứ Năm của tuần đầu tiên mỗi tháng tại Trụ sở tiếp công dân số 18 Hồ Sen.

Điều 2. Trách nhiệm

Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận chuẩn bị địa điểm, bố trí cán bộ ghi chép đầy đủ nội dung các buổi tiếp công dân.
`;
const PLAN_QUESTION = 'Chủ tịch quận Lê Chân tiếp công dân vào ngày nào?';

let running: AdminTestServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
async function start(options?: Parameters<typeof startAdminTestServer>[0]) {
  running = await startAdminTestServer(options);
  return running;
}
/** Two documents in two `file` parts: only one may be uploaded at a time. */
function twoFiles(): FormData {
  const form = uploadForm({ name: 'ke-hoach-1.md', content: PLAN });
  form.append('file', new Blob([PLAN]), 'ke-hoach-2.md');
  return form;
}
const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } };

async function reindex(s: AdminTestServer) {
  const res = await s.admin('/admin/reindex', { method: 'POST' });
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  const job = await s.waitForJob(jobId);
  // The whole job on failure: its error says why the build failed.
  expect(job).toMatchObject({ state: 'succeeded', error: null });
  return job;
}

describe('admin API', () => {
  it('is off when no admin token is configured, and says so at start-up', async () => {
    const s = await start({ token: null });
    expect((await fetch(`${s.url}/admin`)).status).toBe(404);
    expect((await fetch(`${s.url}/admin/documents`)).status).toBe(404);
    expect(s.logs.some((l) => l.msg.includes('TROLY_ADMIN_TOKEN is not set'))).toBe(true);
  });

  it('answers 401, the same for real and made-up paths, without the right token', async () => {
    const s = await start();
    const bodies: string[] = [];
    for (const [path, headers] of [
      ['/admin/documents', {}],
      ['/admin/documents', { Authorization: 'Bearer sai-ma' }],
      ['/admin/khong-co', { Authorization: 'Bearer sai-ma' }],
      ['/admin/documents', { Authorization: ADMIN_TOKEN }],
      ['/admin/jobs/x/events', { Authorization: `Bearer ${ADMIN_TOKEN}x` }],
    ] as const) {
      const res = await fetch(`${s.url}${path}`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="troly-admin"');
      bodies.push(await res.text());
    }
    expect(new Set(bodies).size).toBe(1);
    expect((await fetch(`${s.url}/admin/reindex`, { method: 'POST' })).status).toBe(401);
    // The page itself is public: it only asks for the token.
    expect((await fetch(`${s.url}/admin`)).status).toBe(200);
  });

  it('uploads a document, reindexes, cites it; deletes it, reindexes, no longer cites it', async () => {
    const s = await start();
    const before = await s.pipeline.assistant.ask({ question: PLAN_QUESTION });
    expect(before.citations.some((c) => c.title.includes('tiếp công dân'))).toBe(false);

    const upload = await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'Kế hoạch tiếp công dân 2025.md', content: PLAN }) });
    expect(upload.status).toBe(201);
    const listed = (await json(await s.admin('/admin/documents'))) as { documents: Array<{ docId: string; status: string; path: string }> };
    expect(listed.documents.find((d) => d.path === 'Kế hoạch tiếp công dân 2025.md')?.status).toBe('pending');

    const job = (await reindex(s)) as { state: string; result: { reusedDocuments: number; documents: number } };
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ documents: 3, reusedDocuments: 2 });
    const answer = await s.pipeline.assistant.ask({ question: PLAN_QUESTION });
    expect(answer.grounded).toBe(true);
    const cited = answer.citations.find((c) => c.docNumber === '45/KH-UBND');
    expect(cited?.passage).toContain('thứ Năm của tuần đầu tiên');

    const rows = (await json(await s.admin('/admin/documents'))) as { documents: Array<{ docId: string; status: string; chunkCount: number; docNumber: string | null }> };
    const row = rows.documents.find((d) => d.docNumber === '45/KH-UBND');
    expect(row).toMatchObject({ status: 'indexed' });
    expect(row?.chunkCount).toBeGreaterThan(0);

    const deleted = await s.admin(`/admin/documents/${encodeURIComponent(row?.docId ?? '')}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(existsSync(join(s.config.knowledgeDir, 'Kế hoạch tiếp công dân 2025.md'))).toBe(false);
    expect((await reindex(s)).state).toBe('succeeded');
    const after = await s.pipeline.assistant.ask({ question: PLAN_QUESTION });
    expect(after.citations.some((c) => c.docNumber === '45/KH-UBND')).toBe(false);
    expect(s.pipeline.listDocuments().map((d) => d.id)).not.toContain(row?.docId);
  });

  it('refuses bad uploads with a Vietnamese reason and writes nothing', async () => {
    const s = await start({ env: { TROLY_MAX_FILE_BYTES: '16384' } });
    const post = (body: BodyInit, query = '') => s.admin(`/admin/documents${query}`, { method: 'POST', body });
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ['oversized', post(uploadForm({ name: 'lon.md', content: 'Điều 1. Quy định chung\n'.repeat(1000) })), 413, 'too-large'],
      ['far too large (refused before reading)', post(uploadForm({ name: 'rat-lon.md', content: 'Điều 1. Quy định chung\n'.repeat(10_000) })), 413, 'too-large'],
      ['parent folder', post(uploadForm({ name: '../ngoai-kho.md', content: PLAN })), 400, 'path'],
      ['sub-folder', post(uploadForm({ name: 'a/b.md', content: PLAN })), 400, 'path'],
      ['backslash', post(uploadForm({ name: '..\\ngoai-kho.md', content: PLAN })), 400, 'path'],
      ['hidden', post(uploadForm({ name: '.an.md', content: PLAN })), 400, 'hidden'],
      ['unsupported type', post(uploadForm({ name: 'trinh-chieu.pptx', content: 'PK' })), 415, 'type'],
      ['executable', post(uploadForm({ name: 'cai-dat.exe', content: 'MZ' })), 415, 'type'],
      ['wrong field', post(uploadForm({ name: 'ke-hoach.md', content: PLAN, field: 'tep' })), 400, 'no-file'],
      ['not multipart', s.admin('/admin/documents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"file":"x"}' }), 415, 'not-multipart'],
      ['existing name', post(uploadForm({ name: 'luat-cu-tru.md', content: PLAN })), 409, 'exists'],
      ['right-to-left override (shows as "ke-hoachdm.txt")', post(uploadForm({ name: 'ke-hoach\u202Etxt.md', content: PLAN })), 400, 'bidi'],
      ['isolate', post(uploadForm({ name: 'ke-hoach\u2067.md', content: PLAN })), 400, 'bidi'],
      ['a second file part', post(twoFiles()), 400, 'several-files'],
    ];
    for (const [label, pending, status, code] of cases) {
      const res = await pending;
      const body = await json(res);
      expect({ label, status: res.status, code: body.error?.code }).toEqual({ label, status, code });
      expect(body.error?.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    expect(readdirSync(s.config.knowledgeDir).sort()).toEqual(['luat-cu-tru.md', 'luat-cu-tru.md.meta.json', 'luat-hon-nhan-va-gia-dinh.md', 'luat-hon-nhan-va-gia-dinh.md.meta.json']);
    expect(existsSync(join(s.root, 'ngoai-kho.md'))).toBe(false);
    // Said plainly, an existing file is replaced.
    const replaced = await post(uploadForm({ name: 'luat-cu-tru.md', content: PLAN }), '?overwrite=1');
    expect(replaced.status).toBe(200);
    expect((await json(replaced)).replaced).toBe(true);
  });

  it('reports a corrupt file and indexes the rest', async () => {
    const s = await start();
    expect((await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'bao-cao.docx', content: 'không phải tệp Word' }) })).status).toBe(201);
    expect((await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'ke-hoach.md', content: PLAN }) })).status).toBe(201);
    const job = (await reindex(s)) as { state: string; report: { problems: Array<{ path: string; code: string }>; lines: string[] } };
    expect(job.state).toBe('succeeded');
    expect(job.report.problems).toEqual([expect.objectContaining({ path: 'bao-cao.docx', code: 'corrupt' })]);
    expect(job.report.lines.join('\n')).toMatch(/✗ bao-cao\.docx: tệp bị hỏng/);
    const rows = (await json(await s.admin('/admin/documents'))) as { documents: Array<{ path: string; status: string; problems: Array<{ reason: string }> }> };
    expect(rows.documents.find((d) => d.path === 'bao-cao.docx')).toMatchObject({ status: 'error', problems: [{ reason: expect.stringContaining('hỏng') }] });
    expect(rows.documents.find((d) => d.path === 'ke-hoach.md')?.status).toBe('indexed');
  });

  it('reports a zip bomb uploaded as .docx (refused under TROLY_MAX_ARCHIVE_BYTES in the reindex child) and indexes the rest', async () => {
    const s = await start({ env: { TROLY_MAX_ARCHIVE_BYTES: String(1024 * 1024) } });
    writeFileSync(join(s.config.knowledgeDir, 'bom.docx'), await makeDocxBomb({ unpackedBytes: 8 * 1024 * 1024 }));
    expect((await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'ke-hoach.md', content: PLAN }) })).status).toBe(201);
    const job = (await reindex(s)) as { state: string; report: { problems: Array<{ path: string; code: string; message: string }> } };
    expect(job.report.problems).toEqual([expect.objectContaining({ path: 'bom.docx', code: 'too-large', message: expect.stringContaining('maxArchiveBytes (1.0 MiB)') })]);
    expect(s.pipeline.info().documents).toBe(3);
  });

  it('runs one build at a time: concurrent requests share one follow-up job, and every job succeeds', async () => {
    const s = await start();
    const answers = await Promise.all([1, 2, 3, 4].map(() => s.admin('/admin/reindex', { method: 'POST' }).then(json)));
    const ids = [...new Set(answers.map((a) => a.jobId as string))];
    expect(ids.length).toBeLessThanOrEqual(2);
    expect(answers.filter((a) => a.created === true)).toHaveLength(ids.length);
    for (const id of ids) expect((await s.waitForJob(id)).state).toBe('succeeded');
    const { jobs } = (await json(await s.admin('/admin/jobs'))) as unknown as { jobs: Array<{ startedAt: string; finishedAt: string }> };
    const spans = jobs.map((j) => [Date.parse(j.startedAt), Date.parse(j.finishedAt)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? 0);
    expect(existsSync(join(s.config.dataDir, 'index.lock'))).toBe(false);
  });

  it('streams a job as server-sent events until it ends', async () => {
    const s = await start();
    const { jobId } = (await json(await s.admin('/admin/reindex', { method: 'POST' }))) as { jobId: string };
    const res = await s.admin(`/admin/jobs/${jobId}/events`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter((b) => b.startsWith('event: job')).map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as { state: string; progress: { percent: number } | null });
    expect(events.at(-1)?.state).toBe('succeeded');
    expect(events.at(-1)?.progress?.percent).toBe(100);
    const percents = events.flatMap((e) => (e.progress === null ? [] : [e.progress.percent]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('rolls back to the previous snapshot and serves it', async () => {
    const s = await start();
    const first = s.pipeline.info().snapshotId;
    await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'ke-hoach.md', content: PLAN }) });
    expect((await reindex(s)).state).toBe('succeeded');
    expect(s.pipeline.info().documents).toBe(3);
    const res = await s.admin('/admin/rollback', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(s.pipeline.info()).toMatchObject({ snapshotId: first, documents: 2 });
    const again = await s.admin('/admin/rollback', { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await json(again)).error?.code).toBe('Conflict');
  });

  it('refuses a rollback, over HTTP and on the command line, while a reindex runs, so the build cannot undo it', async () => {
    const s = await start();
    await s.admin('/admin/documents', { method: 'POST', body: uploadForm({ name: 'ke-hoach.md', content: PLAN }) });
    expect((await reindex(s)).state).toBe('succeeded');
    const built = s.pipeline.info().snapshotId;
    const { jobId } = (await json(await s.admin('/admin/reindex', { method: 'POST' }))) as { jobId: string };
    // At once, before the child process has even started: it holds no write lock yet.
    const res = await s.admin('/admin/rollback', { method: 'POST' });
    expect(res.status).toBe(409);
    expect((await json(res)).error?.code).toBe('Conflict');
    const io = createMemoryOutput();
    expect(await run(['node', 'troly', 'index', '--rollback', '--data', s.config.dataDir], io)).toBe(1);
    process.exitCode = 0;
    expect(io.stderr.join('\n')).toContain('A reindex is running or waiting in the server');
    const job = await s.waitForJob(jobId);
    expect(job.state).toBe('succeeded');
    expect(s.pipeline.info().snapshotId).not.toBe(built);
    expect(existsSync(join(s.config.dataDir, 'reindex.pending'))).toBe(false);
    expect((await s.admin('/admin/rollback', { method: 'POST' })).status).toBe(200);
    expect(s.pipeline.info().snapshotId).toBe(built);
  });
});
