import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/server/directline/token-issuer';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SECRET = 'directline-errors-secret-51c2';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('Direct Line: bad input gets a clear 4xx, never a crash', () => {
  let server: TestServer;
  let dl: string;
  let token: string;
  let conversationId: string;

  const call = async (path: string, { method = 'GET', auth, body, raw }: { method?: string; auth?: string; body?: unknown; raw?: string } = {}) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (auth !== undefined) headers.Authorization = `Bearer ${auth}`;
    const res = await fetch(`${dl}${path}`, { method, headers, ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as ErrorBody & Record<string, unknown> };
  };

  beforeAll(async () => {
    server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_DIRECTLINE_SECRET: SECRET } });
    dl = `${server.url}/v3/directline`;
    const generated = await call('/tokens/generate', { method: 'POST', auth: SECRET });
    ({ token, conversationId } = generated.body as unknown as { token: string; conversationId: string });
    expect((await call('/conversations', { method: 'POST', auth: token })).status).toBe(201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses token generation with a wrong secret or none', async () => {
    expect((await call('/tokens/generate', { method: 'POST' })).status).toBe(401);
    const wrong = await call('/tokens/generate', { method: 'POST', auth: `${SECRET}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain('TROLY_DIRECTLINE_SECRET');
  });

  it('refuses a missing token with 401; forged, altered and expired ones with 403, the status botframework-directlinejs recovers from', async () => {
    const missing = await call(`/conversations/${conversationId}/activities`);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toContain('Authorization');
    expect((await call(`/conversations/${conversationId}/activities`, { auth: 'not-a-token' })).status).toBe(403);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await call(`/conversations/${conversationId}/activities`, { auth: altered })).status).toBe(403);
    const forger = new TokenIssuer({ secret: 'another-secret', ttlSeconds: 600 });
    const forged = await call(`/conversations/${conversationId}/activities`, { auth: forger.issue({ conversationId, userId: 'u' }).token });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('TokenInvalid');
    const past = new TokenIssuer({ secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 3_600_000 });
    const expired = await call(`/conversations/${conversationId}/activities`, { auth: past.issue({ conversationId, userId: 'u' }).token });
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('TokenExpired');
    expect((await call('/tokens/refresh', { method: 'POST', auth: past.issue({ conversationId, userId: 'u' }).token })).status).toBe(403);
  });

  it('refuses a token used on another conversation (403) and unknown conversations (404)', async () => {
    const other = await call('/tokens/generate', { method: 'POST', auth: SECRET });
    const foreign = await call(`/conversations/${other.body.conversationId as string}/activities`, { auth: token });
    expect(foreign.status).toBe(403);
    const unknown = await call('/conversations/does-not-exist/activities', { auth: SECRET });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('does-not-exist');
  });

  it('refuses malformed activities, bad watermarks, oversized messages and bodies', async () => {
    const path = `/conversations/${conversationId}/activities`;
    const noType = await call(path, { method: 'POST', auth: token, body: { text: 'xin chào' } });
    expect(noType.status).toBe(400);
    expect(noType.body.error.message).toContain('type');
    expect((await call(path, { method: 'POST', auth: token, body: { type: 42 } })).status).toBe(400);
    expect((await call(path, { method: 'POST', auth: token, body: [] })).status).toBe(400);
    expect((await call(path, { method: 'POST', auth: token, raw: '{"type": "message", "text": "thiếu ngoặc' })).status).toBe(400);
    const tooLong = await call(path, { method: 'POST', auth: token, body: { type: 'message', text: 'thủ tục '.repeat(400) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('MessageSizeTooBig');
    const huge = await call(path, { method: 'POST', auth: token, body: { type: 'message', text: 'x', channelData: { padding: 'đ'.repeat(300_000) } } });
    expect(huge.status).toBe(413);
    const watermark = await call(`${path}?watermark=abc`, { auth: token });
    expect(watermark.status).toBe(400);
    expect(watermark.body.error.message).toContain('watermark');
    const withFile = await call(path, { method: 'POST', auth: token, body: { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'data:,' }] } });
    expect(withFile.status).toBe(400);
  });

  it('serves no Bot Connector endpoint: nobody outside the process can post as the bot', async () => {
    const res = await fetch(`${server.url}/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'message', text: 'Tin giả mạo trợ lý' }),
    });
    expect(res.status).toBe(404);
    const poll = await call(`/conversations/${conversationId}/activities`, { auth: token });
    expect(JSON.stringify(poll.body)).not.toContain('Tin giả mạo');
  });

  it('refuses a WebSocket stream with a bad token before upgrading', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=forged`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('a forged token opened a stream')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('still serves after all of it', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('Direct Line without a secret configured', () => {
  it('disables token generation but the chat page still gets tokens from its own endpoint', async () => {
    const server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }) });
    try {
      const generate = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: 'Bearer anything' } });
      expect(generate.status).toBe(403);
      const page = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });
      expect(page.status).toBe(200);
      const { token } = (await page.json()) as { token: string };
      const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(started.status).toBe(201);
      expect(((await started.json()) as { streamUrl: string }).streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/);
    } finally {
      await server.stop();
    }
  });
});
