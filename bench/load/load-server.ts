/**
 * The server under load, in its own process so that its memory and CPU time are its own: `troly serve` minus
 * the CLI (the same `startAssistantServer`, admin API included). The parent (bench/load.ts) talks
 * to it over IPC: `memory` → `process.memoryUsage()`, `stop` → graceful stop.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { startAssistantServer } from '../../src/main';

/** A message from the parent. */
export type LoadServerCommand = { type: 'memory' } | { type: 'stop' };
/**
 * A message to the parent. `memory` also carries the process's CPU time so far (all its threads,
 * µs) and the main thread's own CPU time so far (ms): their difference is the worker threads'
 * share (with V8's GC and compiler threads).
 */
export type LoadServerEvent =
  | { type: 'ready'; url: string }
  | { type: 'memory'; rss: number; heapUsed: number; cpuMicros: number; mainCpuMs: number }
  | { type: 'stopped' };

const send = (event: LoadServerEvent) => process.send?.(event);

const config = loadConfig();
const server = await startAssistantServer({ config, logger: createLogger({ level: config.log.level }) });
send({ type: 'ready', url: server.url });

/**
 * The main thread's CPU time in ms, from Linux's per-thread accounting (the main thread's id is the
 * process id; fields 14 and 15 of its stat line are user and system time in clock ticks, 100 per
 * second). Node 20 has no per-thread CPU API. 0 where /proc is missing.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

process.on('message', (command: LoadServerCommand) => {
  if (command.type === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    send({ type: 'memory', rss, heapUsed, cpuMicros: user + system, mainCpuMs: mainThreadCpuMs() });
  } else if (command.type === 'stop') {
    void server.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
      // Exits rather than being killed, so that a --cpu-prof profile gets written.
      setTimeout(() => process.exit(0), 200).unref();
    });
  }
});
