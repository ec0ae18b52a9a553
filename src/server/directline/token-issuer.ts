import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one conversation, as one user, until `expiresAt` (epoch seconds). */
export interface DirectLineTokenClaims {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; claims: DirectLineTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const PREFIX = 'dl1';

/**
 * Issues and checks short-lived Direct Line tokens: `dl1.<claims, base64url JSON>.<HMAC-SHA256>`.
 * Stateless, so any token the server issued is checked without a lookup. The HMAC key is derived
 * from TROLY_DIRECTLINE_SECRET when there is one; without it the server gives the key kept in the
 * state database (`useSharedKey`, at start-up), so tokens survive a restart and are valid on every
 * replica. `isSecret` compares a bearer value with the secret in constant time.
 */
export class TokenIssuer {
  private key: Buffer;
  private readonly secret: Buffer | undefined;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor({ secret, ttlSeconds, now = () => Date.now() }: { secret?: string | undefined; ttlSeconds: number; now?: () => number }) {
    this.secret = secret === undefined ? undefined : Buffer.from(secret, 'utf8');
    this.key = secret === undefined ? randomBytes(32) : createHmac('sha256', secret).update('troly-directline-token-v1').digest();
    this.ttlSeconds = ttlSeconds;
    this.now = now;
  }

  /**
   * Signs with `key` (the state database's shared key) unless a secret is configured, which then
   * stays the source of the key. Called once at start-up, before the server listens.
   */
  useSharedKey(key: Buffer): void {
    if (this.secret === undefined) this.key = createHmac('sha256', key).update('troly-directline-token-v1').digest();
  }

  get hasSecret(): boolean {
    return this.secret !== undefined;
  }

  issue({ conversationId, userId }: { conversationId: string; userId: string }): { token: string; expiresIn: number } {
    const claims: DirectLineTokenClaims = { conversationId, userId, expiresAt: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${PREFIX}.${payload}.${this.sign(payload)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): TokenCheck {
    const parts = token.split('.');
    const [prefix, payload, signature] = parts;
    if (parts.length !== 3 || prefix !== PREFIX || payload === undefined || signature === undefined) return { ok: false, reason: 'malformed' };
    if (!constantTimeEqual(Buffer.from(signature), Buffer.from(this.sign(payload)))) return { ok: false, reason: 'bad-signature' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
    if (claims.expiresAt <= Math.floor(this.now() / 1000)) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  isSecret(value: string): boolean {
    return this.secret !== undefined && constantTimeEqual(Buffer.from(value, 'utf8'), this.secret);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** Equal-length comparison in constant time; a length mismatch is rejected after a dummy compare. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

function isClaims(value: unknown): value is DirectLineTokenClaims {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.conversationId === 'string' && typeof v.userId === 'string' && typeof v.expiresAt === 'number';
}
