import { fork, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config';
import { sampleValue } from '../../test/server/prometheus-text';
import type { LoadServerCommand, LoadServerEvent } from './load-server';

/** One server under load (bench/load/load-server.ts in a child process), as the driver sees it. */
export interface ServedInstance {
  url: string;
  served: { documents: number; chunks: number; mode: string };
  /** The child's memory and CPU time so far (main thread and its worker threads together: one process). */
  memory(): Promise<{ rss: number; heapUsed: number; cpuMicros: number; mainCpuMs: number }>;
  /** Answers the server counted so far (/metrics), by outcome. */
  counts(): Promise<{ answered: number; refused: number; failed: number }>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Forks the server with exactly `env` (logs to `logFile`) and waits until it listens. With
 * `cpuProfileDir`, the server's main thread is profiled (`--cpu-prof`) and the profile written
 * there when it stops. `root` is the checkout whose server runs (this one by default).
 */
export async function startServedInstance({ env, logFile, cpuProfileDir, root = PROJECT_ROOT }: { env: NodeJS.ProcessEnv; logFile: string; cpuProfileDir?: string; root?: string }): Promise<ServedInstance> {
  const log = openSync(logFile, 'a');
  const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`];
  const child = fork(resolve(root, 'bench/load/load-server.ts'), [], { env, cwd: root, execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', log, log, 'ipc'] });
  const events = eventQueue(child);
  try {
    const ready = await events.next('ready', READY_TIMEOUT_MS);
    if (ready.type !== 'ready') throw new Error('unreachable');
    const url = ready.url;
    const readiness = (await (await fetch(`${url}/readyz`)).json()) as { checks: { snapshot: ServedInstance['served'] } };
    const send = (command: LoadServerCommand) => child.send(command);
    return {
      url,
      served: readiness.checks.snapshot,
      async memory() {
        send({ type: 'memory' });
        const m = await events.next('memory', 10_000);
        if (m.type !== 'memory') throw new Error('unreachable');
        return m;
      },
      async counts() {
        const text = await (await fetch(`${url}/metrics`)).text();
        const count = (outcome: string) => sampleValue(text, 'troly_answers_total', { outcome }) ?? 0;
        return { answered: count('answered'), refused: count('refused'), failed: count('failed') };
      },
      async stop() {
        if (child.exitCode !== null) return;
        send({ type: 'stop' });
        await events.next('stopped', 30_000).catch(() => undefined);
        // It exits by itself once stopped (writing its CPU profile, if any); killed if it does not.
        if (child.exitCode === null) {
          await new Promise<void>((done) => {
            const timer = setTimeout(done, 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
          });
        }
        if (child.exitCode === null) child.kill('SIGTERM');
      },
    };
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGTERM');
    const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`${(error as Error).message}; the end of its log (${logFile}):\n${tail}`, { cause: error });
  }
}

/** Messages from the server child, awaited by type (bounded). */
function eventQueue(child: ChildProcess) {
  const pending: LoadServerEvent[] = [];
  const waiters: Array<() => void> = [];
  let exitCode: number | null | undefined;
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  child.on('message', (event: LoadServerEvent) => {
    pending.push(event);
    wakeAll();
  });
  child.once('exit', (code) => {
    exitCode = code;
    wakeAll();
  });
  return {
    next(type: LoadServerEvent['type'], timeoutMs: number): Promise<LoadServerEvent> {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server sent no "${type}" within ${timeoutMs} ms (see its log)`)), timeoutMs);
        const check = () => {
          const index = pending.findIndex((e) => e.type === type);
          if (index < 0 && exitCode !== undefined) {
            clearTimeout(timer);
            return reject(new Error(`the server exited (${exitCode}) before sending "${type}"`));
          }
          if (index < 0) return void waiters.push(check);
          clearTimeout(timer);
          const [event] = pending.splice(index, 1);
          if (event !== undefined) resolvePromise(event);
        };
        check();
      });
    },
  };
}
