import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer } from '../fakes/fake-assistant';
import { startFakeConnectorServer, type FakeConnectorServer } from '../helpers/fake-connector-server';
import { startFakeOpenIdIssuer, type FakeOpenIdIssuer } from '../helpers/fake-openid-issuer';
import { startTestServer, type TestServer } from '../helpers/test-server';

const APP_ID = '3f1c2b7e-5d4a-4c3b-9e8f-7a6b5c4d3e2f';
const QUESTION = 'Hồ sơ đăng ký thường trú gồm những giấy tờ gì?';

describe('POST /api/messages with a MicrosoftAppId (channel tokens checked against a key set on 127.0.0.1)', () => {
  let issuer: FakeOpenIdIssuer;
  let connector: FakeConnectorServer;
  let server: TestServer;
  const assistant = createFakeAssistant({
    replies: { [QUESTION]: groundedAnswer({ question: QUESTION, text: 'Hồ sơ đăng ký thường trú gồm tờ khai thay đổi thông tin cư trú [1].', citations: [citationOfResidenceLaw()] }) },
  });

  beforeAll(async () => {
    issuer = await startFakeOpenIdIssuer();
    connector = await startFakeConnectorServer();
    server = await startTestServer({
      assistant,
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-password',
        TROLY_HOST: '127.0.0.1',
        TROLY_BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '2',
      },
    });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
    await issuer.close();
  });

  const teamsMessage = (conversationId: string) => ({
    type: 'message',
    id: `msg-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId },
    from: { id: '29:1a2b3c-user', name: 'Nguyễn Văn An' },
    recipient: { id: `28:${APP_ID}`, name: 'Trợ lý ảo' },
    text: QUESTION,
    timestamp: new Date().toISOString(),
  });
  const post = (body: unknown, authorization?: string) =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(authorization === undefined ? {} : { Authorization: authorization }) }, body: JSON.stringify(body) });

  it('accepts a token signed with the published key for this app id and runs the turn', async () => {
    const conversationId = 'a:teams-accepted';
    const res = await post(teamsMessage(conversationId), `Bearer ${issuer.sign({ aud: APP_ID, serviceUrl: connector.url })}`);
    expect(res.status).toBe(200);
    const mine = server.logs.filter((line) => line.conversationId === conversationId);
    expect(mine.some((line) => line.msg.includes('rejected'))).toBe(false);
    // The turn ran as far as its first reply, which needs an Azure AD token for the app: this
    // offline machine cannot get one, so the turn error handler reports exactly that.
    expect(mine.some((line) => line.msg.startsWith('turn failed') && JSON.stringify(line.err).includes('network_error'))).toBe(true);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['a token for another app id', () => `Bearer ${issuer.sign({ aud: '11111111-2222-3333-4444-555555555555', serviceUrl: connector.url })}`],
    ['a token signed with a key that is not published', () => `Bearer ${issuer.sign({ aud: APP_ID, serviceUrl: connector.url, unpublishedKey: true })}`],
    ['an expired token', () => `Bearer ${issuer.sign({ aud: APP_ID, serviceUrl: connector.url, expiresInSeconds: -3600 })}`],
    ['a token for another serviceUrl', () => `Bearer ${issuer.sign({ aud: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/apac/' })}`],
    ['a token that is not a JWT', () => 'Bearer xin-chao'],
  ])('refuses %s with 401 and never starts the turn', async (_case, authorization) => {
    const conversationId = `a:teams-refused-${Math.random().toString(36).slice(2)}`;
    const res = await post(teamsMessage(conversationId), authorization());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Unauthorized');
    const mine = server.logs.filter((line) => line.conversationId === conversationId);
    expect(mine.map((line) => line.msg)).toContain('rejected an unauthenticated Bot Framework request');
    expect(mine.filter((line) => line.msg.startsWith('turn'))).toEqual([]);
    expect(assistant.calls).toEqual([]);
  });

  it('spends the per-conversation budget only on authenticated messages', async () => {
    const conversationId = 'a:teams-budget';
    for (let i = 0; i < 3; i += 1) expect((await post(teamsMessage(conversationId))).status).toBe(401);
    const token = () => `Bearer ${issuer.sign({ aud: APP_ID, serviceUrl: connector.url })}`;
    expect((await post(teamsMessage(conversationId), token())).status).not.toBe(401);
    expect((await post(teamsMessage(conversationId), token())).status).not.toBe(401);
    const limited = await post(teamsMessage(conversationId), token());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
  });
});
