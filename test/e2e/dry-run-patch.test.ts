import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

/**
 * `--dry-run` prints a patch that applies, with `git apply` and with `patch -p1`, from the top level
 * of the repository, whatever the current directory and whatever the file names hold.
 */

const OBJECTIVE = '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: k\n    title: K\n---\n';
const TASKS = '---\nkr: k\n---\n- [ ] one\n- [ ] two\n';
const NAMES = ['my file.md', 'fête naïve.md', 'a"b.md', 'back\\slash.md', 'trailing .md ', '日本語.md'];

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function workspaceInRepo(): TempRepo {
  repo = createRepo();
  repo.write('docs/okrs/okr.config.yaml', '');
  repo.write('docs/okrs/objectives/o.md', OBJECTIVE);
  for (const name of NAMES) repo.write(`docs/okrs/tasks/${name}`, TASKS);
  repo.commit('okrs');
  return repo;
}

/** Runs a tool on the patch from `dir`; returns its exit code and output. */
function applyWith(tool: 'git' | 'patch', dir: string, patch: string): { code: number | null; output: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'okr-patch-')), 'change.diff');
  writeFileSync(file, patch);
  const args = tool === 'git' ? ['apply', '--check', '--verbose', file] : ['-p1', '--dry-run', '--batch', '--force', '-i', file];
  const result = spawnSync(tool, args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  rmSync(path.dirname(file), { recursive: true, force: true });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function expectApplies(dir: string, patch: string, files: number): void {
  const git = applyWith('git', dir, patch);
  expect(git.code, git.output).toBe(0);
  // git apply skips a patch whose paths it cannot use, silently: it must name each file.
  expect(git.output.match(/^Checking patch /gm)?.length, git.output).toBe(files);
  const patched = applyWith('patch', dir, patch);
  expect(patched.code, patched.output).toBe(0);
  expect(patched.output).not.toMatch(/can't find file|skip|ignored|malformed/i);
  expect(patched.output.match(/^checking file /gm)?.length, patched.output).toBe(files);
}

describe('--dry-run patches apply with git apply and patch -p1', () => {
  it.each([
    ['the repository root', '.', 'docs/okrs/tasks/'],
    ['the workspace root', 'docs/okrs', 'tasks/'],
    ['a folder inside the workspace', 'docs/okrs/tasks', ''],
  ])('okr done from %s, for names with spaces, non-ASCII letters, quotes and backslashes', async (_where, cwd, refPrefix) => {
    const r = workspaceInRepo();
    for (const name of NAMES) {
      const result = await runInProcess(['done', `${refPrefix}${name}:5`, '--dry-run'], { cwd: path.join(r.dir, cwd) });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('+- [x] two\n');
      expectApplies(r.dir, result.stdout, 1);
    }
    const spaced = await runInProcess(['done', `${refPrefix}my file.md:5`, '--dry-run'], { cwd: path.join(r.dir, cwd) });
    expect(spaced.stdout.split('\n').slice(0, 2)).toEqual(['--- a/docs/okrs/tasks/my file.md\t', '+++ b/docs/okrs/tasks/my file.md\t']);
    const quoted = await runInProcess(['done', `${refPrefix}a"b.md:5`, '--dry-run'], { cwd: path.join(r.dir, cwd) });
    expect(quoted.stdout.split('\n').slice(0, 2)).toEqual(['--- "a/docs/okrs/tasks/a\\"b.md"', '+++ "b/docs/okrs/tasks/a\\"b.md"']);
  });

  it('a patch that creates a file names it from the repository root, also from a subfolder', async () => {
    const r = workspaceInRepo();
    mkdirSync(path.join(r.dir, 'docs/okrs/objectives/deep'));
    const cwd = path.join(r.dir, 'docs/okrs/objectives/deep');
    const result = await runInProcess(['new', 'task', 'k', '--title', 'Ship it', '--file', '../../tasks/new file é.md', '--dry-run'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['--- /dev/null', '+++ b/docs/okrs/tasks/new file é.md\t']);
    expectApplies(r.dir, result.stdout, 1);
    const applied = spawnSync('git', ['apply', '-'], { cwd: r.dir, input: result.stdout, encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    expect(r.read('docs/okrs/tasks/new file é.md')).toContain('- [ ] Ship it');
  });

  it('outside a git repository, paths are relative to the workspace root', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-nogit-'));
    try {
      for (const [file, text] of [
        ['okr.config.yaml', ''],
        ['objectives/o.md', OBJECTIVE],
        ['tasks/my file.md', TASKS],
      ] as const) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      const result = await runInProcess(['done', 'my file.md:5', '--dry-run'], { cwd: path.join(dir, 'tasks') });
      expect(result.stdout.split('\n').slice(0, 2)).toEqual(['--- a/tasks/my file.md\t', '+++ b/tasks/my file.md\t']);
      const patched = applyWith('patch', dir, result.stdout);
      expect(patched.code, patched.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
