import type { Request, Response } from 'restify';
import { sendError } from '../http-error';
import type { DirectLineTokenClaims, TokenIssuer } from './token-issuer';

/** Who is calling a Direct Line endpoint: the holder of the secret (any conversation) or of a token (one). */
export type DirectLineAccess = { kind: 'secret' } | { kind: 'token'; claims: DirectLineTokenClaims };

/** The value of `Authorization: Bearer <value>`, or undefined. */
export function bearerValue(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Checks the bearer of a Direct Line call; on failure sends the error and returns undefined. A
 * token that cannot be honoured, expired or not (signed with another key, altered), gets 403:
 * botframework-directlinejs treats 403 as "get a new token" and recovers, whereas on 401 it stops
 * polling for good while its status still reads "Online". 401 is kept for a missing header.
 */
export function authorize(req: Request, res: Response, tokens: TokenIssuer): DirectLineAccess | undefined {
  const value = bearerValue(req);
  if (value === undefined) {
    sendError(res, 401, 'Unauthorized', 'Missing or malformed Authorization header: expected "Authorization: Bearer <Direct Line token or secret>".');
    return undefined;
  }
  if (tokens.isSecret(value)) return { kind: 'secret' };
  const check = tokens.verify(value);
  if (check.ok) return { kind: 'token', claims: check.claims };
  if (check.reason === 'expired') {
    sendError(res, 403, 'TokenExpired', 'The Direct Line token has expired: refresh it before it expires (POST /v3/directline/tokens/refresh) or get a new one.');
  } else {
    sendError(res, 403, 'TokenInvalid', 'The Direct Line token is not valid here (signed with another key, or altered). Get a new token.');
  }
  return undefined;
}

/** True when `access` may use conversation `id`; otherwise sends 403 and returns false. */
export function allowConversation(access: DirectLineAccess, id: string, res: Response): boolean {
  if (access.kind === 'secret' || access.claims.conversationId === id) return true;
  sendError(res, 403, 'Forbidden', `This token is for another conversation, not "${id}".`);
  return false;
}
