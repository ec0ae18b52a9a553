import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findPostgresBin, freePort, requireBinary, unprivilegedUser } from './system-binary';

const run = promisify(execFile);

export interface PostgresCluster {
  /** `postgres://troly@127.0.0.1:<port>/<database>` for a fresh database. */
  createDatabase(name?: string): Promise<string>;
  /** The superuser URL of the `postgres` database. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Whether the PostgreSQL suites can run here; throws in CI when they cannot. */
export function postgresAvailability(): { available: boolean; reason: string } {
  return requireBinary(findPostgresBin(), 'PostgreSQL (Debian package "postgresql")');
}

let databases = 0;

/**
 * A private PostgreSQL cluster for one test file: `initdb` in a temporary folder, `postgres` on a
 * free port of 127.0.0.1 (no Unix socket outside the folder), trust authentication for the local
 * user `troly`, durability off (fsync) because the folder is thrown away. As root, the cluster runs
 * under an unprivileged account (initdb refuses root). `stop()` shuts it down and deletes the folder.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error('PostgreSQL is not installed: run "bash scripts/setup.sh --tests".');
  const user = unprivilegedUser();
  const dir = mkdtempSync(join(tmpdir(), 'troly-pg-'));
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const as = (command: string, args: string[]) => (user === undefined ? run(command, args, { cwd: dir }) : run('runuser', ['-u', user.name, '--', command, ...args], { cwd: dir }));
  const port = await freePort();
  try {
    await as(join(bin, 'initdb'), ['-D', dataDir, '-U', 'troly', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    await as(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Cannot start a test PostgreSQL cluster with ${bin}: ${(error as Error).message}`, { cause: error });
  }
  const url = `postgres://troly@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name = `troly_test_${process.pid}_${(databases += 1)}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://troly@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        await as(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
