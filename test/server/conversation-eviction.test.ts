import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/config/logger';
import { ConversationStore } from '../../src/server/directline/conversation-store';
import { attachDirectLineStreams } from '../../src/server/directline/directline-streams';
import { TokenIssuer } from '../../src/server/directline/token-issuer';
import { openSqliteState } from '../../src/state/sqlite/open-sqlite-state';

// Conversations live in the state database now (no in-memory cap to evict from); what remains to
// hold is that a stream whose conversation is removed (the idle sweep) is closed, not left silent.
describe('a Direct Line stream whose conversation is swept', () => {
  let http: HttpServer;
  let base = '';
  beforeAll(async () => {
    http = createHttpServer((_req, res) => res.end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('is closed, while a stream on a conversation still in use stays open', async () => {
    const state = openSqliteState({ path: ':memory:' });
    let clock = 0;
    const store = new ConversationStore({ log: state.directLine, idleMs: 60_000, now: () => clock });
    const tokens = new TokenIssuer({ secret: 'eviction-secret', ttlSeconds: 600 });
    const streams = attachDirectLineStreams({ httpServer: http, store, tokens, logger: silentLogger() });
    const open = async (id: string) => {
      const ws = new WebSocket(`${base}/v3/directline/conversations/${id}/stream?t=${tokens.issue({ conversationId: id, userId: 'u1' }).token}`);
      await new Promise<void>((resolve, reject) => {
        ws.on('open', () => resolve());
        ws.on('error', reject);
      });
      return ws;
    };
    try {
      await store.create({ id: 'idle', userId: 'u1' });
      const idle = await open('idle');
      const closed = new Promise<number>((resolve) => idle.on('close', (code) => resolve(code)));
      // The log stamps conversations with the real time; the sweep's cutoff (clock - idleMs) falls between the two.
      await new Promise((resolve) => setTimeout(resolve, 30));
      clock = Date.now() + 60_000;
      await new Promise((resolve) => setTimeout(resolve, 30));
      await store.create({ id: 'busy', userId: 'u2' });
      const busy = await open('busy');
      expect(await store.sweep()).toBe(1);
      expect(await closed).toBe(1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(busy.readyState).toBe(WebSocket.OPEN);
      busy.close();
    } finally {
      streams.close();
      await state.close();
    }
  });
});
