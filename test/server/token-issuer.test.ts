import { describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/server/directline/token-issuer';

describe('TokenIssuer', () => {
  const now = 1_750_000_000_000;
  const issuer = new TokenIssuer({ secret: 'bí-mật-direct-line', ttlSeconds: 1800, now: () => now });

  it('round-trips the conversation and user it was issued for', () => {
    const { token, expiresIn } = issuer.issue({ conversationId: 'c1', userId: 'dl_u1' });
    expect(expiresIn).toBe(1800);
    expect(issuer.verify(token)).toEqual({ ok: true, claims: { conversationId: 'c1', userId: 'dl_u1', expiresAt: now / 1000 + 1800 } });
  });

  it('rejects altered claims, other keys, garbage and expired tokens, each with its reason', () => {
    const { token } = issuer.issue({ conversationId: 'c1', userId: 'dl_u1' });
    const [prefix, , signature] = token.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ conversationId: 'c2', userId: 'dl_u1', expiresAt: now / 1000 + 1800 })).toString('base64url');
    expect(issuer.verify(`${prefix}.${forgedClaims}.${signature}`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(new TokenIssuer({ secret: 'khác', ttlSeconds: 60 }).verify(token)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(issuer.verify('abc')).toEqual({ ok: false, reason: 'malformed' });
    const later = new TokenIssuer({ secret: 'bí-mật-direct-line', ttlSeconds: 1800, now: () => now + 1801_000 });
    expect(later.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('recognises the secret only when it is exactly the secret', () => {
    expect(issuer.isSecret('bí-mật-direct-line')).toBe(true);
    expect(issuer.isSecret('bí-mật-direct-lin')).toBe(false);
    expect(new TokenIssuer({ ttlSeconds: 60 }).isSecret('')).toBe(false);
  });
});
