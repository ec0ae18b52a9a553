import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface ReindexRound {
  ok: boolean;
  /** `troly index` from start to exit, in ms. */
  indexMs: number;
  /** The server's switch to the new snapshot, in ms. */
  reloadMs: number;
}

export interface ReindexLoop {
  /** Ends after the round in progress (bounded by `roundTimeoutMs`); resolves with every round. */
  stop(): Promise<ReindexRound[]>;
}

export interface StartReindexLoopOptions {
  trolyBin: string;
  dataDir: string;
  knowledgeDir: string;
  env: NodeJS.ProcessEnv;
  /** A knowledge file that gets one more line per round, so that every round indexes a change. */
  touchFile: string;
  /** Tells the server to switch to the new snapshot; resolves with how long it took. */
  reload: () => Promise<number>;
  /** Tells the server how the round went (for its /metrics). */
  record: (round: { durationMs: number; ok: boolean }) => void;
  roundTimeoutMs: number;
}

/**
 * Reindexing while the server serves, as an admin would: `troly index` in its own process against
 * the server's data folder (new snapshot beside the old, CURRENT switched), then the server told to
 * reload; again and again until stopped.
 */
export function startReindexLoop({ trolyBin, dataDir, knowledgeDir, env, touchFile, reload, record, roundTimeoutMs }: StartReindexLoopOptions): ReindexLoop {
  const rounds: ReindexRound[] = [];
  let stopping = false;
  const runIndex = () =>
    new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, [trolyBin, 'index', '--data', dataDir, '--knowledge', knowledgeDir], { env, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGTERM'), roundTimeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
      child.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  const loop = (async () => {
    while (!stopping) {
      appendFileSync(touchFile, `\n\nGhi chú cập nhật số ${rounds.length + 1}: văn bản được rà soát lại.\n`);
      const t0 = performance.now();
      const ok = await runIndex();
      const indexMs = performance.now() - t0;
      record({ durationMs: indexMs, ok });
      const reloadMs = ok ? await reload() : 0;
      rounds.push({ ok, indexMs: Math.round(indexMs), reloadMs: Math.round(reloadMs * 10) / 10 });
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      return rounds;
    },
  };
}
