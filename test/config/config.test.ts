import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig, tunableEnvName } from '../../src/config/config';
import { isAppError } from '../../src/config/errors';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment and listens on loopback in local mode', () => {
    const config = loadConfig({ env: {} });
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.llm).toBeUndefined();
    expect(config.tunables).toEqual(DEFAULT_TUNABLES);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ env: { PORT: '', TROLY_ADMIN_TOKEN: '  ', MicrosoftAppId: '' } });
    expect(config.port).toBe(3978);
    expect(config.adminToken).toBeUndefined();
    expect(config.host).toBe('127.0.0.1');
  });

  it('listens on all interfaces when a Bot Framework app id is configured', () => {
    expect(loadConfig({ env: { MicrosoftAppId: 'abc' } }).host).toBe('0.0.0.0');
    expect(loadConfig({ env: { MicrosoftAppId: 'abc', TROLY_HOST: '10.0.0.5' } }).host).toBe('10.0.0.5');
  });

  it('reports every problem at once', () => {
    let message = '';
    try {
      loadConfig({ env: { PORT: 'abc', TROLY_LOG_LEVEL: 'loud', TROLY_BM25_K1: 'x', TROLY_LLM_URL: 'http://127.0.0.1:8000/v1' } });
    } catch (error) {
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('TROLY_LOG_LEVEL');
    expect(message).toContain('TROLY_BM25_K1');
    expect(message).toContain('TROLY_LLM_MODEL');
  });

  it('overrides a tunable from its TROLY_ environment name', () => {
    expect(tunableEnvName('bm25K1')).toBe('TROLY_BM25_K1');
    expect(tunableEnvName('refusalThreshold')).toBe('TROLY_REFUSAL_THRESHOLD');
    const config = loadConfig({ env: { TROLY_BM25_K1: '1.5', TROLY_FUSION_METHOD: 'rrf' } });
    expect(config.tunables.bm25K1).toBe(1.5);
    expect(config.tunables.fusionMethod).toBe('rrf');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tunables)).toBe(true);
    expect(Object.isFrozen(config.bot)).toBe(true);
  });

  it('never shows secrets when redacted', () => {
    const config = loadConfig({
      env: { TROLY_ADMIN_TOKEN: 'admin-secret', TROLY_DIRECTLINE_SECRET: 'dl-secret', MicrosoftAppPassword: 'pw', TROLY_LLM_URL: 'http://127.0.0.1:1/v1', TROLY_LLM_MODEL: 'm', TROLY_LLM_API_KEY: 'key', TROLY_DATABASE_URL: 'postgres://troly:db-password@db:5432/troly' },
    });
    const printed = JSON.stringify(redactConfig(config));
    for (const secret of ['admin-secret', 'dl-secret', '"pw"', '"key"', 'db-password']) expect(printed).not.toContain(secret);
    expect(printed).toContain('***');
  });

  it('takes a PostgreSQL URL for the state database, and refuses anything else with the expected form', () => {
    expect(loadConfig({ env: {} }).databaseUrl).toBeUndefined();
    expect(loadConfig({ env: { TROLY_DATABASE_URL: 'postgresql://troly@127.0.0.1:5432/troly' } }).databaseUrl).toBe('postgresql://troly@127.0.0.1:5432/troly');
    expect(() => loadConfig({ env: { TROLY_DATABASE_URL: 'mysql://troly@db/troly' } })).toThrow(/TROLY_DATABASE_URL: expected a PostgreSQL URL: postgres:\/\/user:password@host/);
  });

  it('syncs the SQLite state at checkpoints by default, every write with TROLY_STATE_SYNC=full, and refuses another value', () => {
    expect(loadConfig({ env: {} }).stateSync).toBe('normal');
    expect(loadConfig({ env: { TROLY_STATE_SYNC: 'full' } }).stateSync).toBe('full');
    expect(() => loadConfig({ env: { TROLY_STATE_SYNC: 'always' } })).toThrow(/TROLY_STATE_SYNC: .*"normal"\|"full"/);
  });
});
