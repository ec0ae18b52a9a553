import { describe, expect, it } from 'vitest';
import { openDirectLineSession } from '../../bench/load/directline-session';
import type { Answer, AskOptions } from '../../src/answer/types';
import { citationOfResidenceLaw, groundedAnswer } from '../fakes/fake-assistant';
import { startFakeConnectorServer } from '../helpers/fake-connector-server';
import { startTestServer } from '../helpers/test-server';

const SECRET = 'ops-shutdown-secret-2a6c';
const QUESTION = 'Công dân có thể đăng ký thường trú ở đâu?';
const ANSWER = groundedAnswer({ question: QUESTION, text: 'Công dân có chỗ ở hợp pháp thì được đăng ký thường trú tại chỗ ở hợp pháp đó [1].', citations: [citationOfResidenceLaw()] });

/** An assistant whose answer waits until the test releases it, and that tells when it was asked. */
function heldAnswer() {
  let release: () => void = () => undefined;
  let asked: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const wasAsked = new Promise<void>((resolve) => (asked = resolve));
  return {
    assistant: {
      async ask(options: AskOptions): Promise<Answer> {
        // The welcome's example checks are answered at once: only a user's question is held.
        if (options.internal === true) return ANSWER;
        asked();
        await released;
        return ANSWER;
      },
    },
    wasAsked,
    release: () => release(),
  };
}

describe('graceful stop', () => {
  it('finishes a Bot Framework request in flight, refuses new ones meanwhile, then closes', async () => {
    const connector = await startFakeConnectorServer();
    const held = heldAnswer();
    const server = await startTestServer({ assistant: held.assistant });
    const activity = {
      type: 'message',
      id: 'msg-in-flight',
      channelId: 'emulator',
      serviceUrl: connector.url,
      conversation: { id: 'emu-shutdown|livechat' },
      from: { id: 'user-1', name: 'Trần Thị Bình' },
      recipient: { id: 'bot', name: 'Trợ lý ảo' },
      text: QUESTION,
      timestamp: new Date().toISOString(),
    };
    try {
      const inFlight = fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      await held.wasAsked;
      const stopping = server.server.stop();
      const during = await fetch(`${server.url}/healthz`);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('5');
      held.release();
      expect((await inFlight).status).toBe(200);
      await stopping;
      expect(connector.calls.find((call) => call.activity.type === 'message')?.activity.text).toContain('Công dân có chỗ ở hợp pháp thì được đăng ký thường trú tại chỗ ở hợp pháp đó');
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      held.release();
      await server.stop().catch(() => undefined);
      await connector.close();
    }
  });

  it('delivers a web chat answer in flight over the stream before closing it', async () => {
    const held = heldAnswer();
    const server = await startTestServer({ assistant: held.assistant, env: { TROLY_DIRECTLINE_SECRET: SECRET } });
    const session = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_shutdown' });
    try {
      const answer = session.ask(QUESTION);
      await held.wasAsked;
      const stopping = server.server.stop();
      held.release();
      expect((await answer).reply.text).toContain('Công dân có chỗ ở hợp pháp thì được đăng ký thường trú tại chỗ ở hợp pháp đó');
      await stopping;
    } finally {
      held.release();
      session.close();
      await server.stop().catch(() => undefined);
    }
  });

  it('closes anyway after the grace period when a turn never finishes, and says so', async () => {
    const held = heldAnswer();
    const server = await startTestServer({ assistant: held.assistant, env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_SHUTDOWN_GRACE_MS: '200' } });
    const session = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_stuck' });
    try {
      void session.ask(QUESTION, { timeoutMs: 5000 }).catch(() => undefined);
      await held.wasAsked;
      await server.server.stop();
      expect(server.logs.some((line) => line.level === 40 && line.msg.startsWith('graceful stop'))).toBe(true);
    } finally {
      held.release();
      session.close();
      await server.stop().catch(() => undefined);
    }
  });
});
