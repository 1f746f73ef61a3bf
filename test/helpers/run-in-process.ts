/** Runs the CLI in this process with captured streams: faster than spawning, same code path. */
import { main } from '../../src/cli.js';
import type { CommandContext } from '../../src/context.js';

export interface InProcessResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runInProcess(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; isTTY?: boolean; columns?: number },
): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false, columns: options.columns },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdinIsTTY: false,
    now: () => {
      throw new Error('tests must pass --today');
    },
  };
  const code = await main(args, context);
  return { stdout, stderr, code };
}
