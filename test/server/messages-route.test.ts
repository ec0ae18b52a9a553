import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { startFakeConnectorServer, type FakeConnectorServer } from '../helpers/fake-connector-server';
import { startTestServer, type TestServer } from '../helpers/test-server';

const QUESTION = 'Điều kiện đăng ký thường trú là gì?';
const ANSWER_TEXT = 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó [1].';

/** The activities the Bot Framework Emulator (v4) posts, with its field names and shapes. */
function emulatorActivity(connector: FakeConnectorServer, conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    channelId: 'emulator',
    conversation: { id: conversationId },
    from: { id: 'e2b1f3c0-user', name: 'User', role: 'user' },
    recipient: { id: 'bot-id', name: 'Bot', role: 'bot' },
    id: `${Math.random().toString(36).slice(2)}`,
    localTimestamp: now,
    timestamp: now,
    locale: 'vi-VN',
    serviceUrl: connector.url,
    ...fields,
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('POST /api/messages (local mode, as the Bot Framework Emulator)', () => {
  let connector: FakeConnectorServer;
  let server: TestServer;
  const assistant = createFakeAssistant({
    replies: { [QUESTION]: groundedAnswer({ question: QUESTION, text: ANSWER_TEXT, citations: [citationOfResidenceLaw()] }) },
  });

  beforeAll(async () => {
    connector = await startFakeConnectorServer();
    server = await startTestServer({ assistant });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });

  it('warns loudly at start-up that it runs unauthenticated, on 127.0.0.1', () => {
    const warning = server.logs.find((line) => line.msg.includes('LOCAL MODE'));
    expect(warning?.level).toBe(40);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('welcomes the user in Vietnamese on conversationUpdate', async () => {
    const conversationId = 'emu-welcome|livechat';
    const res = await post(
      server.url,
      emulatorActivity(connector, conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-id', name: 'Bot' }, { id: 'e2b1f3c0-user', name: 'User' }] }),
    );
    expect(res.status).toBe(200);
    const calls = await connector.waitFor((all) => all.some((c) => c.conversationId === conversationId));
    const welcome = calls.filter((c) => c.conversationId === conversationId);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.activity.text).toContain('Trợ lý ảo');
    expect(welcome[0]?.authorization).toBeUndefined();
  });

  it('answers a question with typing, [n] in the text and an Adaptive Card of citations', async () => {
    const conversationId = 'emu-question|livechat';
    const res = await post(server.url, emulatorActivity(connector, conversationId, { type: 'message', text: QUESTION, textFormat: 'plain' }));
    expect(res.status).toBe(200);
    const calls = await connector.waitFor((all) => all.some((c) => c.conversationId === conversationId && c.activity.type === 'message'));
    const mine = calls.filter((c) => c.conversationId === conversationId);
    expect(mine[0]?.activity.type).toBe('typing');
    const reply = mine.find((c) => c.activity.type === 'message');
    expect(reply?.replyToId).toBeDefined();
    expect(reply?.activity.text).toMatch(/^Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó \[\\\[1\\\]\]\(/);
    expect(reply?.activity.textFormat).toBe('markdown');
    const card = reply?.activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const json = JSON.stringify(card?.content);
    expect(json).toContain(JSON.stringify('\\[1\\] Luật Cư trú').slice(1, -1));
    expect(json).toContain('Số hiệu: 68/2020/QH14');
    expect(json).toContain('Điều 20, khoản 1');
    // Sources only: the quoted passage is the answer text, not repeated in the card.
    expect(json).not.toContain('Công dân có chỗ ở hợp pháp');
    expect(json).toContain(`${server.url}/documents/luat-cu-tru-2020#luat-cu-tru-2020%23dieu-20-khoan-1-0`);
    expect(assistant.calls.at(-1)?.question).toBe(QUESTION);
  });

  it('rejects malformed activities with 400 and the reason', async () => {
    const noType = await post(server.url, emulatorActivity(connector, 'bad|1', { type: undefined, text: 'xin chào' }));
    expect(noType.status).toBe(400);
    expect(((await noType.json()) as { error: { message: string } }).error.message).toContain('type');
    const badServiceUrl = await post(server.url, emulatorActivity(connector, 'bad|2', { type: 'message', text: 'a', serviceUrl: 'file:///etc/passwd' }));
    expect(badServiceUrl.status).toBe(400);
    expect(((await badServiceUrl.json()) as { error: { message: string } }).error.message).toContain('serviceUrl');
    const notJson = await post(server.url, '{"type": "message", ', { 'Content-Type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('InvalidContent');
  });

  it('rejects a body over the size limit with 413', async () => {
    const huge = emulatorActivity(connector, 'big|1', { type: 'message', text: 'đăng ký thường trú '.repeat(20_000) });
    const res = await post(server.url, huge);
    expect(res.status).toBe(413);
  });

  it('serves /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'local' });
  });
});

describe('POST /api/messages (with a Bot Framework app id)', () => {
  it('refuses an unauthenticated request with 401 instead of answering it', async () => {
    const connector = await startFakeConnectorServer();
    const assistant = createFakeAssistant({ replies: {} });
    const server = await startTestServer({ assistant, env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-password' } });
    try {
      const res = await post(server.url, emulatorActivity(connector, 'secure|1', { type: 'message', text: QUESTION }));
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
      expect(connector.calls).toHaveLength(0);
      expect(assistant.calls).toHaveLength(0);
    } finally {
      await server.stop();
      await connector.close();
    }
  });
});
