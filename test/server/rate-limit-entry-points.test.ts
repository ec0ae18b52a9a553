import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { startTestServer } from '../helpers/test-server';
import { sampleValue } from './prometheus-text';

const SECRET = 'rate-limit-entry-secret-3c9d';
const metric = async (url: string, scope: string) => sampleValue(await (await fetch(`${url}/metrics`)).text(), 'troly_rate_limited_total', { scope });

/** Opens (then closes) a Direct Line stream; resolves with the status of the upgrade (101 when it opened) and its Retry-After. */
function upgradeStatus(streamUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, retryAfter: undefined });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
    ws.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('one rate limiter for every entry point', () => {
  it('limits the web chat token route per real client address behind a trusted proxy, with Retry-After, counted', async () => {
    const server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_TRUST_PROXY: 'true', TROLY_RATE_LIMIT_SESSIONS_PER_MINUTE: '3' } });
    try {
      const token = (client: string) => fetch(`${server.url}/api/webchat/token`, { method: 'POST', headers: { 'X-Forwarded-For': client } });
      const first = await Promise.all([1, 2, 3].map(() => token('10.2.0.1').then((r) => r.status)));
      expect(first).toEqual([200, 200, 200]);
      const limited = await token('10.2.0.1');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { message: string } }).error.message).toContain('3 new web chat conversations per minute');
      // Another person behind the same proxy is not affected.
      expect((await token('10.2.0.2')).status).toBe(200);
      expect(await metric(server.url, 'session')).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('limits WebSocket upgrades per address with 429 and Retry-After', async () => {
    const server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_RATE_LIMIT_IP_PER_MINUTE: '6' } });
    try {
      const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
      const { streamUrl } = (await started.json()) as { streamUrl: string };
      const results = [];
      for (let i = 0; i < 8; i++) results.push(await upgradeStatus(streamUrl));
      expect(results.slice(0, 5).map((r) => r.status)).toEqual([101, 101, 101, 101, 101]);
      expect(results.at(-1)?.status).toBe(429);
      expect(Number(results.at(-1)?.retryAfter)).toBeGreaterThan(0);
      expect(await metric(server.url, 'ip')).toBeGreaterThanOrEqual(1);
    } finally {
      await server.stop();
    }
  });

  it('cuts off unauthenticated /api/messages floods in Bot Framework mode (each failure is charged to the address)', async () => {
    const server = await startTestServer({
      assistant: createFakeAssistant({ replies: {} }),
      env: { MicrosoftAppId: '3f1c2b7e-5d4a-4c3b-9e8f-7a6b5c4d3e2f', MicrosoftAppPassword: 'not-a-real-password', TROLY_HOST: '127.0.0.1', TROLY_RATE_LIMIT_IP_PER_MINUTE: '5' },
    });
    try {
      const activity = { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:flood' }, from: { id: 'u' }, recipient: { id: 'b' }, text: 'x' };
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer forged' }, body: JSON.stringify(activity) });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(await metric(server.url, 'ip')).toBe(3);
    } finally {
      await server.stop();
    }
  });

  it('never limits polling one\'s own conversation, even for many clients behind one NAT address; failed polls are charged', async () => {
    const server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_TRUST_PROXY: 'true', TROLY_RATE_LIMIT_IP_PER_MINUTE: '40' } });
    try {
      const nat = { 'X-Real-IP': '198.51.100.7' };
      const clients = [];
      // 12 people in one office open the chat (3 requests each: token, start, first poll)…
      for (let i = 0; i < 12; i++) {
        const { token } = (await (await fetch(`${server.url}/api/webchat/token`, { method: 'POST', headers: nat })).json()) as { token: string };
        const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { ...nat, Authorization: `Bearer ${token}` } });
        clients.push((await started.json()) as { conversationId: string; token: string });
      }
      // …and poll once a second for a while: 120 polls from one address, over the budget of 40.
      const statuses = new Set<number>();
      for (let round = 0; round < 10; round++) {
        const polls = clients.map((c) => fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities?watermark=0`, { headers: { ...nat, Authorization: `Bearer ${c.token}` } }).then((r) => r.status));
        for (const status of await Promise.all(polls)) statuses.add(status);
      }
      expect([...statuses]).toEqual([200]);
      // Probing conversations with a wrong token is charged: the address is soon refused.
      const probes: number[] = [];
      for (let i = 0; i < 45; i++) probes.push((await fetch(`${server.url}/v3/directline/conversations/x${i}/activities`, { headers: { 'X-Real-IP': '203.0.113.50', Authorization: 'Bearer forged' } })).status);
      expect(probes.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
      expect(probes.at(-1)).toBe(429);
    } finally {
      await server.stop();
    }
  });
});
