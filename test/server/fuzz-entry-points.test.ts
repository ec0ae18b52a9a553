import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startAdminTestServer, type AdminTestServer } from '../admin/admin-server';
import { startFakeConnectorServer, type FakeConnectorServer } from '../helpers/fake-connector-server';
import { rawRequest, rawUpgrade } from '../helpers/path-spellings';

/**
 * A bounded fuzz of every route of a running server (the real one, with the admin API on, over a
 * real index): generated paths in random spellings, headers and bodies. Whatever comes, the
 * process stays up, no answer is a 5xx, and no admin route answers 2xx without the token (the fuzz
 * never sends it), nor changes anything. Bounded in runs and time so it fits `npm test`.
 */
const SECRET = 'fuzz-directline-secret-0b7e';
const RUNS = 400;
/** fast-check stops generating after this (a loaded machine runs fewer requests, never a longer test). */
const TIME_LIMIT_MS = 40_000;
/** The vitest limit of each fuzz test: the generation budget plus the final checks. */
const TEST_TIMEOUT_MS = 90_000;

const ROUTES: Array<[method: string, path: string]> = [
  ['GET', '/'],
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/metrics'],
  ['GET', '/favicon.svg'],
  ['GET', '/static/webchat.js'],
  ['GET', '/static/chat.js'],
  ['GET', '/static/admin.js'],
  ['GET', '/documents/luat-cu-tru'],
  ['POST', '/api/messages'],
  ['POST', '/api/webchat/token'],
  ['POST', '/v3/directline/tokens/generate'],
  ['POST', '/v3/directline/tokens/refresh'],
  ['POST', '/v3/directline/conversations'],
  ['GET', '/v3/directline/conversations/{conversation}'],
  ['GET', '/v3/directline/conversations/{conversation}/activities'],
  ['POST', '/v3/directline/conversations/{conversation}/activities'],
  ['POST', '/v3/directline/conversations/{conversation}/upload'],
  ['GET', '/admin'],
  ['GET', '/admin/documents'],
  ['POST', '/admin/documents'],
  ['DELETE', '/admin/documents/luat-cu-tru'],
  ['POST', '/admin/reindex'],
  ['GET', '/admin/jobs'],
  ['GET', '/admin/jobs/x'],
  ['GET', '/admin/jobs/x/events'],
  ['POST', '/admin/rollback'],
  ['GET', '/admin/feedback'],
];

const hex = (code: number) => `%${code.toString(16).padStart(2, '0')}`;
/**
 * One character of a path, mostly as it is, sometimes percent-encoded (either case) or
 * double-encoded, rarely a broken escape (so most paths still reach a route, and a few are malformed).
 */
