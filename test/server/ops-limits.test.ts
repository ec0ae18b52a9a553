import { describe, expect, it } from 'vitest';
import { openDirectLineSession } from '../../bench/load/directline-session';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { startTestServer } from '../helpers/test-server';
import { sampleValue } from './prometheus-text';

const SECRET = 'ops-limits-secret-93b0';
const QUESTION = 'Lệ phí đăng ký thường trú là bao nhiêu?';
const assistant = () =>
  createFakeAssistant({ replies: { [QUESTION]: groundedAnswer({ question: QUESTION, text: 'Lệ phí đăng ký cư trú do Bộ Tài chính quy định [1].', citations: [citationOfResidenceLaw()] }) } });

interface ErrorBody {
  error: { code: string; message: string };
}

describe('rate limits', () => {
  it('refuses a client address past its budget with 429, Retry-After and a reason; probes stay exempt', async () => {
    const server = await startTestServer({ assistant: assistant(), env: { TROLY_RATE_LIMIT_IP_PER_MINUTE: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await fetch(`${server.url}/favicon.svg`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const limited = await fetch(`${server.url}/documents/luat-cu-tru-2020`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await limited.json()) as ErrorBody;
      expect(body.error.code).toBe('TooManyRequests');
      expect(body.error.message).toContain('5 requests per minute');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(sampleValue(metrics, 'troly_rate_limited_total', { scope: 'ip' })).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('behind a trusted proxy, budgets the address the proxy names; otherwise ignores the header', async () => {
    const trusting = await startTestServer({ assistant: assistant(), env: { TROLY_RATE_LIMIT_IP_PER_MINUTE: '2', TROLY_TRUST_PROXY: 'true' } });
    const direct = await startTestServer({ assistant: assistant(), env: { TROLY_RATE_LIMIT_IP_PER_MINUTE: '2' } });
    try {
      const get = (url: string, clientIp: string) => fetch(`${url}/favicon.svg`, { headers: { 'X-Forwarded-For': `203.0.113.9, ${clientIp}` } }).then((r) => r.status);
      expect([await get(trusting.url, '10.1.0.1'), await get(trusting.url, '10.1.0.1'), await get(trusting.url, '10.1.0.1')]).toEqual([200, 200, 429]);
      expect(await get(trusting.url, '10.1.0.2')).toBe(200);
      expect([await get(direct.url, '10.1.0.1'), await get(direct.url, '10.1.0.2'), await get(direct.url, '10.1.0.3')]).toEqual([200, 200, 429]);
    } finally {
      await trusting.stop();
      await direct.stop();
    }
  });

  it('limits the messages of one Direct Line conversation, not its neighbours', async () => {
    const server = await startTestServer({ assistant: assistant(), env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '2' } });
    const first = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_limit_a' });
    const second = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_limit_b' });
    try {
      await first.ask(QUESTION);
      await first.ask(QUESTION);
      await expect(first.ask(QUESTION)).rejects.toThrow(/HTTP 429 .*TooManyRequests.*2 messages per minute from this conversation/);
      expect((await second.ask(QUESTION)).reply.text).toContain('Lệ phí đăng ký cư trú');
    } finally {
      first.close();
      second.close();
      await server.stop();
    }
  });

  it('is off when set to 0', async () => {
    const server = await startTestServer({ assistant: assistant(), env: { TROLY_RATE_LIMIT_IP_PER_MINUTE: '0' } });
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < 30; i += 1) statuses.add((await fetch(`${server.url}/favicon.svg`)).status);
      expect([...statuses]).toEqual([200]);
    } finally {
      await server.stop();
    }
  });
});

describe('CORS', () => {
  const PORTAL = 'https://congchuc.haiphong.gov.vn';

  it('lets a configured origin call Direct Line and refuses others at preflight', async () => {
    const server = await startTestServer({ assistant: assistant(), env: { TROLY_CORS_ORIGINS: `${PORTAL}, http://localhost:8080` } });
    try {
      const preflight = (origin: string) =>
        fetch(`${server.url}/v3/directline/conversations`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
      const allowed = await preflight(PORTAL);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
      const refused = await preflight('https://evil.example');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const token = await fetch(`${server.url}/api/webchat/token`, { method: 'POST', headers: { Origin: PORTAL } });
      expect(token.status).toBe(200);
      expect(token.headers.get('access-control-allow-origin')).toBe(PORTAL);
      const foreign = await fetch(`${server.url}/api/webchat/token`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      // Pages and documents are never shared cross-origin.
      const page = await fetch(`${server.url}/documents/luat-cu-tru-2020`, { headers: { Origin: PORTAL } });
      expect(page.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('allows no other origin by default', async () => {
    const server = await startTestServer({ assistant: assistant() });
    try {
      const res = await fetch(`${server.url}/api/webchat/token`, { method: 'POST', headers: { Origin: 'http://localhost:8080' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
