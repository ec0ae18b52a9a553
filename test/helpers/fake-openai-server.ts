import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake endpoint does with one request. */
export type FakeOpenAiReply =
  /** 200 with a chat.completion whose message content is `content`. */
  | { kind: 'message'; content: string; delayMs?: number }
  /** 200 with a server-sent-events stream of `pieces`, then `data: [DONE]`. */
  | { kind: 'stream'; pieces: string[]; delayMs?: number }
  /** Any status with a body. */
  | { kind: 'status'; status: number; body: string }
  /** 200 with this body as-is (for malformed JSON). */
  | { kind: 'raw'; body: string; contentType?: string };

export interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeOpenAiServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible `/v1/chat/completions` endpoint on 127.0.0.1 for tests. `reply` decides
 * each answer; any other path gets 404. Delayed replies are cancelled when the server closes, so a
 * test of a timeout leaves nothing running.
 */
export async function startFakeOpenAiServer({ reply }: { reply: (request: RecordedRequest) => FakeOpenAiReply }): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end('not found');
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end('bad json');
        return;
      }
      const recorded = { url: req.url, headers: req.headers, body };
      requests.push(recorded);
      const r = reply(recorded);
      if (r.kind === 'status') {
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
      } else if (r.kind === 'raw') {
        res.writeHead(200, { 'content-type': r.contentType ?? 'application/json' }).end(r.body);
      } else if (r.kind === 'message') {
        later(r.delayMs ?? 0, () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(r.content))));
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        r.pieces.forEach((piece, i) => later((r.delayMs ?? 0) * (i + 1), () => res.write(`data: ${JSON.stringify(chunk(piece))}\n\n`)));
        later((r.delayMs ?? 0) * (r.pieces.length + 1), () => res.end(`data: ${JSON.stringify(chunk('', 'stop'))}\n\ndata: [DONE]\n\n`));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function completion(content: string): unknown {
  return { id: 'chatcmpl-test', object: 'chat.completion', created: 0, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

function chunk(content: string, finishReason: string | null = null): unknown {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta: content === '' ? {} : { content }, finish_reason: finishReason }] };
}
