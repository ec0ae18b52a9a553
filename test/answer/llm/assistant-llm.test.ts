import { afterEach, describe, expect, it } from 'vitest';
import { createAssistant } from '../../../src/answer/assistant';
import { createOpenAiChatModel } from '../../../src/answer/llm/openai-chat-model';
import { createLogger } from '../../../src/config/logger';
import { createFakeRetriever } from '../../fakes/fake-retriever';
import { startFakeOpenAiServer, type FakeOpenAiReply, type FakeOpenAiServer } from '../../helpers/fake-openai-server';
import { all, prompts, seedInfra, seedNews, tunables, withText } from '../corpus';
import { retrievalOf } from '../passages';

const QUESTION = 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?';
/** Passage 1: other news; passage 2: the paragraph with the figure; passage 3: the opening of the infrastructure article. */
const retrieval = retrievalOf({ items: [all(seedNews)[0], ...withText(seedInfra, 'băng rộng cố định'), all(seedInfra)[0]].flatMap((p) => (p ? [p] : [])), confidence: 0.8 });
let server: FakeOpenAiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function askWith(reply: FakeOpenAiReply, options: { stream?: boolean; timeoutMs?: number } = {}) {
  server = await startFakeOpenAiServer({ reply: () => reply });
  const logs: Array<{ msg: string; reason?: string }> = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(JSON.parse(line)) } });
  const chatModel = createOpenAiChatModel({ url: server.url, model: 'fake-7b', timeoutMs: options.timeoutMs ?? 5000, stream: options.stream ?? false });
  const assistant = createAssistant({ retriever: createFakeRetriever({ results: { [QUESTION]: retrieval } }), prompts, tunables, chatModel, logger });
  const answer = await assistant.ask({ question: QUESTION });
  return { answer, logs, requests: server.requests };
}

describe('createAssistant (LLM mode)', () => {
  it('returns the checked LLM answer with its citations renumbered in order of appearance', async () => {
    const { answer, requests } = await askWith({ kind: 'message', content: 'Tốc độ băng rộng cố định của Hải Phòng đạt khoảng 60 Mbps [2], đứng thứ 38/63 tỉnh, thành [2][3].' });
    expect(answer.mode).toBe('llm');
    expect(answer.grounded).toBe(true);
    expect(answer.sentences).toEqual([{ text: 'Tốc độ băng rộng cố định của Hải Phòng đạt khoảng 60 Mbps, đứng thứ 38/63 tỉnh, thành.', cites: [1, 2] }]);
    expect(answer.text).toBe('Tốc độ băng rộng cố định của Hải Phòng đạt khoảng 60 Mbps, đứng thứ 38/63 tỉnh, thành [1][2].');
    expect(answer.citations.map((c) => [c.n, c.chunkId])).toEqual([
      [1, retrieval.passages[1]?.chunk.id],
      [2, retrieval.passages[2]?.chunk.id],
    ]);
    expect(answer.citations[0]?.passage).toBe(retrieval.passages[1]?.chunk.text);
    const sent = requests[0]?.body as { messages: Array<{ role: string; content: string }> };
    expect(sent.messages[0]?.content).toBe(prompts.template('llm-system'));
    expect(sent.messages[1]?.content).toContain(QUESTION);
  });

  it('returns a streamed LLM answer', async () => {
    const { answer } = await askWith({ kind: 'stream', pieces: ['Tốc độ băng rộng cố định ', 'đạt khoảng 60 Mbps [2].'] }, { stream: true });
    expect(answer).toMatchObject({ mode: 'llm', text: 'Tốc độ băng rộng cố định đạt khoảng 60 Mbps [1].' });
  });

  it.each<[string, FakeOpenAiReply, RegExp, { timeoutMs?: number }]>([
    ['cites an invented passage', { kind: 'message', content: 'Tốc độ đạt 60 Mbps [9].' }, /cites \[9\]/, {}],
    ['cites nothing', { kind: 'message', content: 'Tốc độ đạt 60 Mbps.' }, /cites no passage/, {}],
    ['is empty', { kind: 'message', content: '' }, /empty/, {}],
    ['is too slow', { kind: 'message', content: 'Tốc độ đạt 60 Mbps [2].', delayMs: 10_000 }, /within 200 ms/, { timeoutMs: 200 }],
    ['fails with 500', { kind: 'status', status: 500, body: 'internal error' }, /HTTP 500/, {}],
    ['is broken JSON', { kind: 'raw', body: '{"choices": [' }, /not JSON/, {}],
  ])('falls back to the extractive answer when the model %s, and logs why', async (_, reply, reason, options) => {
    const { answer, logs } = await askWith(reply, options);
    expect(answer.mode).toBe('extractive');
    expect(answer.grounded).toBe(true);
    expect(answer.text).toContain('60 Mbps');
    const warning = logs.find((l) => /falling back/.test(l.msg));
    expect(warning?.reason).toMatch(reason);
  });

  it('does not call the model when the answerability decision refuses', async () => {
    server = await startFakeOpenAiServer({ reply: () => ({ kind: 'message', content: 'Bịa ra [1].' }) });
    const chatModel = createOpenAiChatModel({ url: server.url, model: 'fake-7b', timeoutMs: 5000 });
    const assistant = createAssistant({ retriever: createFakeRetriever({ results: { [QUESTION]: retrieval } }), prompts, tunables: { ...tunables, refusalThreshold: 0.99 }, chatModel });
    const answer = await assistant.ask({ question: QUESTION });
    expect(answer.grounded).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('does not call the model when retrieval is confident but the extractive answer refuses (another place)', async () => {
    server = await startFakeOpenAiServer({ reply: () => ({ kind: 'message', content: 'Tốc độ của Đà Nẵng đạt 60 Mbps [2].' }) });
    const chatModel = createOpenAiChatModel({ url: server.url, model: 'fake-7b', timeoutMs: 5000 });
    const daNang = 'Tốc độ băng rộng cố định của Đà Nẵng đạt bao nhiêu?';
    const assistant = createAssistant({ retriever: createFakeRetriever({ results: { [daNang]: retrieval } }), prompts, tunables, chatModel });
    const answer = await assistant.ask({ question: daNang });
    expect(retrieval.confidence).toBeGreaterThanOrEqual(tunables.refusalThreshold);
    expect(answer).toMatchObject({ grounded: false, citations: [] });
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the extractive support on an LLM answer, for calibration logs', async () => {
    const { answer } = await askWith({ kind: 'message', content: 'Tốc độ đạt khoảng 60 Mbps [2].' });
    expect(answer.mode).toBe('llm');
    expect(answer.answerability?.probability).toBeGreaterThanOrEqual(tunables.refusalThreshold);
  });
});
