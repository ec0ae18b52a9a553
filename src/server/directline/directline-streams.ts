import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { Logger } from '../../config/logger';
import type { ConversationStore } from './conversation-store';
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
 * watermark; then every new activity as an ActivitySet `{ activities, watermark }`. The token is in
 * the URL (`?t=`), as browsers cannot set headers on a WebSocket. Messages from the client are
 * ignored (directlinejs sends empty keep-alives).
 */
export function attachDirectLineStreams({ httpServer, store, tokens, logger }: { httpServer: HttpServer; store: ConversationStore; tokens: TokenIssuer; logger: Logger }): DirectLineStreams {
  const wss = new WebSocket.Server({ noServer: true, maxPayload: 4096 });
  const alive = new WeakMap<WebSocket, boolean>();

  // An upgrade is an entry point of its own, outside restify: nothing thrown here may reach the
  // process (a malformed path such as `%FF` used to end it). Any failure closes the socket with a status.
  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    try {
      upgrade(req, socket, head);
    } catch (error) {
      logger.warn({ err: error, path: (req.url ?? '').slice(0, 300) }, 'WebSocket upgrade failed; refused it, the server keeps serving');
      refuse(socket, error instanceof URIError ? 400 : 500, error instanceof URIError ? 'Bad Request' : 'Internal Server Error');
    }
  };

  const upgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', (error) => logger.debug({ err: error }, 'WebSocket upgrade socket error'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (match === null) return refuse(socket, 404, 'Not Found');
    const conversationId = decodeURIComponent(match[1] ?? '');
    const check = tokens.verify(url.searchParams.get('t') ?? '');
    if (!check.ok) return refuse(socket, check.reason === 'expired' ? 403 : 401, check.reason === 'expired' ? 'Token Expired' : 'Unauthorized');
    if (check.claims.conversationId !== conversationId) return refuse(socket, 403, 'Forbidden');
    if (store.get(conversationId) === undefined) return refuse(socket, 404, 'Not Found');
    if (store.listenerCount(conversationId) >= MAX_STREAMS_PER_CONVERSATION) return refuse(socket, 429, 'Too Many Requests');
    const watermark = Number(url.searchParams.get('watermark') ?? '') || 0;
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        connect(ws, conversationId, watermark);
      } catch (error) {
        logger.error({ err: error, conversationId }, 'Direct Line stream could not be opened; closed it');
        ws.close(1011, 'internal error');
      }
    });
  };

  const connect = (ws: WebSocket, conversationId: string, watermark: number) => {
    alive.set(ws, true);
    logger.debug({ conversationId, watermark }, 'Direct Line stream opened');
    // Called from the store for every new activity: a failure closes this one stream, never the
    // caller (the request that appended the activity) or the other listeners.
    const send = (set: unknown) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      try {
        ws.send(JSON.stringify(set));
      } catch (error) {
        logger.error({ err: error, conversationId }, 'Direct Line stream could not send an activity set; closed the stream');
        ws.close(1011, 'internal error');
      }
    };
    const backlog = store.since(conversationId, watermark);
    if (backlog !== undefined && backlog.activities.length > 0) send(backlog);
    const unsubscribe = store.subscribe(conversationId, send);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => unsubscribe?.());
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

function refuse(socket: Socket, status: number, reason: string): void {
  if (socket.destroyed || !socket.writable) return;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
