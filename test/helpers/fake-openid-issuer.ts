import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** The issuer Bot Framework channel tokens carry (botframework-connector checks it). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface FakeOpenIdIssuer {
  /** The OpenID metadata document's URL (TROLY_BOT_OPENID_METADATA_URL). */
  metadataUrl: string;
  /** A channel token signed with the published key (or, with `unpublishedKey`, a key of the same kid that is not published). */
  sign(claims: { aud: string; serviceUrl: string; expiresInSeconds?: number; unpublishedKey?: boolean }): string;
  close(): Promise<void>;
}

/**
 * What login.botframework.com does for channel tokens, on 127.0.0.1: an OpenID metadata document,
 * a JWKS with one RSA key endorsed for the channels used in tests, and RS256 tokens signed with it.
 */
export async function startFakeOpenIdIssuer({ endorsements = ['msteams', 'emulator'] }: { endorsements?: string[] } = {}): Promise<FakeOpenIdIssuer> {
  const kid = 'troly-test-key';
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...published.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements };
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path === '/v1/.well-known/openidconfiguration' ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] } : path === '/v1/.well-known/keys' ? { keys: [jwk] } : undefined;
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = ({ aud, serviceUrl, expiresInSeconds = 3600, unpublishedKey = false }: Parameters<FakeOpenIdIssuer['sign']>[0]) => {
    const key: KeyObject = unpublishedKey ? impostor.privateKey : published.privateKey;
    const now = Math.floor(Date.now() / 1000);
    const exp = now + expiresInSeconds;
    // Bot Framework names the claim in lower case.
    return jwt.sign({ serviceurl: serviceUrl, nbf: Math.min(now, exp) - 60, exp }, key, { algorithm: 'RS256', keyid: kid, issuer: CHANNEL_ISSUER, audience: aud, noTimestamp: false });
  };
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    sign,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
