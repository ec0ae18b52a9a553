import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../config/logger';

type Next = (arg?: unknown) => void;
type Handler = (req: Request, res: Response, next: Next) => unknown;

const REGISTRARS = ['pre', 'use', 'get', 'post', 'put', 'patch', 'del', 'head', 'opts'] as const;

/**
 * An error a handler threw, as the response restify sends for it: 400 when the input could not be
 * decoded (a `URIError` from a bad percent-escape, wherever it was decoded), 500 otherwise. The
 * message never carries the thrown one (it may quote internals); the log does.
 */
export function thrownToHttpError(error: unknown): Error & { statusCode: number } {
  const badInput = error instanceof URIError;
  const wrapped = new Error(badInput ? 'The request contains a malformed percent-encoding.' : 'The server could not handle this request; see the server log.', { cause: error });
  wrapped.name = badInput ? 'BadRequest' : 'InternalError';
  return Object.assign(wrapped, { statusCode: badInput ? 400 : 500, body: { code: wrapped.name } });
}

/**
 * Makes every handler registered on `server` from now on (pre, use and every route) turn a
 * synchronous throw into an error response instead of an uncaught exception: restify calls
 * handlers in `process.nextTick` without a try, so one throwing handler would end the process for
 * everyone. Rejected async handlers are already answered by restify itself. Call it right after
 * creating the server, before anything is registered.
 */
export function guardHandlers(server: Server, { logger }: { logger: Logger }): void {
  const guard = (handler: Handler): Handler => {
    // Error-handling middleware (arity 4) is restify's own business.
    if (handler.length >= 4) return handler;
    // restify refuses these itself; the wrapper below would hide the mistake from it.
    if (handler.length < 3 && handler.constructor.name !== 'AsyncFunction') {
      throw new Error(`Handler "${handler.name || 'anonymous'}" takes no "next" callback but is not async: write (req, res, next) or an async (req, res).`);
    }
    const guarded: Handler = (req, res, next) => {
      try {
        return handler(req, res, next);
      } catch (error) {
        const level = error instanceof URIError ? 'warn' : 'error';
        logger[level]({ err: error, method: req.method, path: safePath(req) }, 'a request handler threw; answered with an error, the server keeps serving');
        if (res.headersSent) {
          res.destroy();
          return undefined;
        }
        return next(thrownToHttpError(error));
      }
    };
    // restify names its handler timers after the function.
    Object.defineProperty(guarded, 'name', { value: handler.name || 'handler' });
    return guarded;
  };
  const guardArgument = (arg: unknown): unknown => (typeof arg === 'function' ? guard(arg as Handler) : Array.isArray(arg) ? arg.map(guardArgument) : arg);
  const registry = server as unknown as Record<(typeof REGISTRARS)[number], (...args: unknown[]) => unknown>;
  for (const name of REGISTRARS) {
    const original = registry[name].bind(server);
    registry[name] = (...args: unknown[]) => original(...args.map(guardArgument));
  }
}

/** The raw path for a log line, bounded. */
function safePath(req: Request): string {
  return (req.url ?? '').slice(0, 300);
}
