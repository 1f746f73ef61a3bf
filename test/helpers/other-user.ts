/**
 * Running okr as another (unprivileged) user, for the tests that need permissions to apply (root
 * reads anything). That user must be able to read okr itself: a checkout cloned into a folder only
 * its owner may enter (`mktemp -d` makes one, mode 0700) is closed to it. Then okr runs from a copy
 * any user can read (bin/, dist/, templates/, package.json and the packages okr needs at run time),
 * made once per test file and removed after it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { BIN, REPO_ROOT } from './run-cli.js';

/** The usual unprivileged user and group (nobody, nogroup). */
export const NOBODY = 65534;

/** Whether tests run as root, so that they can run okr as NOBODY. */
export const IS_ROOT = process.getuid?.() === 0;

/** Whether `uid` can run node and read `file`. */
function canRead(uid: number, gid: number, file: string): boolean {
  const result = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(file)}, require('fs').constants.R_OK)`], { uid, gid });
  return result.status === 0;
}

/** The packages okr loads at run time: package.json's dependencies and theirs, as node_modules folders. */
function runtimePackages(): string[] {
  const seen = new Set<string>();
  const pending = Object.keys((JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  while (pending.length > 0) {
    const name = pending.pop()!;
    const dir = path.join(REPO_ROOT, 'node_modules', name);
    // A package missing at the top is nested in its dependent's folder, which is copied whole.
    if (seen.has(name) || !existsSync(dir)) continue;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) pending.push(dependency);
  }
  return [...seen].map((name) => path.join('node_modules', name));
}

/** Makes everything below `dir` readable (and folders enterable) by anyone. */
function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openToAll(full);
    else if (!lstatSync(full).isSymbolicLink()) chmodSync(full, lstatSync(full).mode | 0o444);
  }
}

let copy: { bin: string } | { reason: string } | undefined;
let copyDir: string | undefined;

// Registered when a test file imports this module: the copy goes with the file's tests.
afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  copyDir = undefined;
  copy = undefined;
});

/**
 * A `bin/okr.js` that user `uid` (group `gid`) can run: BIN when it can read it, else a copy in a
 * temporary folder anyone may read. `{ reason }` when not even node runs as that user.
 */
export function okrRunnableBy(uid = NOBODY, gid = NOBODY): { bin: string } | { reason: string } {
  if (copy) return copy;
  if (!canRead(uid, gid, process.execPath)) return (copy = { reason: `user ${uid} cannot run node (${process.execPath})` });
  if (canRead(uid, gid, BIN)) return (copy = { bin: BIN });
  const dir = (copyDir = mkdtempSync(path.join(tmpdir(), 'okr-readable-')));
  for (const part of ['bin', 'dist', 'templates', 'package.json', ...runtimePackages()]) {
    cpSync(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
  }
  openToAll(dir);
  const bin = path.join(dir, 'bin', 'okr.js');
  copy = canRead(uid, gid, bin) ? { bin } : { reason: `user ${uid} cannot read a copy of okr in ${dir}` };
  return copy;
}
