import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ENV_EXAMPLE_PATH, renderEnvExample } from '../../scripts/env-example';
import { registerCommands } from '../../src/cli/commands';
import { envSchema, loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { loadPrompts } from '../../src/prompts/catalog';
import { createFakeAssistant } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { parseDockerfile, stageEnv, type DockerStage } from './dockerfile-parser';
import { runtimePackages } from './runtime-imports';

const DEPLOY = resolve(PROJECT_ROOT, 'deploy');
const read = (path: string) => readFileSync(resolve(DEPLOY, path), 'utf8');
const SETTINGS = new Set(Object.keys(envSchema.shape));
/** Variables that are not the app's settings but belong in a deployment. */
const PLATFORM_VARIABLES = new Set(['NODE_ENV', 'ONNXRUNTIME_NODE_INSTALL', 'ONNXRUNTIME_NODE_INSTALL_CUDA', 'npm_config_nodedir']);
const packageJson = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
const defaultPort = String(loadConfig({ env: {} }).port);

/** The CLI's commands and subcommands, as `troly <name>` / `troly <name> <sub>`. */
function cliCommands(): Set<string> {
  const program = new Command('troly');
  const io = { out: () => undefined, error: () => undefined };
  registerCommands(program, { prompts: loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') }), io, loadConfig } as unknown as Parameters<typeof registerCommands>[1]);
  const names = new Set<string>();
  for (const command of program.commands) {
    names.add(command.name());
    for (const sub of command.commands) names.add(`${command.name()} ${sub.name()}`);
  }
  return names;
}

describe('deploy/Dockerfile', () => {
  const { stages } = parseDockerfile(read('Dockerfile'));
  const build = stages.find((s) => s.name === 'build') as DockerStage;
  const runtime = stages.at(-1) as DockerStage;
  const runtimeEnv = stageEnv(runtime);
  const ops = (stage: DockerStage, op: string) => stage.instructions.filter((i) => i.op === op);

  it('builds on Node 20 (bookworm-slim) in two stages, the last one copying node_modules from the build stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const stage of stages) expect(stage.base).toBe('node:20-bookworm-slim');
    expect(packageJson).toMatchObject({});
    const fromBuild = ops(runtime, 'COPY').filter((i) => i.flags.from !== undefined);
    expect(fromBuild.map((i) => [i.flags.from, ...i.args])).toEqual([['build', '/app/node_modules', './node_modules']]);
  });

  it('compiles native addons in the build stage only, without dev dependencies and without GPU downloads', () => {
    const buildRuns = ops(build, 'RUN').map((i) => i.raw).join('\n');
    for (const tool of ['python3', 'g++', 'make']) expect(buildRuns).toContain(tool);
    expect(buildRuns).toMatch(/npm install --omit=dev/);
    expect(stageEnv(build)).toMatchObject({ ONNXRUNTIME_NODE_INSTALL: 'skip', ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip' });
    expect(ops(runtime, 'RUN').map((i) => i.raw).join('\n')).not.toMatch(/apt-get|npm (install|ci)/);
  });

  it('copies only files that exist in the repository', () => {
    for (const stage of stages) {
      for (const copy of ops(stage, 'COPY').filter((i) => i.flags.from === undefined)) {
        for (const source of copy.args.slice(0, -1)) expect(existsSync(resolve(PROJECT_ROOT, source)), `${source} (COPY in ${stage.name})`).toBe(true);
      }
    }
  });

  it('needs at run time only packages from "dependencies" (npm install --omit=dev leaves the rest out)', () => {
    const used = runtimePackages([resolve(PROJECT_ROOT, 'src'), resolve(PROJECT_ROOT, 'bin')]);
    const missing = [...used].filter(([name]) => packageJson.dependencies[name] === undefined).map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
    expect(used.has('tsx')).toBe(true);
  });

  it('sets only real settings, listens on the exposed port, and keeps data, models and knowledge in volumes', () => {
    for (const key of Object.keys(runtimeEnv)) expect(SETTINGS.has(key) || PLATFORM_VARIABLES.has(key), key).toBe(true);
    expect(ops(runtime, 'EXPOSE').flatMap((i) => i.args)).toEqual([runtimeEnv.PORT]);
    expect(runtimeEnv.PORT).toBe(defaultPort);
    const volumes = ops(runtime, 'VOLUME').flatMap((i) => i.args);
    expect(new Set(volumes)).toEqual(new Set([runtimeEnv.TROLY_DATA_DIR, runtimeEnv.TROLY_MODELS_DIR, runtimeEnv.TROLY_KNOWLEDGE_DIR]));
  });

  it('runs `troly serve` as a non-root user and checks /healthz', () => {
    const users = ops(runtime, 'USER').flatMap((i) => i.args);
    expect(users).toEqual(['troly']);
    expect(ops(runtime, 'RUN').map((i) => i.raw).join('\n')).toMatch(/useradd .*troly/);
    const cmd = ops(runtime, 'CMD')[0]?.args ?? [];
    expect(cmd).toEqual(['node', 'bin/troly.js', 'serve']);
    expect(existsSync(resolve(PROJECT_ROOT, 'bin/troly.js'))).toBe(true);
    expect(cliCommands().has('serve')).toBe(true);
    expect(ops(runtime, 'HEALTHCHECK')[0]?.raw).toContain('/healthz');
    expect(ops(runtime, 'STOPSIGNAL').flatMap((i) => i.args)).toEqual(['SIGTERM']);
  });
});

describe('deploy/docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };
  const service = compose.services.troly as {
    build: { context: string; dockerfile: string };
    env_file: string[];
    environment: Record<string, string>;
    ports: string[];
    volumes: string[];
    stop_grace_period: string;
  };
  const runtime = parseDockerfile(read('Dockerfile')).stages.at(-1) as DockerStage;
  const runtimeEnv = stageEnv(runtime);

  it('builds this repository with deploy/Dockerfile', () => {
    const context = resolve(DEPLOY, service.build.context);
    expect(context).toBe(resolve(PROJECT_ROOT));
    expect(existsSync(join(context, service.build.dockerfile))).toBe(true);
  });

  it('reads settings from deploy/.env (made from .env.example, never committed) and sets only real ones', () => {
    expect(service.env_file).toEqual(['.env']);
    expect(existsSync(resolve(DEPLOY, '.env.example'))).toBe(true);
    expect(readFileSync(resolve(PROJECT_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('deploy/.env');
    for (const key of Object.keys(service.environment)) expect(SETTINGS.has(key), key).toBe(true);
    expect(() => loadConfig({ env: service.environment })).not.toThrow();
  });

  it('publishes the image port on the loopback only, for the reverse proxy', () => {
    expect(service.ports).toEqual([`127.0.0.1:${runtimeEnv.PORT}:${service.environment.PORT}`]);
    expect(service.environment.PORT).toBe(runtimeEnv.PORT);
  });

  it('mounts the repository folders on the image volumes', () => {
    const mounts = service.volumes.map((v) => v.split(':'));
    const byTarget = new Map(mounts.map(([host = '', target = '']) => [target, resolve(DEPLOY, host)]));
    expect(byTarget.get(runtimeEnv.TROLY_DATA_DIR ?? '')).toBe(resolve(PROJECT_ROOT, 'data'));
    expect(byTarget.get(runtimeEnv.TROLY_MODELS_DIR ?? '')).toBe(resolve(PROJECT_ROOT, 'models'));
    expect(byTarget.get(runtimeEnv.TROLY_KNOWLEDGE_DIR ?? '')).toBe(resolve(PROJECT_ROOT, 'knowledge'));
    expect(existsSync(resolve(PROJECT_ROOT, 'knowledge'))).toBe(true);
  });

  it('gives the graceful stop more time than the server takes', () => {
    expect(Number(/^(\d+)s$/.exec(service.stop_grace_period)?.[1]) * 1000).toBeGreaterThan(DEFAULT_TUNABLES.shutdownGraceMs);
  });
});

describe('deploy/systemd/troly.service', () => {
  const unit = new Map<string, string[]>();
  for (const line of read('systemd/troly.service').split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match !== null) unit.set(match[1] ?? '', [...(unit.get(match[1] ?? '') ?? []), match[2] ?? '']);
  }
  const one = (key: string) => unit.get(key)?.[0] ?? '';

  it('runs `troly serve` from the installation as an unprivileged user', () => {
    const [node, script, command] = one('ExecStart').split(/\s+/);
    expect(node).toBe('/usr/bin/node');
    expect(script).toBe(`${one('WorkingDirectory')}/bin/troly.js`);
    expect(cliCommands().has(command ?? '')).toBe(true);
    expect(one('User')).not.toBe('root');
  });

  it('sets only real settings and stops with SIGTERM, which `troly serve` handles, with time to finish', () => {
    for (const assignment of unit.get('Environment') ?? []) {
      const key = assignment.split('=')[0] ?? '';
      expect(SETTINGS.has(key) || PLATFORM_VARIABLES.has(key), key).toBe(true);
    }
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(readFileSync(resolve(PROJECT_ROOT, 'src/cli/serve-command.ts'), 'utf8')).toContain("process.once('SIGTERM'");
    expect(Number(one('TimeoutStopSec')) * 1000).toBeGreaterThan(DEFAULT_TUNABLES.shutdownGraceMs);
    expect(one('StateDirectory')).toBe('troly');
    for (const key of ['TROLY_DATA_DIR', 'TROLY_KNOWLEDGE_DIR', 'TROLY_MODELS_DIR']) {
      expect((unit.get('Environment') ?? []).find((e) => e.startsWith(`${key}=`))).toMatch(/^[A-Z_]+=\/var\/lib\/troly\//);
    }
  });
});

describe('deploy/nginx/troly.conf, against a running server', () => {
  const conf = read('nginx/troly.conf');
  const SECRET = 'deploy-nginx-secret-5e1f';
  let server: TestServer;
  /** Each `location` block: its matcher and its body. */
  const locations = [...conf.matchAll(/location\s+(=|~)?\s*(\S+)\s*\{([^}]*)\}/g)].map((m) => ({ modifier: m[1], path: m[2] ?? '', body: m[3] ?? '' }));
  const locationFor = (path: string) =>
    locations.find((l) => l.modifier === '=' && l.path === path) ?? locations.find((l) => l.modifier === '~' && new RegExp(l.path).test(path)) ?? locations.filter((l) => l.modifier === undefined && path.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length)[0];

  beforeAll(async () => {
    server = await startTestServer({ assistant: createFakeAssistant({ replies: {} }), env: { TROLY_DIRECTLINE_SECRET: SECRET } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('proxies to the default port and forwards the client address the server trusts behind it', () => {
    expect(conf).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${defaultPort}`));
    for (const header of ['X-Real-IP', 'X-Forwarded-For', 'X-Forwarded-Proto', 'Host']) expect(conf).toMatch(new RegExp(`proxy_set_header ${header}\\s`));
    // A location with its own proxy_set_header loses the server-level ones: it must repeat them.
    for (const location of locations.filter((l) => l.body.includes('proxy_set_header'))) expect(location.body).toContain('X-Real-IP');
  });

  it('upgrades the WebSocket on the stream URL the server actually hands out', async () => {
    const res = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    const { streamUrl } = (await res.json()) as { streamUrl: string };
    const location = locationFor(new URL(streamUrl).pathname);
    expect(location?.modifier).toBe('~');
    expect(location?.body).toMatch(/proxy_set_header Upgrade\s+\$http_upgrade/);
    expect(location?.body).toMatch(/proxy_set_header Connection\s+\$connection_upgrade/);
  });

  it('routes every public path to the server, limits bodies as the server does, and hides the internal ones', async () => {
    const bodyLimit = /client_max_body_size (\d+)k;/.exec(conf)?.[1];
    expect(Number(bodyLimit) * 1024).toBe(DEFAULT_TUNABLES.maxRequestBytes);
    for (const path of ['/api/messages', '/v3/directline/tokens/generate', '/', '/healthz', '/static/webchat.js', '/documents/luat-cu-tru-2020']) {
      expect(locationFor(path)?.body, path).toContain('proxy_pass http://troly');
    }
    expect(locationFor('/v3/conversations/abc/activities')?.body).toContain('return 404');
    for (const path of ['/metrics', '/readyz']) {
      expect(locationFor(path)?.body).toContain('deny all');
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('deploy/.env.example', () => {
  it('has the settings and defaults `npm run env:example` renders from the configuration, each described', () => {
    const rendered = renderEnvExample();
    expect(rendered).not.toMatch(/NO DESCRIPTION|NO JSDOC/);
    // Descriptions may lag a JSDoc edit; names and defaults may not.
    const settingLines = (text: string) => text.split('\n').filter((line) => /^#[A-Za-z0-9_]+=/.test(line));
    expect(settingLines(readFileSync(ENV_EXAMPLE_PATH, 'utf8')), 'deploy/.env.example is stale: run `npm run env:example`').toEqual(settingLines(rendered));
    const blocks = readFileSync(ENV_EXAMPLE_PATH, 'utf8').split(/\n\n+/).filter((block) => /^#[A-Za-z0-9_]+=/m.test(block));
    for (const block of blocks) expect(block.split('\n').length, block).toBeGreaterThan(1);
    expect(packageJson.scripts['env:example']).toBeDefined();
  });

  it('names every setting and every tunable once, with a default that loadConfig accepts', () => {
    const names = [...readFileSync(ENV_EXAMPLE_PATH, 'utf8').matchAll(/^#([A-Za-z0-9_]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
    const expected = [...SETTINGS, ...Object.keys(DEFAULT_TUNABLES).map((n) => `TROLY_${n.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`)];
    expect(names.map(([n]) => n).sort()).toEqual([...expected].sort());
    const uncommented = Object.fromEntries(names.filter(([n]) => n !== 'TROLY_PROMPTS_DIR'));
    const config = loadConfig({ env: uncommented });
    expect(config.tunables).toEqual(DEFAULT_TUNABLES);
    expect(config.port).toBe(Number(defaultPort));
  });
});

describe('deploy/README.md', () => {
  it('mentions every deploy file and only CLI commands and npm scripts that exist', () => {
    const readme = read('README.md');
    for (const file of ['Dockerfile', 'docker-compose.yml', 'systemd/troly.service', 'nginx/troly.conf', '.env.example']) expect(readme, file).toContain(file);
    const commands = cliCommands();
    for (const match of readme.matchAll(/troly\.js (\w+)(?: (check|pull)\b)?|(?:^|`)troly (model \w+|\w+)\b/gm)) {
      const used = match[3] ?? (match[2] === undefined ? match[1] : `${match[1]} ${match[2]}`);
      if (used !== undefined) expect(commands.has(used), `troly ${used}`).toBe(true);
    }
    for (const [, script] of readme.matchAll(/npm run ([\w:.-]+)/g)) expect(packageJson.scripts[script ?? ''], script).toBeDefined();
  });

  it('names only settings that exist', () => {
    const readme = read('README.md');
    const known = new Set([...readFileSync(ENV_EXAMPLE_PATH, 'utf8').matchAll(/^#([A-Za-z0-9_]+)=/gm)].map((m) => m[1]));
    const named = [...readme.matchAll(/\b(TROLY_[A-Z0-9_]+|Microsoft[A-Za-z]+)\b/g)].map((m) => m[1]);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });
});
