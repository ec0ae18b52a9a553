import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { startFakeConnectorServer, type FakeConnectorServer } from '../helpers/fake-connector-server';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SECRET = 'activity-validation-secret-4e2f';

/** No bot turn may fail on what a client sent: the activity is refused before the bot runs. */
const turnFailures = (server: TestServer) => server.logs.filter((l) => l.level >= 50 || /turn failed|could not deliver|could not be processed/.test(l.msg));

describe('activities are validated before the bot runs', () => {
  let connector: FakeConnectorServer;
  let server: TestServer;
  beforeAll(async () => {
    connector = await startFakeConnectorServer();
    server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_DIRECTLINE_SECRET: SECRET } });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });

  const channelActivity = (fields: Record<string, unknown>) => ({
    type: 'message',
    channelId: 'emulator',
    conversation: { id: `v|${Math.random().toString(36).slice(2)}` },
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot-id', name: 'Bot' },
    serviceUrl: connector.url,
    text: 'xin chào',
    ...fields,
  });
  const postChannel = (body: Record<string, unknown>) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it.each([
    ['no recipient', { recipient: undefined }, 'recipient'],
    ['an entity without a type', { entities: [{}] }, 'entities'],
    ['a mention without "mentioned"', { entities: [{ type: 'mention', text: '<at>Bot</at>' }] }, 'mention'],
    ['a mention on an activity without text', { text: undefined, entities: [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: 'bot-id' } }] }, 'text'],
    ['an adaptiveCard/action invoke with value {}', { type: 'invoke', name: 'adaptiveCard/action', value: {} }, 'value.action.type'],
    ['an invoke without a name', { type: 'invoke', value: {} }, 'name'],
    ['membersAdded with a null member', { type: 'conversationUpdate', membersAdded: [null] }, 'membersAdded'],
  ])('/api/messages refuses %s with 400', async (_label, fields, reason) => {
    const res = await postChannel(channelActivity(fields));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(reason);
    expect(turnFailures(server)).toEqual([]);
  });

  it('Direct Line refuses the same malformed invokes and entities with 400, and the bot never throws', async () => {
    const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const post = (body: unknown) =>
      fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    for (const body of [
      { type: 'invoke', name: 'adaptiveCard/action', value: {} },
      { type: 'invoke', name: 'adaptiveCard/action', value: 'x' },
      { type: 'invoke', value: {} },
      { type: 'message', text: 'xin chào', entities: [{ type: 'mention', text: 'x' }] },
      { type: 'message', entities: [{ type: 'mention', text: 'x', mentioned: { id: 'troly-bot' } }] },
    ]) {
      expect({ body, status: (await post(body)).status }).toEqual({ body, status: 400 });
    }
    // A well-formed invoke reaches the bot, which answers it as not implemented, without an error.
    expect((await post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(turnFailures(server)).toEqual([]);
  });
});
