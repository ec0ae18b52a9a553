import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/**
 * Whether a suite that needs a system program (PostgreSQL, nginx) can run. On a developer machine
 * without it the suite is skipped with the reason; in CI (`CI=true`) its absence is a failure, so a
 * machine set up without `scripts/setup.sh --tests` cannot pass silently.
 */
export function requireBinary(found: string | undefined, what: string): { available: boolean; reason: string } {
  if (found !== undefined) return { available: true, reason: '' };
  const reason = `${what} is not installed: run "bash scripts/setup.sh --tests".`;
  if (process.env.CI === 'true') throw new Error(`${reason} CI=true: the suites that need it cannot be skipped.`);
  return { available: false, reason };
}

/** The newest PostgreSQL server binaries folder (`/usr/lib/postgresql/<version>/bin`), if installed. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

/** The nginx binary, if installed. */
export function findNginx(): string | undefined {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(path)) return path;
  return undefined;
}

/**
 * The unprivileged account servers run under when the tests run as root (initdb and postgres refuse
 * root): `postgres` when Debian's package created it, else `nobody`. Undefined when not root.
 */
export function unprivilegedUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (Number.isInteger(uid) && uid > 0) return { name, uid, gid };
    } catch {
      // try the next account
    }
  }
  throw new Error('Running as root, but neither the "postgres" nor the "nobody" account exists to run the test servers under.');
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
