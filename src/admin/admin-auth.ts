import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response, Server } from 'restify';
import type { PromptCatalog } from '../prompts/catalog';
import { sendAdminError } from './admin-error';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when an `Authorization` header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or content of the guess (timingSafeEqual
 * alone needs equal lengths, and comparing lengths would leak the token's).
 */
export function bearerMatches({ header, token }: { header: string | undefined; token: string }): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // Always compare, even with no credentials, so a missing header costs what a wrong one does.
  const same = timingSafeEqual(digest(given), digest(token));
  return same && given !== '';
}

/** The first handler of every protected admin route: the uniform 401 unless the bearer is the admin token. */
export function requireAdminToken({ token, prompts }: { token: string; prompts: PromptCatalog }): RequestHandler {
  return function requireAdminToken(req: Request, res: Response, next: (arg?: unknown) => void) {
    if (bearerMatches({ header: req.header('authorization'), token })) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="troly-admin"');
    sendAdminError({ res, status: 401, code: 'Unauthorized', prompts, key: 'unauthorized' });
    return next(false);
  };
}

/** Registers routes that can only be reached through `requireAdminToken`. */
export interface AdminRouter {
  get(path: string, ...handlers: RequestHandler[]): void;
  post(path: string, ...handlers: RequestHandler[]): void;
  del(path: string, ...handlers: RequestHandler[]): void;
}

const METHODS = ['get', 'post', 'put', 'patch', 'del'] as const;

/**
 * The admin routes' only way onto the server. Authorization is part of each route's own handler
 * chain, so it is decided on exactly what the router matched, whatever the spelling of the URL
 * (percent-encoded letters, `;params`, dot segments): a request the router sends to an admin
 * handler has passed the token check first. Any other path under `/admin/` is caught by a wildcard
 * route that also checks the token first, so an outsider gets the same 401 for every path and
 * learns nothing about which exist (404 only with the token).
 */
export function adminRouter({ server, token, prompts, notFound }: { server: Server; token: string; prompts: PromptCatalog; notFound: RequestHandler }): AdminRouter {
  const guard = requireAdminToken({ token, prompts });
  const add = (method: (typeof METHODS)[number]) => (path: string, ...handlers: RequestHandler[]) => {
    if (!path.startsWith('/admin/')) throw new Error(`admin routes live under /admin/, got "${path}"`);
    server[method](path, guard, ...handlers);
  };
  for (const method of [...METHODS, 'head', 'opts'] as const) server[method]('/admin/*', guard, notFound);
  return { get: add('get'), post: add('post'), del: add('del') };
}
