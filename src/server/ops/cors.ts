import type { Request, Response } from 'restify';
import { sendError } from '../http-error';

/** The routes a page on another origin may call: Direct Line and the chat page's token endpoint. */
const CORS_PATH = /^\/(v3\/directline\/|api\/webchat\/token$)/;
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** What Web Chat and botframework-directlinejs send. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-request-id', 'x-ms-bot-agent', 'x-requested-with'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the origins in TROLY_CORS_ORIGINS (none by default: only pages this server serves may
 * call it from a browser). Answers preflights itself; returns true when the response is complete.
 */
export function handleCors(req: Request, res: Response, { origins }: { origins: readonly string[] }): boolean {
  const origin = req.header('origin');
  if (origin === undefined || !CORS_PATH.test(req.path())) return false;
  const allowed = origins.includes(origin);
  const preflight = req.method === 'OPTIONS' && req.header('access-control-request-method') !== undefined;
  res.setHeader('Vary', 'Origin');
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
  }
  if (!preflight) return false;
  if (!allowed) {
    sendError(res, 403, 'Forbidden', `Origin ${origin} may not call this server from a browser. Add it to TROLY_CORS_ORIGINS (comma-separated) to allow it.`);
    return true;
  }
  const requested = (req.header('access-control-request-headers') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', requested.filter((h) => ALLOWED_HEADERS.includes(h)).join(', ') || ALLOWED_HEADERS.join(', '));
  res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
  res.send(204);
  return true;
}
