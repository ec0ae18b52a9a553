import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the channel's Bot Connector API. */
export interface ConnectorCall {
  conversationId: string;
  replyToId: string | undefined;
  authorization: string | undefined;
  activity: { type: string; text?: string; attachments?: Array<{ contentType: string; content: unknown }>; [key: string]: unknown };
}

export interface FakeConnectorServer {
  /** The `serviceUrl` to put in activities. */
  url: string;
  calls: ConnectorCall[];
  /** Resolves once `predicate` holds for the calls so far; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, options?: { timeoutMs?: number }): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * The channel side of the Bot Framework protocol as the Emulator runs it: a Bot Connector API on
 * 127.0.0.1 that records the activities the bot posts back and answers `{ id }`.
 */
export async function startFakeConnectorServer(): Promise<FakeConnectorServer> {
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer(async (req, res) => {
    const match = req.method === 'POST' ? ACTIVITY_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname) : null;
    if (match === null) {
      res.writeHead(404);
      res.end();
      return;
    }
    const activity = JSON.parse(await readBody(req)) as ConnectorCall['activity'];
    calls.push({
      conversationId: decodeURIComponent(match[1] ?? ''),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      activity,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${calls.length}` }));
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    waitFor(predicate, { timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(calls);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`FakeConnectorServer: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((c) => c.activity.type))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
