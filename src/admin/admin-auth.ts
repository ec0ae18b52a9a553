import { createHash, timingSafeEqual } from 'node:crypto';

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