const spellChar = (c: string) =>
  fc.oneof(
    { weight: 190, arbitrary: fc.constant(c) },
    { weight: 8, arbitrary: fc.constantFrom(hex(c.charCodeAt(0)), hex(c.charCodeAt(0)).toUpperCase()) },
    { weight: 1, arbitrary: fc.constant(`%25${hex(c.charCodeAt(0)).slice(1)}`) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%F', '%FF', '%C0%AF', '%E0%A4%A', '%u0061') },
  );
const spellPath = (path: string) => fc.tuple(...[...path].map(spellChar)).map((parts) => parts.join(''));
const decoration = fc.constantFrom('', '', '', '/', '//', '/.', '/..', ';x', ';', '%00', '%20', '?', '#', '.json', '/%2e%2e', '\\', '?watermark=%FF', '?watermark=-1', '?watermark=99999999999', '?format=csv', '?limit=1e9', '?t=x');

const junkString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('\u202e', '\u0000', '𝔘𝔫𝔦', 'đăng ký thường trú'));
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 1, max: 5000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.integer({ min: 1, max: 5000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
  fc.integer({ min: 1, max: 1000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

interface Context {
  conversation: string;
  token: string;
  connectorUrl: string;
}

/** A body: JSON of any shape, an almost-valid activity with one field wrong, huge strings, bad multipart, raw bytes. */
const body = (ctx: Context) =>
  fc.oneof(
    json.map((v) => ({ type: 'application/json', data: typeof v === 'string' ? v : JSON.stringify(v) })),
    fc
      .record({ field: fc.constantFrom('type', 'text', 'from', 'recipient', 'channelData', 'value', 'entities', 'name', 'attachments', 'conversation', 'serviceUrl', 'membersAdded', 'locale'), value: fc.oneof(json, junkString, fc.constant(null)) })
      .map(({ field, value }) => ({
        type: 'application/json',
        data: JSON.stringify({ type: 'message', channelId: 'emulator', serviceUrl: ctx.connectorUrl, conversation: { id: ctx.conversation }, from: { id: 'u' }, recipient: { id: 'b' }, text: 'Điều kiện đăng ký thường trú?', [field]: value }),
      })),
    fc.constantFrom(300_000, 70_000).map((n) => ({ type: 'application/json', data: JSON.stringify({ type: 'message', text: 'đ'.repeat(n) }) })),
    fc.string({ maxLength: 200 }).map((s) => ({ type: 'multipart/form-data; boundary=xyz', data: `--xyz\r\nContent-Disposition: form-data; name="file"; filename="${s}"\r\n\r\n${s}` })),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ type: 'application/octet-stream', data: Buffer.from(bytes).toString('latin1') })),
    fc.constant({ type: '', data: '' }),
  );

const headers = (ctx: Context) =>
  fc.record(
    {
      authorization: fc.constantFrom(`Bearer ${ctx.token}`, `Bearer ${SECRET}`, 'Bearer ', 'Bearer x.y.z', `Basic ${ADMIN_TOKEN.slice(0, 4)}`, 'bearer'),
      'x-forwarded-for': fc.oneof(fc.ipV4(), fc.constantFrom('', 'unknown', '::ffff:1.2.3.4, x')),
      'x-request-id': junkString.map((s) => encodeURIComponent(s).slice(0, 200)),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
      origin: fc.constantFrom('https://evil.example', 'null'),
    },
    { requiredKeys: [] },
  );

let server: AdminTestServer;
let connector: FakeConnectorServer;
let ctx: Context;
let knowledgeBefore: string[];

beforeAll(async () => {
  connector = await startFakeConnectorServer();
  server = await startAdminTestServer({ env: { TROLY_DIRECTLINE_SECRET: SECRET } });
  const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
  const session = (await started.json()) as { conversationId: string; token: string };
  ctx = { conversation: session.conversationId, token: session.token, connectorUrl: connector.url };
  knowledgeBefore = readdirSync(server.config.knowledgeDir).sort();
});
afterAll(async () => {
  await server.stop();
  await connector.close();
});

/** The path as the router may read it: escapes decoded where they decode, `;…` cut. */
function lenientPath(target: string): string {
  let path = target.split(/[?#;]/)[0] ?? '';
  for (let i = 0; i < 3; i++) path = path.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(Number.parseInt(escape.slice(1), 16)));
  return path.replace(/\/{2,}/g, '/');
}

describe('fuzz: every route, generated paths, headers and bodies', () => {
  it(`stays up, never answers 5xx, never serves an admin route without the token (≤ ${RUNS} requests)`, async () => {
    const statuses = new Map<number, number>();
    const request = fc.record({
      route: fc.constantFrom(...ROUTES),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'), { freq: 4 }),
      decoration,
      headers: headers(ctx),
      body: body(ctx),
      seed: fc.nat(),
    }).chain((r) => spellPath(r.route[1].replace('{conversation}', ctx.conversation)).map((path) => ({ ...r, path })));
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const method = r.method ?? r.route[0];
        const target = `${r.path}${r.decoration}`;
        const sendsBody = method !== 'GET' && method !== 'HEAD' && r.body.data !== '';
        let res;
        try {
          res = await rawRequest({
            url: server.url,
            method,
            target,
            headers: { ...r.headers, ...(sendsBody && r.body.type !== '' ? { 'Content-Type': r.body.type } : {}) },
            ...(sendsBody ? { body: r.body.data } : {}),
          });
        } catch (error) {
          // The client refused to send it (an invalid character in the target): nothing reached the server.
          if (error instanceof TypeError || (error as NodeJS.ErrnoException).code === 'ERR_UNESCAPED_CHARACTERS') return;
          throw error;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const request = `${method} ${target.slice(0, 120)} → ${res.status}`;
        expect(res.status >= 500 ? `${request} ${res.body.slice(0, 200)}` : 'no 5xx').toBe('no 5xx');
        const admin = lenientPath(target).toLowerCase().startsWith('/admin/');
        expect(admin && res.status < 300 ? `${request} without the admin token` : 'no admin 2xx').toBe('no admin 2xx');
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, seed: Number(process.env.TROLY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The generated requests reached the routes, not only the 404 of a mangled path.
    expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0)).toBeGreaterThan(0);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    // Nothing changed behind the admin API.
    expect(readdirSync(server.config.knowledgeDir).sort()).toEqual(knowledgeBefore);
    expect(((await (await server.admin('/admin/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('survives generated WebSocket upgrades', async () => {
    const segment = fc.oneof(fc.constant(ctx.conversation), fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.constantFrom('%FF', '%E0%A4%A', '%', 'a%2Fb', '%2e%2e', ''));
    const upgrade = fc.record({ conversation: segment, decoration, token: fc.constantFrom(ctx.token, 'x', '%FF', '') }).chain((u) =>
      spellPath('/v3/directline/conversations/').map((path) => ({ ...u, target: `${path}${u.conversation}/stream?t=${u.token}${u.decoration.startsWith('?') ? `&${u.decoration.slice(1)}` : u.decoration}` })),
    );
    await fc.assert(
      fc.asyncProperty(upgrade, async ({ target }) => {
        const line = await rawUpgrade(server.url, target);
        expect({ target: target.slice(0, 120), line }).toEqual({ target: target.slice(0, 120), line: expect.stringMatching(/^(HTTP\/1\.1 (101|4\d\d) |$)/) });
      }),
      { numRuns: 150, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, TEST_TIMEOUT_MS);
});
