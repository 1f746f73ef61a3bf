/**
 * A terminal for driving the real @inquirer/prompts in-process: keystrokes go into a TTY-like input
 * stream, and the rendered screen is collected so a test can wait for a question before answering.
 */
import { PassThrough, Writable } from 'node:stream';
import type { CommandContext } from '../../src/context.js';

export const KEYS = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' };

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export class FakeTerminal {
  readonly input: PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void };
  readonly output: Writable & { isTTY: boolean; columns: number };
  private screen = '';
  private consumed = 0;
  private waiters: (() => void)[] = [];

  constructor() {
    this.input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    this.output = Object.assign(
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          this.screen += chunk.toString('utf8').replace(ANSI, '');
          for (const waiter of [...this.waiters]) waiter();
          done();
        },
      }),
      { isTTY: true, columns: 100 },
    );
    // Each prompt pipes into the output and ends the pipe when done; like process.stdout, the
    // terminal outlives them.
    this.output.end = () => this.output;
  }

  /** Everything shown so far, without escape sequences. */
  get text(): string {
    return this.screen;
  }

  /** Resolves when `text` appears after what earlier waits consumed. */
  waitFor(text: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${this.screen.slice(this.consumed)}`));
      }, timeoutMs);
      const check = () => {
        const at = this.screen.indexOf(text, this.consumed);
        if (at === -1) return;
        this.consumed = at + text.length;
        this.waiters = this.waiters.filter((w) => w !== check);
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(check);
      check();
    });
  }

  type(keys: string): void {
    this.input.write(keys);
  }

  async answer(question: string, keys: string): Promise<void> {
    await this.waitFor(question);
    this.type(keys);
  }
}

/** A command context on a terminal: both stdin and stdout are TTYs. Its stdout is captured apart. */
export function terminalContext(cwd: string): { context: CommandContext; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    context: {
      cwd,
      env: { NO_COLOR: '1' },
      stdout: { write: (text: string) => (stdout += text), isTTY: true, columns: 100 },
      stderr: { write: (text: string) => (stderr += text), isTTY: true },
      stdinIsTTY: true,
      now: () => new Date(2026, 10, 15, 12),
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
