import type { Response } from 'restify';

/**
 * Every error response of the server has Direct Line's shape, `{ error: { code, message } }`, with
 * a message that says what was wrong and how to do it right.
 */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}
