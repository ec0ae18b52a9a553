import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNginx, freePort, requireBinary, unprivilegedUser } from './system-binary';

export interface NginxProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The error log so far (for a failing test's message). */
  errors(): string;
  stop(): Promise<void>;
}

/** Whether the nginx suites can run here; throws in CI when they cannot. */
export function nginxAvailability(): { available: boolean; reason: string } {
  return requireBinary(findNginx(), 'nginx (Debian package "nginx")');
}

/**
 * The proxy of deploy/nginx/troly-replicas.conf in miniature, for tests: round robin over the
 * given replicas with no stickiness, WebSocket pass-through, passive health checks (a replica that
 * refuses a connection is skipped for `failTimeoutSeconds`, and the request goes to the next one),
 * on a free port of 127.0.0.1, everything in a temporary folder. `stop()` ends nginx and deletes it.
 */
export async function startNginxProxy({ upstreams, failTimeoutSeconds = 5 }: { upstreams: string[]; failTimeoutSeconds?: number }): Promise<NginxProxy> {
  const nginx = findNginx();
  if (nginx === undefined) throw new Error('nginx is not installed: run "bash scripts/setup.sh --tests".');
  const dir = mkdtempSync(join(tmpdir(), 'troly-nginx-'));
  const user = unprivilegedUser();
  const temp = join(dir, 'temp');
  mkdirSync(temp);
  if (user !== undefined) chownSync(temp, user.uid, user.gid);
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${user === undefined ? '' : `user ${user.name};`}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  upstream troly {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=${failTimeoutSeconds}s;`).join('\n')}
    keepalive 16;
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 256k;
    location / {
      proxy_pass http://troly;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_connect_timeout 2s;
      proxy_read_timeout 3600s;
      proxy_buffering off;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const errors = () => {
    let log = '';
    try {
      log = readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      // not written yet
    }
    return `${stderr}${log}`;
  };
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    const message = `nginx did not start: ${(error as Error).message}\n${errors()}`;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    errors,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`port ${port} not open after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
