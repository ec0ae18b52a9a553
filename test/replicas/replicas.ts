import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../src/config/config';
import { freePort } from '../helpers/system-binary';

export interface Replica {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** What the replica wrote to stderr (its JSON log), for a failing test's message. */
  log(): string;
  /** SIGKILL: no graceful stop, as when the machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts one replica process (test/replicas/replica-process.ts) with the given environment; resolves once it listens. */
export async function startReplica({ env }: { env: Record<string, string> }): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'test/replicas/replica-process.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), TROLY_HOST: '127.0.0.1', TROLY_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-50_000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`replica did not start within 60 s:\n${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`replica exited with ${code} before listening:\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      done((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    port,
    process: child,
    log: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
