/** Where the CLI writes: the only place in the project that prints to the terminal. */
export interface CliOutput {
  out(text: string): void;
  error(text: string): void;
  /** True when stdout is an interactive terminal (progress bars, colours). */
  readonly isTTY: boolean;
  /** Rewrites the current terminal line (progress); a no-op when not a TTY. */
  progress(text: string): void;
}

export function createCliOutput(): CliOutput {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
    isTTY,
    progress: (text) => {
      if (isTTY) process.stdout.write(`\r\x1b[2K${text}`);
    },
  };
}

/** An output that records everything, for tests. */
export function createMemoryOutput(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: (t) => void stdout.push(t), error: (t) => void stderr.push(t), progress: () => {} };
}
