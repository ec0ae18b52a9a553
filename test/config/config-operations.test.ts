import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';

describe('loadConfig (operations settings)', () => {
  it('reads CORS origins, proxy trust and rate limits', () => {
    const config = loadConfig({
      env: {
        TROLY_CORS_ORIGINS: 'https://congchuc.haiphong.gov.vn, http://localhost:8080/',
        TROLY_TRUST_PROXY: 'yes',
        TROLY_RATE_LIMIT_IP_PER_MINUTE: '1200',
        TROLY_RATE_LIMIT_CONVERSATION_PER_MINUTE: '0',
      },
    });
    expect(config.corsOrigins).toEqual(['https://congchuc.haiphong.gov.vn', 'http://localhost:8080']);
    expect(config.trustProxy).toBe(true);
    expect(config.tunables.rateLimitIpPerMinute).toBe(1200);
    expect(config.tunables.rateLimitConversationPerMinute).toBe(0);
  });

  it('defaults to no cross-origin callers and no proxy trust', () => {
    const config = loadConfig({ env: {} });
    expect(config.corsOrigins).toEqual([]);
    expect(config.trustProxy).toBe(false);
    expect(config.bot.openIdMetadataUrl).toBeUndefined();
  });

  it.each(['*', 'congchuc.haiphong.gov.vn', 'https://congchuc.haiphong.gov.vn/chat', 'ftp://haiphong.gov.vn'])('refuses the CORS origin "%s" and says what is expected', (origin) => {
    expect(() => loadConfig({ env: { TROLY_CORS_ORIGINS: origin } })).toThrow(/TROLY_CORS_ORIGINS: expected comma-separated origins/);
  });
});
