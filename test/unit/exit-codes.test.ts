/**
 * Exit codes come from one module (src/exit-codes.ts): commands return its names, never number
 * literals, and only the command line turns them into the process's exit code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, signalExitCode } from '../../src/exit-codes.js';
import { UsageError, UserError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { sourceFiles } from '../helpers/source-files.js';

describe('exit codes', () => {
  it('are the documented values', () => {
    expect(ExitCode).toEqual({ OK: 0, PROBLEMS: 1, USAGE: 2, GIT: 2, CANCELLED: 130 });
    expect(signalExitCode(2)).toBe(ExitCode.CANCELLED);
    expect(new UserError('x').exitCode).toBe(ExitCode.PROBLEMS);
    expect(new UsageError('x').exitCode).toBe(ExitCode.USAGE);
  });

  it('are returned by name from commands, never as number literals', () => {
    const found: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src/commands'))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        // A run function's result: `return 0;`, `? 1 : 0`, `run…(…): Promise<number>`.
        if (/\breturn \d+;|\? \d+ : \d+;|^export (async )?function run.*Promise<number>/.test(line)) found.push(`${path.relative(REPO_ROOT, file)}:${index + 1}  ${line.trim()}`);
      });
    }
    // failingKeyResults in status.ts counts key results: a number, not an exit code.
    expect(found.filter((entry) => !entry.includes('if (failOn === undefined) return 0;'))).toEqual([]);
  });

  it('become the process exit code only in the command line', () => {
    const found = sourceFiles(path.join(REPO_ROOT, 'src'))
      .filter((file) => /process\.exitCode\s*=|process\.exit\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(REPO_ROOT, file));
    // interrupt-cleanup.ts ends the process as a signal does, after cleaning up an edit in flight.
    expect(found).toEqual(['src/io/interrupt-cleanup.ts']);
  });
});
