/** How often the parent's pid is checked, in ms. */
const POLL_MS = 500;

export interface ParentWatch {
  /** True when the parent is gone (checked now, synchronously: call it before an irreversible step). */
  gone(): boolean;
  stop(): void;
}

/**
 * Watches the process that started this one, when it started us with an IPC channel (the server's
 * reindex launcher does): `onGone` is called once when the channel disconnects or our parent pid
 * changes (the parent died, even by SIGKILL, and we were re-parented). Without a channel (a person
 * ran the command) nothing is watched. The channel is unref'd, so it never keeps us alive.
 */
export function watchParent({ onGone, pollMs = POLL_MS, proc = process }: { onGone: () => void; pollMs?: number; proc?: NodeJS.Process }): ParentWatch {
  if (proc.channel === undefined) return { gone: () => false, stop: () => {} };
  const parent = proc.ppid;
  let isGone = false;
  const check = (): boolean => {
    if (!isGone && (proc.ppid !== parent || !proc.connected)) {
      isGone = true;
      stop();
      onGone();
    }
    return isGone;
  };
  const onDisconnect = () => check();
  proc.channel.unref();
  proc.on('disconnect', onDisconnect);
  const timer = setInterval(check, pollMs).unref();
  const stop = () => {
    clearInterval(timer);
    proc.off('disconnect', onDisconnect);
  };
  return { gone: check, stop };
}
