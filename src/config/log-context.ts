import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that every log line written while handling one request (or the bot turn it started) carries. */
export interface LogContext {
  requestId: string;
  conversationId?: string;
}

/**
 * The current request's ids, carried through promises and timers by AsyncLocalStorage, so that a
 * log line written deep in the bot or the answer stage names the request and conversation without
 * passing them down. The server enters it once per request (`src/server/ops/request-context.ts`).
 */
export const logContext = new AsyncLocalStorage<LogContext>();

/** pino `mixin`: the current ids, or nothing outside a request. */
export function logContextFields(): Record<string, string> {
  const context = logContext.getStore();
  if (context === undefined) return {};
  return context.conversationId === undefined ? { requestId: context.requestId } : { requestId: context.requestId, conversationId: context.conversationId };
}
