import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { envSchema, loadConfig, PROJECT_ROOT } from '../../src/config/config';

const read = (path: string) => readFileSync(resolve(PROJECT_ROOT, 'deploy', path), 'utf8');

describe('deploy/docker-compose.replicas.yml', () => {
  const compose = parseYaml(read('docker-compose.replicas.yml'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; volumes?: string[]; healthcheck?: { test: string[] } }> };
  const replicas = Object.entries(compose.services).filter(([name]) => /^troly-\d+$/.test(name));

  it('runs two replicas of `troly serve --no-index` on one PostgreSQL, sharing the data folder, ready on /readyz', () => {
    expect(replicas.map(([name]) => name)).toEqual(['troly-1', 'troly-2']);
    for (const [, service] of replicas) {
      expect(service.command).toEqual(['node', 'bin/troly.js', 'serve', '--no-index']);
      const url = service.environment?.TROLY_DATABASE_URL ?? '';
      expect(url).toMatch(/^postgres:\/\/troly:\$\{DB_PASSWORD:\?[^}]+\}@postgres:5432\/troly$/);
      // The URL, once compose substitutes the password, is one the configuration accepts.
      expect(loadConfig({ env: { TROLY_DATABASE_URL: url.replace(/\$\{[^}]+\}/, 'pw') } }).databaseUrl).toBeDefined();
      expect(service.volumes).toContain('../data:/app/data');
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, index: { condition: 'service_completed_successfully' } });
      expect(service.healthcheck?.test.join(' ')).toContain('/readyz');
      for (const key of Object.keys(service.environment ?? {})) expect(Object.keys(envSchema.shape), key).toContain(key);
    }
    expect(compose.services.index?.command).toEqual(['node', 'bin/troly.js', 'index']);
    expect(compose.services.nginx?.volumes).toContain('./nginx/troly-replicas.conf:/etc/nginx/conf.d/default.conf:ro');
  });
});

describe('deploy/nginx/troly-replicas.conf', () => {
  const conf = read('nginx/troly-replicas.conf');

  it('balances over every replica without stickiness, passes WebSockets through, and never retries a POST elsewhere', () => {
    const upstream = /upstream troly \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect([...upstream.matchAll(/server (\S+)/g)].map((m) => m[1])).toEqual(['troly-1:3978', 'troly-2:3978']);
    expect(upstream).not.toMatch(/ip_hash|hash |sticky/);
    expect(conf).toMatch(/proxy_set_header Upgrade\s+\$http_upgrade;/);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503;/);
    expect(conf).not.toContain('non_idempotent');
    expect(conf).toMatch(/location \/v3\/conversations\/ \{\s*return 404;/);
  });
});

describe('deploy/README.md', () => {
  it('documents the replicated mode with its files', () => {
    const readme = read('README.md');
    for (const text of ['docker-compose.replicas.yml', 'nginx/troly-replicas.conf', 'systemd/troly@.service', 'TROLY_DATABASE_URL', 'pg_dump', 'national-scale.md']) expect(readme, text).toContain(text);
  });
});
