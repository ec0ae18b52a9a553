import { DirectLine } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { submitActions } from '../bot/card-actions';
import { ActivityLog, installDirectLineGlobals, type ReceivedActivity } from './directline-client';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });

const SECRET = 'directline-test-secret-9f3a';
const Q1 = 'Điều kiện đăng ký thường trú là gì?';
const Q2 = 'Thời hạn giải quyết đăng ký thường trú là bao lâu?';

const assistant = createFakeAssistant({
  replies: {
    [Q1]: groundedAnswer({ question: Q1, text: 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó [1].', citations: [citationOfResidenceLaw()] }),
    [Q2]: groundedAnswer({
      question: Q2,
      text: 'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định [1].',
      citations: [citationOfResidenceLaw({ locator: 'Điều 22, khoản 3', chunkId: 'luat-cu-tru-2020#dieu-22-khoan-3-0', passage: 'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ…' })],
    }),
  },
});

async function generateToken(url: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; conversationId: string };
}

function connect(options: ConstructorParameters<typeof DirectLine>[0]): { directLine: DirectLine; log: ActivityLog } {
  const directLine = new DirectLine(options);
  const log = new ActivityLog();
  // end() makes the library error its streams with "conversation ended"; that is the expected close.
  directLine.activity$.subscribe({ next: (activity) => log.push(activity as unknown as ReceivedActivity), error: () => undefined });
  return { directLine, log };
}

function post(directLine: DirectLine, activity: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    directLine.postActivity({ from: { id: 'ignored-by-server' }, ...activity } as Parameters<DirectLine['postActivity']>[0]).subscribe({ next: resolve, error: reject });
  });
}

const fromBot = (a: ReceivedActivity) => a.type === 'message' && a.from.role === 'bot';

describe('Direct Line 3.0 driven by botframework-directlinejs', () => {
  let server: TestServer;
  beforeAll(async () => {
    installDirectLineGlobals();
    server = await startTestServer({ assistant, env: { TROLY_DIRECTLINE_SECRET: SECRET } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('polls: starts, asks, gets the answer with its card, stores feedback, resumes from a watermark', async () => {
    const { token, conversationId } = await generateToken(server.url);
    const { directLine, log } = connect({ token, domain: `${server.url}/v3/directline`, webSocket: false, pollingInterval: 200 });
    try {
      const welcome = await log.waitFor(fromBot);
      expect(welcome.text).toContain('Xin chào');

      const sentId = await post(directLine, { type: 'message', text: Q1 });
      expect(sentId).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
      const echo = await log.waitFor((a) => a.id === sentId);
      expect(echo.from.role).toBe('user');
      expect(echo.from.id).not.toBe('ignored-by-server');
      const answer = await log.waitFor((a) => fromBot(a) && a.replyToId === sentId);
      expect(answer.text).toContain('\\[1\\]');
      const card = answer.attachments?.[0];
      expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(card?.content.body)).toContain('68/2020/QH14');

      const thumbsDown = submitActions(card?.content).find((action) => action.data.rating === 'down');
      expect(thumbsDown?.title).toBe(prompts.format('bot.feedback.down'));
      expect(thumbsDown?.iconUrl).toMatch(/^data:image\/svg\+xml;base64,/);
      await post(directLine, { type: 'message', value: thumbsDown?.data });
      const thanks = await log.waitFor((a) => fromBot(a) && (a.text ?? '').includes('Cảm ơn'));
      expect(thanks.text).toBe(prompts.format('bot.feedback.thanksDown'));
      const [stored] = await server.stateStore.feedback.list();
      expect(stored).toMatchObject({ rating: 'down', question: Q1, conversationId, channelId: 'directline' });
      expect(stored?.citations[0]?.docNumber).toBe('68/2020/QH14');
    } finally {
      directLine.end();
    }

    // Resume: a new client with the same token and the last watermark gets only what comes after it.
    const poll = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } });
    const { watermark, activities } = (await poll.json()) as { watermark: string; activities: unknown[] };
    expect(Number(watermark)).toBe(activities.length);
    const resumed = connect({ token, conversationId, watermark, domain: `${server.url}/v3/directline`, webSocket: false, pollingInterval: 200 });
    try {
      const sentId = await post(resumed.directLine, { type: 'message', text: Q2 });
      const answer = await resumed.log.waitFor((a) => fromBot(a) && a.replyToId === sentId);
      expect(answer.text).toContain('07 ngày làm việc');
      expect(resumed.log.activities.some((a) => (a.text ?? '').includes('Xin chào'))).toBe(false);
      // The follow-up reached the assistant with the earlier exchange as history.
      expect(assistant.calls.at(-1)?.history?.map((t) => t.question)).toEqual([Q1]);
    } finally {
      resumed.directLine.end();
    }
  });

  it('streams over WebSocket: the welcome and the answer arrive through streamUrl', async () => {
    const { token, conversationId } = await generateToken(server.url);
    const { directLine, log } = connect({ token, domain: `${server.url}/v3/directline`, webSocket: true });
    try {
      await log.waitFor(fromBot);
      const sentId = await post(directLine, { type: 'message', text: Q1 });
      const answer = await log.waitFor((a) => fromBot(a) && a.replyToId === sentId);
      expect(answer.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(server.logs.some((line) => line.msg === 'Direct Line stream opened' && line.conversationId === conversationId)).toBe(true);
    } finally {
      directLine.end();
    }
  });
});
