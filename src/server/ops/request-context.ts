import { randomUUID } from 'node:crypto';
import type { Request } from 'restify';
import type { LogContext } from '../../config/log-context';

const contexts = new WeakMap<Request, LogContext>();
/** A request id from a client or proxy is kept only if it looks like one (no log injection, bounded). */
const ACCEPTED_REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The request's id: the caller's `X-Request-Id` when it is a plausible id, else a new UUID. */
export function requestIdFor(req: Request): string {
  const given = req.header('x-request-id');
  return given !== undefined && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Remembers the log context of a request (the same object the AsyncLocalStorage holds). */
export function setRequestContext(req: Request, context: LogContext): void {
  contexts.set(req, context);
}

/** The log context of a request, once the operations middleware has seen it. */
export function requestContext(req: Request): LogContext | undefined {
  return contexts.get(req);
}

/** The conversation a request is about: the Direct Line path's id, or an activity's `conversation.id`. */
export function conversationIdOf(req: Request): string | undefined {
  const fromPath: unknown = (req.params as Record<string, unknown> | undefined)?.conversationId;
  if (typeof fromPath === 'string' && fromPath !== '') return fromPath;
  const body: unknown = req.body;
  if (body !== null && typeof body === 'object' && 'conversation' in body) {
    const conversation: unknown = body.conversation;
    if (conversation !== null && typeof conversation === 'object' && 'id' in conversation && typeof conversation.id === 'string' && conversation.id !== '') return conversation.id.slice(0, 256);
  }
  return undefined;
}
