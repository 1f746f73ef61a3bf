import type { LoadOptions } from './io/load-options.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface OutputStream {
  /** Writes text; `false` (a Node stream's answer) means it was queued: wait for `drain` before writing much more. */
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** A Node stream's events (`drain`, `close`, `error`), for writers that wait until queued output has gone. */
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

export interface CommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  stdinIsTTY: boolean;
  /** The clock, read only at the edge to default `--today`. */
  now(): Date;
  /**
   * How commands load a workspace (the global `--no-cache` and `--max-file-size`, where warnings
   * go); set by the command line for each run. Without it, loadWorkspace's defaults apply.
   */
  load?: LoadOptions;
}

export function processContext(): CommandContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    now: () => new Date(),
  };
}
