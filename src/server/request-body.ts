import restify, { type Request, type RequestHandler, type Response } from 'restify';
import { sendError } from './http-error';
import { jsonNestsDeeperThan } from './json-depth';
import { skipMultipart } from './skip-multipart';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/**
 * How every request body is read: at most `maxBytes` (413 beyond), never compressed (415: a
 * gzip body would be inflated past the limit, which counts the bytes on the wire), JSON parsed only
 * when it nests at most `maxDepth` levels (400 beyond; a deeper body could not be serialised again
 * without exhausting the stack). Other types are left as text; multipart is left to the one route
 * that streams it (`skipMultipart`).
 */
export function requestBodyParser({ maxBytes, maxDepth }: { maxBytes: number; maxDepth: number }): RequestHandler[] {
  const refuseEncoded = (req: Request, res: Response, next: (arg?: unknown) => void) => {
    const encoding = req.header('content-encoding');
    if (encoding === undefined || encoding === '' || encoding.toLowerCase() === 'identity') return next();
    res.setHeader('Connection', 'close');
    sendError(res, 415, 'UnsupportedMediaType', `Request bodies must not be compressed (Content-Encoding: ${encoding.slice(0, 40)}): send plain JSON.`);
    return next(false);
  };
  const parseJson = (req: Request, res: Response, next: (arg?: unknown) => void) => {
    const body: unknown = req.body;
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!JSON_TYPE.test(req.contentType().toLowerCase()) || (typeof body !== 'string' && !Buffer.isBuffer(body))) return next();
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      req.body = undefined;
      return next();
    }
    if (jsonNestsDeeperThan(text, maxDepth)) {
      sendError(res, 400, 'BadArgument', `The JSON body nests deeper than ${maxDepth} levels of objects and arrays; no request needs that many.`);
      return next(false);
    }
    try {
      req.body = JSON.parse(text) as unknown;
    } catch (error) {
      sendError(res, 400, 'InvalidContent', `Invalid JSON: ${(error as Error).message.slice(0, 200)}`);
      return next(false);
    }
    return next();
  };
  return skipMultipart([refuseEncoded, restify.plugins.bodyReader({ maxBodySize: maxBytes }), parseJson]);
}
