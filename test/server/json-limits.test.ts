import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, valueNestsDeeperThan } from '../../src/server/json-depth';
import { createFakeAssistant, refusal } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';
import fc from 'fast-check';

const SECRET = 'json-limits-secret-77ab';
const nested = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    assistant: createFakeAssistant({
      replies: { 'Thủ tục đăng ký thường trú?': refusal({ question: 'Thủ tục đăng ký thường trú?', text: 'Tài liệu không nói về điều này.' }), 'xin chào': refusal({ question: 'xin chào', text: 'Tài liệu không nói về điều này.' }) },
    }),
    env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_RATE_LIMIT_IP_PER_MINUTE: '0', TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' },
    extraRoutes: (s) => {
      s.get('/test/circular', async (_req: Request, res: Response) => {
        const loop: Record<string, unknown> = {};
        loop.self = loop;
        res.send(200, loop);
      });
    },
  });
});
afterAll(async () => {
  await server.stop();
});

/** A web chat session as anyone gets one: the public token route, then a started conversation. */
async function webChatSession(): Promise<{ token: string; conversationId: string; streamUrl: string }> {
  const { token } = (await (await fetch(`${server.url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
  const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return (await started.json()) as { token: string; conversationId: string; streamUrl: string };
}

const postRaw = (path: string, body: string | Blob, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

function streamFirstSet(streamUrl: string): Promise<{ activities: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl.replace('watermark=', 'watermark=0'));
    ws.on('message', (data: Buffer) => {
      ws.close();
      resolve(JSON.parse(data.toString('utf8')) as { activities: Array<Record<string, unknown>> });
    });
    ws.on('error', reject);
    ws.on('close', (code) => code !== 1000 && code !== 1005 && reject(new Error(`stream closed with ${code}`)));
  });
}

describe('JSON limits', () => {
  it('refuses a deeply nested channelData (the poisoning repro): the conversation still polls and streams', async () => {
    const session = await webChatSession();
    const path = `/v3/directline/conversations/${session.conversationId}/activities`;
    const auth = { Authorization: `Bearer ${session.token}` };
    const poisoned = await postRaw(path, `{"type":"message","text":"xin chào","channelData":${nested(10_000)}}`, auth);
    expect(poisoned.status).toBe(400);
    expect(((await poisoned.json()) as { error: { message: string } }).error.message).toContain('deeper than 32 levels');
    // Under the parse limit but past what a stored field may hold: refused by the activity schema.
    const deepField = await postRaw(path, `{"type":"message","text":"xin chào","channelData":${nested(20)}}`, auth);
    expect(deepField.status).toBe(400);
    expect(((await deepField.json()) as { error: { message: string } }).error.message).toMatch(/channelData: nests deeper than 6 levels/);
    const poll = await fetch(`${server.url}${path}?watermark=0`, { headers: auth });
    expect(poll.status).toBe(200);
    const set = await streamFirstSet(session.streamUrl);
    expect(set.activities.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('stores an activity in its validated form only: unknown fields dropped, sizes bounded', async () => {
    const session = await webChatSession();
    const path = `/v3/directline/conversations/${session.conversationId}/activities`;
    const auth = { Authorization: `Bearer ${session.token}` };
    const posted = await postRaw(
      path,
      JSON.stringify({ type: 'message', text: 'Thủ tục đăng ký thường trú?', channelData: { clientActivityID: 'c-1' }, serviceUrl: 'http://evil.example', recipient: { id: 'someone' }, extra: { padding: 'x'.repeat(1000) }, from: { id: 'spoofed', role: 'bot' } }),
      auth,
    );
    expect(posted.status).toBe(200);
    const { activities } = (await (await fetch(`${server.url}${path}`, { headers: auth })).json()) as { activities: Array<Record<string, unknown>> };
    const mine = activities.find((a) => a.text === 'Thủ tục đăng ký thường trú?');
    expect(mine).toBeDefined();
    expect(mine?.channelData).toEqual({ clientActivityID: 'c-1' });
    expect(Object.keys(mine ?? {})).not.toContain('extra');
    expect(Object.keys(mine ?? {})).not.toContain('serviceUrl');
    expect(mine?.from).toMatchObject({ role: 'user' });
    expect((mine?.from as { id: string }).id).not.toBe('spoofed');
    const big = await postRaw(path, JSON.stringify({ type: 'message', text: 'x', channelData: { padding: 'x'.repeat(5000) } }), auth);
    expect(big.status).toBe(400);
    const wrongType = await postRaw(path, JSON.stringify({ type: 'conversationUpdate', membersAdded: [{ id: 'x' }] }), auth);
    expect(wrongType.status).toBe(400);
  });

  it('applies the depth limit to every JSON route, before anything else reads the body', async () => {
    const deep = nested(33);
    for (const path of ['/api/messages', '/v3/directline/tokens/generate', '/v3/directline/conversations', '/api/webchat/token']) {
      const res = await postRaw(path, deep, { Authorization: `Bearer ${SECRET}` });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    // The same body one level shallower is parsed (and then refused or accepted on its merits).
    expect((await postRaw('/v3/directline/tokens/generate', nested(32), { Authorization: `Bearer ${SECRET}` })).status).not.toBe(500);
    // A +json type and arrays count too.
    expect((await postRaw('/api/messages', `${'['.repeat(40)}${']'.repeat(40)}`, { 'Content-Type': 'application/vnd.api+json' })).status).toBe(400);
  });

  it('refuses compressed bodies, which would inflate past the size limit', async () => {
    const bomb = new Blob([Uint8Array.from(gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(2_000_000)}"}`)))]);
    const res = await postRaw('/api/messages', bomb, { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(415);
  });

  it('answers a response that cannot be serialised with 500 for that request only', async () => {
    expect((await fetch(`${server.url}/test/circular`)).status).toBe(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('jsonNestsDeeperThan', () => {
  it('agrees with the depth of the parsed value, strings with brackets and escapes included', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: fc.constantFrom('a', '[', ']', '{', '}', '"', '\\', 'đ') }), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(fc.string({ unit: fc.constantFrom('k', '{', '"', '\\') }), tie('value'), { maxKeys: 3 }),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        expect(jsonNestsDeeperThan(JSON.stringify(value), limit)).toBe(valueNestsDeeperThan(value, limit));
      }),
      { numRuns: 500 },
    );
  });
});
