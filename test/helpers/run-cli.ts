/** Runs the built `bin/okr.js` as a user would, in a directory of our choosing. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO_ROOT, 'bin/okr.js');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs okr (`options.bin`, else the checkout's bin/okr.js) with `args`, optionally as user `uid`. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; uid?: number; gid?: number; bin?: string } = {},
): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, OKR_DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: env,
    input: options.input ?? '',
    encoding: 'utf8',
    // Reports of large workspaces run to megabytes.
    maxBuffer: 256 * 1024 * 1024,
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}

/** A temporary copy of a directory; removed by the returned cleanup. */
export function copyToTemp(source: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-test-'));
  cpSync(source, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readBytes(file: string): Buffer {
  return readFileSync(file);
}

/** runCli without blocking this process: several of them can run at once (Promise.all). */
export function runCliAsync(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; bin?: string } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, OKR_DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), code: code ?? -1 }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
