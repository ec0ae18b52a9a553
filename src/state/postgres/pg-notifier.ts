import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../../config/logger';

/** The channel Direct Line appends are announced on; the payload is the conversation id. */
export const DIRECTLINE_CHANNEL = 'troly_directline';
/** Longest wait between two attempts to listen again after the connection was lost, in ms. */
const MAX_RETRY_MS = 5000;

export interface PgNotifier {
  /** Calls `listener` when the conversation may have a new activity; returns the unsubscribe. */
  watch(conversationId: string, listener: () => void): () => void;
  /** Whether the LISTEN connection is up (a replica that cannot hear appends is not ready). */
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per replica, fanning PostgreSQL notifications out to the streams of this
 * process. When the connection drops, it reconnects with backoff and then wakes every watcher:
 * they re-read the log from their watermark, so what was appended meanwhile is not lost.
 */
export async function startPgNotifier({ connectionString, logger, timeoutMs }: { connectionString: string; logger: Logger; timeoutMs: number }): Promise<PgNotifier> {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const name of events.eventNames()) events.emit(name);
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, keepAlive: true });
    next.on('notification', (message) => {
      if (message.payload !== undefined) events.emit(message.payload);
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'PostgreSQL LISTEN connection lost; reconnecting');
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${DIRECTLINE_CHANNEL}`);
    client = next;
    retryMs = 250;
  };
  const lost = (which: pg.Client) => {
    if (client !== which && client !== undefined) return;
    client = undefined;
    void which.end().catch(() => undefined);
    if (!closed && timer === undefined) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(wakeAll, (error: unknown) => {
        logger.warn({ err: error, retryMs }, 'PostgreSQL LISTEN reconnect failed');
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
        if (!closed) schedule();
      });
    }, retryMs);
    timer.unref();
  };

  await connect();
  return {
    watch(conversationId, listener) {
      events.on(conversationId, listener);
      return () => events.off(conversationId, listener);
    },
    get listening() {
      return client !== undefined;
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
