import type { Request, Response } from 'restify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger';
import { attachDirectLineStreams } from '../../src/server/directline/directline-streams';
import type { ConversationStore } from '../../src/server/directline/conversation-store';
import { TokenIssuer } from '../../src/server/directline/token-issuer';
import type { Server as HttpServer } from 'node:http';
import { Writable } from 'node:stream';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { rawRequest, rawUpgrade } from '../helpers/path-spellings';
import { startBareHttpServer } from '../helpers/bare-http-server';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SECRET = 'entry-point-secret-5d1e';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    assistant: createFakeAssistant({ replies: {} }),
    env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_RATE_LIMIT_IP_PER_MINUTE: '0' },
    extraRoutes: (s) => {
      s.pre((req: Request, _res: Response, next: () => void) => {
        if (req.url === '/test/throw-in-pre') throw new Error('a pre handler failed');
        next();
      });
      s.get('/test/throw', (_req: Request, _res: Response, _next: () => void) => {
        throw new Error('a route handler failed');
      });
      s.get('/test/throw-uri/:value', (req: Request, res: Response, next: () => void) => {
        res.send(200, { value: decodeURIComponent(req.getQuery()) });
        next();
      });
      s.get('/test/reject', async () => {
        throw new Error('an async route handler failed');
      });
    },
  });
});
afterAll(async () => {
  await server.stop();
});

const alive = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

describe('entry points', () => {
  it('refuses a WebSocket upgrade with a malformed path, and keeps serving', async () => {
    const generate = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    const { token } = (await generate.json()) as { token: string };
    for (const [target, status] of [
      ['/v3/directline/conversations/%FF/stream', 400],
      [`/v3/directline/conversations/%FF/stream?t=${token}`, 400],
      ['/v3/directline/conversations/%E0%A4%A/stream', 400],
      ['/v3/directline/conversations/%/stream', 400],
      ['/v3/directline/conversations/%C0%AF/stream?watermark=%FF', 400],
      ['/v3/directline/conversations/abc/stream?t=%FF', 403],
      ['/v3/directline/conversations/abc/stream?watermark=1e999', 403],
      [`/${'%FF'.repeat(2000)}`, 404],
      ['/v3/directline/conversations//stream', 404],
    ] as const) {
      expect({ target: target.slice(0, 60), line: await rawUpgrade(server.url, target) }).toEqual({ target: target.slice(0, 60), line: expect.stringMatching(new RegExp(`^HTTP/1.1 ${status} `)) });
      await alive();
    }
    expect(server.logs.some((l) => l.msg.includes('WebSocket upgrade failed'))).toBe(true);
  });

  it('answers a bad percent-encoding in any route with 400 or 404, never a crash or a 5xx', async () => {
    const send = (method: string, target: string) => rawRequest({ url: server.url, method, target, headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' }, body: '{}' });
    for (const target of ['/%FF', '/documents/%FF', '/documents/%E0%A4%A', '/v3/directline/conversations/%FF', '/v3/directline/conversations/%FF/activities', '/api/messages%FF', '/admin/%FF', '/static/%c0%ae%c0%ae/x']) {
      for (const method of ['GET', 'POST']) {
        const { status } = await send(method, target);
        expect({ method, target, clientError: status < 500 && status >= 400 }).toEqual({ method, target, clientError: true });
      }
    }
    // In a query string a bad escape is kept as it came (and then fails validation where it matters).
    for (const target of ['/?q=%FF', '/documents/luat-cu-tru-2020?x=%FF', '/v3/directline/conversations/x/activities?watermark=%FF']) {
      const { status } = await send('GET', target);
      expect({ target, status: status < 500 }).toEqual({ target, status: true });
    }
    await alive();
  });

  it('survives handlers that throw, answers for them, and says so in the log', async () => {
    expect((await fetch(`${server.url}/test/throw`)).status).toBe(500);
    expect((await fetch(`${server.url}/test/throw-in-pre`)).status).toBe(500);
    expect((await fetch(`${server.url}/test/reject`)).status).toBe(500);
    // A URIError from decoding input is the client's mistake.
    expect((await rawRequest({ url: server.url, method: 'GET', target: '/test/throw-uri/x?%FF' })).status).toBe(400);
    await alive();
    const thrown = server.logs.filter((l) => l.msg.includes('a request handler threw'));
    expect(thrown.length).toBeGreaterThanOrEqual(3);
    const body = (await (await fetch(`${server.url}/test/throw`)).json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('InternalError');
    expect(body.error.message).not.toContain('a route handler failed');
  });
});

describe('attachDirectLineStreams', () => {
  let bare: Awaited<ReturnType<typeof startBareHttpServer>>;
  let http: HttpServer;
  let url = '';
  beforeAll(async () => {
    bare = await startBareHttpServer();
    ({ http, wsBase: url } = bare);
  });
  afterAll(() => bare.close());

  it('closes a stream whose store fails (1011) instead of throwing out of the upgrade', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) }) });
    const tokens = new TokenIssuer({ secret: SECRET, ttlSeconds: 600 });
    const store = {
      get: async () => ({ id: 'c1', userId: 'u1', locale: undefined, count: 0 }),
      listenerCount: () => 0,
      since: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
      subscribe: () => () => undefined,
    } as unknown as ConversationStore;
    const streams = attachDirectLineStreams({ httpServer: http, store, tokens, logger });
    try {
      const { token } = tokens.issue({ conversationId: 'c1', userId: 'u1' });
      const ws = new WebSocket(`${url}/v3/directline/conversations/c1/stream?t=${token}`);
      const code = await new Promise<number>((resolve, reject) => {
        ws.on('close', (c) => resolve(c));
        ws.on('error', reject);
      });
      expect(code).toBe(1011);
      expect(lines.join('')).toContain('Direct Line stream could not read the conversation');
    } finally {
      streams.close();
    }
  });
});
