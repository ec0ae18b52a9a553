import type { Request, RequestHandler, Response } from 'restify';

/**
 * Wraps restify's body parser so that it leaves multipart bodies alone: its multipart support
 * (formidable 1) would write every file of any request to the temporary folder, with none of our
 * limits. The one route that takes files (the admin upload) streams them itself, with its own
 * size, type and name checks; elsewhere a multipart body is simply not parsed.
 */
export function skipMultipart(handlers: RequestHandler | RequestHandler[]): RequestHandler[] {
  return (Array.isArray(handlers) ? handlers : [handlers]).map(
    (handler): RequestHandler =>
      (req: Request, res: Response, next) => {
        if (/^multipart\//i.test(req.header('content-type') ?? '')) return next();
        return handler(req, res, next);
      },
  );
}
