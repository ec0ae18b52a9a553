import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { Logger } from '../../config/logger';
import { SINCE_LIMIT } from '../../state/directline-log';
import type { ActivitySet, ConversationStore } from './conversation-store';
import type { TokenIssuer } from './token-issuer';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
/** Streams open at once on one conversation (a few browser tabs); more are refused. */
const MAX_STREAMS_PER_CONVERSATION = 8;
/** A silent socket is pinged this often and dropped when the previous ping got no pong. */
const PING_INTERVAL_MS = 30_000;

export interface DirectLineStreams {
  close(): void;
}

/**
 * Direct Line's WebSocket stream (`streamUrl`): on connect, the activities after the URL's
 * watermark; then every new activity, appended on this replica or another, as an ActivitySet
 * `{ activities, watermark }`. The token is in
 * the URL (`?t=`), as browsers cannot set headers on a WebSocket. Messages from the client are
 * ignored (directlinejs sends empty keep-alives).
 */
export function attachDirectLineStreams({
  httpServer,
  store,
  tokens,
  logger,
  admit = async () => undefined,
}: {
  httpServer: HttpServer;
  store: ConversationStore;
  tokens: TokenIssuer;
  logger: Logger;
  /** The rate limit of the client's address (the server's one limiter); a hit refuses the upgrade with 429. */
  admit?: (req: IncomingMessage) => Promise<{ retryAfterSeconds: number } | undefined>;
}): DirectLineStreams {
  const wss = new WebSocket.Server({ noServer: true, maxPayload: 4096 });
  const alive = new WeakMap<WebSocket, boolean>();

  // An upgrade is an entry point of its own, outside restify: nothing thrown here may reach the
  // process (a malformed path such as `%FF` used to end it). Any failure closes the socket with a status.
  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', (error) => logger.debug({ err: error }, 'WebSocket upgrade socket error'));
    const failed = (error: unknown) => {
      logger.warn({ err: error, path: (req.url ?? '').slice(0, 300) }, 'WebSocket upgrade failed; refused it, the server keeps serving');
      refuse(socket, error instanceof URIError ? 400 : 500, error instanceof URIError ? 'Bad Request' : 'Internal Server Error');
    };
    admit(req).then((hit) => {
      if (hit !== undefined) return refuse(socket, 429, 'Too Many Requests', { 'Retry-After': String(hit.retryAfterSeconds) });
      try {
        upgrade(req, socket, head);
      } catch (error) {
        failed(error);
      }
    }, failed);
  };

  const upgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    // Streaming Extensions (/.bot/v3/directline) is another protocol, not served: said with 501.
    if (match === null) return url.pathname.startsWith('/.bot/') ? refuse(socket, 501, 'Not Implemented') : refuse(socket, 404, 'Not Found');
    const conversationId = decodeURIComponent(match[1] ?? '');
    const check = tokens.verify(url.searchParams.get('t') ?? '');
    // 403 for any token that cannot be honoured: the client then gets a new one (see directline-auth).
    if (!check.ok) return refuse(socket, 403, check.reason === 'expired' ? 'Token Expired' : 'Forbidden');
    if (check.claims.conversationId !== conversationId) return refuse(socket, 403, 'Forbidden');
    if (store.listenerCount(conversationId) >= MAX_STREAMS_PER_CONVERSATION) return refuse(socket, 429, 'Too Many Requests');
    const watermark = Number(url.searchParams.get('watermark') ?? '') || 0;
    void store.get(conversationId).then(
      (conversation) => {
        if (conversation === undefined) return refuse(socket, 404, 'Not Found');
        wss.handleUpgrade(req, socket, head, (ws) => {
          try {
            connect(ws, conversationId, watermark);
          } catch (error) {
            logger.error({ err: error, conversationId }, 'Direct Line stream could not be opened; closed it');
            ws.close(1011, 'internal error');
          }
        });
      },
      (error: unknown) => {
        logger.error({ err: error, conversationId }, 'Direct Line stream: the state database did not answer; refused the stream');
        refuse(socket, 503, 'Service Unavailable');
      },
    );
  };

  const connect = (ws: WebSocket, conversationId: string, watermark: number) => {
    alive.set(ws, true);
    logger.debug({ conversationId, watermark }, 'Direct Line stream opened');
    const send = (set: ActivitySet): boolean => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      try {
        ws.send(JSON.stringify(set));
        return true;
      } catch (error) {
        logger.error({ err: error, conversationId }, 'Direct Line stream could not send an activity set; closed the stream');
        ws.close(1011, 'internal error');
        return false;
      }
    };
    // The stream reads the log from its own position whenever it is woken (an append here or on
    // another replica, or a reconnected LISTEN): one read at a time, so nothing is sent twice, and
    // a wake-up during a read causes one more read, so nothing is missed.
    let position = watermark;
    let reading = false;
    let again = false;
    const pump = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          const set = await store.since(conversationId, position);
          if (set === undefined) {
            ws.close(1000, 'conversation ended');
            return;
          }
          if (set.activities.length > 0 && !send(set)) return;
          if (set.activities.length >= SINCE_LIMIT) again = true;
          position = Number(set.watermark);
        } while (again && ws.readyState === WebSocket.OPEN);
      } catch (error) {
        // The client reconnects (to any replica) and resumes from its watermark: nothing is lost.
        logger.error({ err: error, conversationId }, 'Direct Line stream could not read the conversation; closed the stream');
        ws.close(1011, 'internal error');
      } finally {
        reading = false;
      }
    };
    const unsubscribe = store.subscribe(conversationId, () => void pump());
    void pump();
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => unsubscribe());
    ws.on('error', (error) => logger.debug({ err: error, conversationId }, 'Direct Line stream error'));
  };

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      try {
        if (alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      } catch (error) {
        logger.warn({ err: error }, 'Direct Line stream ping failed; dropped the stream');
        ws.terminate();
      }
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  httpServer.on('upgrade', onUpgrade);
  return {
    close() {
      clearInterval(pinger);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function refuse(socket: Socket, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed || !socket.writable) return;
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
