/**
 * What an edit in flight must undo when the process is stopped: its temporary file and its lock.
 * Handlers for SIGINT, SIGTERM and SIGHUP (and `exit`) are installed only while at least one
 * clean-up is registered, and removed with the last one, so that a command that edits nothing keeps
 * Node's default behaviour. On a signal every registered clean-up runs (synchronously), the
 * handlers are removed and the signal is raised again, so that the process ends as the signal
 * says (a shell sees 128 + its number: 130 for Ctrl-C).
 */
import { signalExitCode } from '../exit-codes.js';

/** A synchronous clean-up; it must not throw (errors are ignored). */
export type Cleanup = () => void;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];
const SIGNAL_NUMBERS: Record<HandledSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

const pending = new Set<Cleanup>();
const handlers = new Map<HandledSignal, () => void>();

/**
 * Registers `cleanup` to run if the process is interrupted by SIGINT, SIGTERM or SIGHUP, or exits,
 * before the returned function is called. The returned function unregisters it (without running
 * it) and may be called any number of times.
 */
export function onInterrupt(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  if (handlers.size === 0) install();
  return () => {
    if (!pending.delete(cleanup)) return;
    if (pending.size === 0) uninstall();
  };
}

function runAll(): void {
  const all = [...pending];
  pending.clear();
  for (const cleanup of all) {
    try {
      cleanup();
    } catch {
      // Best effort: the process is ending.
    }
  }
}

function install(): void {
  for (const signal of SIGNALS) {
    const handler = () => {
      runAll();
      uninstall();
      // With no other listener the default action applies again: end by the same signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      else process.exit(signalExitCode(SIGNAL_NUMBERS[signal]));
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  process.on('exit', runAll);
}

function uninstall(): void {
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
  process.off('exit', runAll);
}
