import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiChatModel } from '../../../src/answer/llm/openai-chat-model';
import { isAppError } from '../../../src/config/errors';
import { startFakeOpenAiServer, type FakeOpenAiReply, type FakeOpenAiServer } from '../../helpers/fake-openai-server';

const messages = [
  { role: 'system' as const, content: 'Chỉ trả lời từ đoạn trích.' },
  { role: 'user' as const, content: 'Lưu trú là gì?' },
];
let server: FakeOpenAiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(reply: FakeOpenAiReply): Promise<FakeOpenAiServer> {
  server = await startFakeOpenAiServer({ reply: () => reply });
  return server;
}

describe('createOpenAiChatModel', () => {
  it('posts the messages to /v1/chat/completions and returns the reply', async () => {
    const s = await serve({ kind: 'message', content: 'Lưu trú là việc công dân ở lại một địa điểm [1].' });
    const model = createOpenAiChatModel({ url: s.url, model: 'qwen2.5-7b-instruct', apiKey: 'k-123', timeoutMs: 5000 });
    const reply = await model.complete({ messages, maxTokens: 100 });
    expect(reply).toEqual({ text: 'Lưu trú là việc công dân ở lại một địa điểm [1].', finishReason: 'stop' });
    expect(s.requests[0]?.body).toEqual({ model: 'qwen2.5-7b-instruct', messages, temperature: 0, stream: false, max_tokens: 100 });
    expect(s.requests[0]?.headers.authorization).toBe('Bearer k-123');
  });

  it('streams a server-sent-events reply, calling onToken for each piece', async () => {
    const s = await serve({ kind: 'stream', pieces: ['Lưu trú ', 'là việc ', 'công dân ở lại [1].'] });
    const tokens: string[] = [];
    const model = createOpenAiChatModel({ url: `${s.url}/chat/completions`, model: 'm', timeoutMs: 5000, stream: true });
    const reply = await model.complete({ messages, onToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(['Lưu trú ', 'là việc ', 'công dân ở lại [1].']);
    expect(reply).toEqual({ text: 'Lưu trú là việc công dân ở lại [1].', finishReason: 'stop' });
    expect(s.requests[0]?.body).toMatchObject({ stream: true });
  });

  it.each<[string, FakeOpenAiReply, RegExp]>([
    ['a 500', { kind: 'status', status: 500, body: '{"error":"model crashed"}' }, /HTTP 500.*model crashed/],
    ['a 401', { kind: 'status', status: 401, body: '{"error":"bad key"}' }, /HTTP 401.*TROLY_LLM_API_KEY/],
    ['broken JSON', { kind: 'raw', body: '{"choices": [{"message": ' }, /not JSON/],
    ['JSON without choices', { kind: 'raw', body: '{"error": "overloaded"}' }, /without choices/],
    ['a broken stream event', { kind: 'raw', body: 'data: {"choices": [\n\n', contentType: 'text/event-stream' }, /chat\.completion\.chunk/],
  ])('fails with LLM_FAILED on %s', async (_, reply, message) => {
    const s = await serve(reply);
    const model = createOpenAiChatModel({ url: s.url, model: 'm', timeoutMs: 5000, stream: reply.kind === 'raw' && reply.contentType === 'text/event-stream' });
    const error = await model.complete({ messages }).catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('gives up after timeoutMs', async () => {
    const s = await serve({ kind: 'message', content: 'quá muộn [1]', delayMs: 10_000 });
    const model = createOpenAiChatModel({ url: s.url, model: 'm', timeoutMs: 150 });
    const error = await model.complete({ messages }).catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/within 150 ms/);
  });

  it('gives up on a stream that stalls past timeoutMs', async () => {
    const s = await serve({ kind: 'stream', pieces: ['Lưu trú ', 'là…'], delayMs: 10_000 });
    const model = createOpenAiChatModel({ url: s.url, model: 'm', timeoutMs: 150, stream: true });
    const error = await model.complete({ messages }).catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
  });

  it('throws ABORTED when the caller cancels', async () => {
    const s = await serve({ kind: 'message', content: 'quá muộn [1]', delayMs: 10_000 });
    const model = createOpenAiChatModel({ url: s.url, model: 'm', timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = model.complete({ messages, abortSignal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(isAppError(await pending, 'ABORTED')).toBe(true);
  });

  it('fails with LLM_FAILED when nothing listens', async () => {
    const s = await serve({ kind: 'message', content: '' });
    const url = s.url;
    await s.close();
    server = undefined;
    const error = await createOpenAiChatModel({ url, model: 'm', timeoutMs: 2000 }).complete({ messages }).catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/Cannot reach/);
  });
});
