import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathSpellings, rawRequest } from '../helpers/path-spellings';
import { ADMIN_TOKEN, startAdminTestServer, type AdminTestServer } from './admin-server';

const BOUNDARY = 'troly-bypass-boundary';
const UPLOAD = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="ke-hoach.md"\r\nContent-Type: text/markdown\r\n\r\n# Kế hoạch\n\nĐiều 1. Lịch tiếp công dân\r\n--${BOUNDARY}--\r\n`);

/** A request target that is not an origin-form path or whose escapes do not decode: refused before routing. */
function malformed(target: string): boolean {
  if (!target.startsWith('/')) return true;
  try {
    decodeURIComponent(target);
    return false;
  } catch {
    return true;
  }
}

let s: AdminTestServer;
let jobId = '';
let docId = '';
let knowledgeBefore: string[] = [];

beforeAll(async () => {
  s = await startAdminTestServer();
  // A real job and a real document, so that a route reached without the token would answer 2xx.
  jobId = ((await (await s.admin('/admin/reindex', { method: 'POST' })).json()) as { jobId: string }).jobId;
  await s.waitForJob(jobId);
  const listed = (await (await s.admin('/admin/documents')).json()) as { documents: Array<{ docId: string }> };
  docId = listed.documents[0]?.docId ?? '';
  knowledgeBefore = readdirSync(s.config.knowledgeDir).sort();
});
afterAll(async () => {
  await s.stop();
});

describe('admin authorization', () => {
  it('lets no spelling of any admin route reach its handler without the token: 401 or 404 (400 for a malformed target), never 2xx', async () => {
    const routes: Array<{ method: string; path: string; query?: string; body?: Buffer; type?: string }> = [
      { method: 'GET', path: '/admin/documents' },
      { method: 'HEAD', path: '/admin/documents' },
      { method: 'POST', path: '/admin/documents', body: UPLOAD, type: `multipart/form-data; boundary=${BOUNDARY}` },
      { method: 'DELETE', path: `/admin/documents/${docId}` },
      { method: 'POST', path: '/admin/reindex' },
      { method: 'GET', path: '/admin/jobs' },
      { method: 'GET', path: `/admin/jobs/${jobId}` },
      { method: 'GET', path: `/admin/jobs/${jobId}/events` },
      { method: 'POST', path: '/admin/rollback' },
      { method: 'GET', path: '/admin/feedback' },
      { method: 'GET', path: '/admin/feedback', query: '?format=csv' },
    ];
    expect(docId).not.toBe('');
    const seen = new Map<number, number>();
    const reached: string[] = [];
    for (const route of routes) {
      const spellings = [route.path, ...pathSpellings(route.path)];
      for (const target of spellings) {
        for (const headers of [{}, { Authorization: 'Bearer sai-ma' }, { Authorization: ADMIN_TOKEN }] as Array<Record<string, string>>) {
          const res = await rawRequest({
            url: s.url,
            method: route.method,
            target: `${target}${route.query ?? ''}`,
            headers: { ...headers, ...(route.type === undefined ? {} : { 'Content-Type': route.type }) },
            ...(route.body === undefined ? {} : { body: route.body }),
          });
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          const refused = res.status === 401 || res.status === 404 || (res.status === 400 && malformed(target));
          if (!refused) reached.push(`${route.method} ${target}${route.query ?? ''} → ${res.status}`);
        }
      }
    }
    expect(reached).toEqual([]);
    // Most spellings reach the check; it is the check that answers, not a router that happened to miss.
    expect(seen.get(401) ?? 0).toBeGreaterThan(routes.length * 3);
    // Nothing happened: no file written or removed, no job started.
    expect(readdirSync(s.config.knowledgeDir).sort()).toEqual(knowledgeBefore);
    const { jobs } = (await (await s.admin('/admin/jobs')).json()) as { jobs: Array<{ jobId: string }> };
    expect(jobs.map((j) => j.jobId)).toEqual([jobId]);
    // About 2,000 requests: bounded, but more than the default 30 s on a loaded machine.
  }, 120_000);

  it('still serves every route with the token, and the public page without it', async () => {
    expect((await s.admin('/admin/documents')).status).toBe(200);
    expect((await s.admin(`/admin/jobs/${jobId}`)).status).toBe(200);
    expect((await s.admin('/admin/feedback?format=csv')).status).toBe(200);
    expect((await s.admin('/admin/khong-co')).status).toBe(404);
    expect((await fetch(`${s.url}/admin/khong-co`)).status).toBe(401);
    expect((await fetch(`${s.url}/admin`)).status).toBe(200);
  });
});
