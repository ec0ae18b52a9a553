import type { Server as HttpServer } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/config/logger';
import { ConversationStore } from '../../src/server/directline/conversation-store';
import { attachDirectLineStreams } from '../../src/server/directline/directline-streams';
import { TokenIssuer } from '../../src/server/directline/token-issuer';
import { startBareHttpServer } from '../helpers/bare-http-server';

describe('ConversationStore at its conversation cap', () => {
  it('evicts the least recently used conversation that nobody streams, never a streamed one', () => {
    let clock = 0;
    const store = new ConversationStore({ idleMs: 60_000, now: () => clock++, maxConversations: 3 });
    for (const id of ['a', 'b', 'c']) store.create({ id, userId: `u-${id}` });
    store.subscribe('a', () => undefined);
    store.create({ id: 'd', userId: 'u-d' });
    expect(store.get('a')).toBeDefined();
    expect(store.get('b')).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it('when every conversation is streamed, drops the oldest and tells its streams', () => {
    let clock = 0;
    const store = new ConversationStore({ idleMs: 60_000, now: () => clock++, maxConversations: 2 });
    const ended: string[] = [];
    for (const id of ['a', 'b']) {
      store.create({ id, userId: `u-${id}` });
      store.subscribe(id, () => undefined, () => ended.push(id));
    }
    store.create({ id: 'c', userId: 'u-c' });
    expect(ended).toEqual(['a']);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeDefined();
  });
});

describe('a Direct Line stream whose conversation is evicted', () => {
  let bare: Awaited<ReturnType<typeof startBareHttpServer>>;
  let http: HttpServer;
  let base = '';
  beforeAll(async () => {
    bare = await startBareHttpServer();
    ({ http, wsBase: base } = bare);
  });
  afterAll(() => bare.close());

  it('is closed, not left open and silent', async () => {
    const store = new ConversationStore({ idleMs: 60_000, maxConversations: 1 });
    const tokens = new TokenIssuer({ secret: 'eviction-secret', ttlSeconds: 600 });
    const streams = attachDirectLineStreams({ httpServer: http, store, tokens, logger: silentLogger() });
    try {
      store.create({ id: 'streamed', userId: 'u1' });
      const ws = new WebSocket(`${base}/v3/directline/conversations/streamed/stream?t=${tokens.issue({ conversationId: 'streamed', userId: 'u1' }).token}`);
      await new Promise<void>((resolve, reject) => {
        ws.on('open', () => resolve());
        ws.on('error', reject);
      });
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      store.create({ id: 'newcomer', userId: 'u2' });
      expect(await closed).toBe(1000);
    } finally {
      streams.close();
    }
  });
});
