/**
 * Real temporary git repositories for tests. Identity, dates and the default branch are fixed here,
 * and the machine's global and system git config are ignored, so commits are the same everywhere.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

const CONFIG = ['-c', 'user.name=Ada Tester', '-c', 'user.email=ada@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'];

export interface TempRepo {
  /** The repository's top level. */
  dir: string;
  /** Runs git in the repository; throws with git's message when it fails. */
  git(...args: string[]): string;
  /**
   * Stages everything and commits; returns the new commit id. `date` (ISO 8601, e.g.
   * `2026-10-01T10:00:00Z`) sets the author and committer dates of this commit (default: GIT_ENV's).
   */
  commit(message: string, date?: string): string;
  /** Replaces exactly one occurrence of `from` in a file (relative to the top level). */
  edit(file: string, from: string, to: string): void;
  write(file: string, text: string): void;
  read(file: string): string;
  cleanup(): void;
}

export function createRepo(options: { defaultBranch?: string } = {}): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-git-'));
  const run = (env: Record<string, string>, args: string[]): string => {
    const result = spawnSync('git', [...CONFIG, ...args], { cwd: dir, env: { ...process.env, ...GIT_ENV, ...env }, encoding: 'utf8' });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const git = (...args: string[]): string => run({}, args);
  git('init', '-q', '-b', options.defaultBranch ?? 'main');
  const repo: TempRepo = {
    dir,
    git,
    commit(message, date) {
      git('add', '-A');
      run(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, ['commit', '-q', '--allow-empty', '-m', message]);
      return git('rev-parse', 'HEAD').trim();
    },
    edit(file, from, to) {
      const text = repo.read(file);
      const at = text.indexOf(from);
      if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`"${from}" is not in ${file} exactly once`);
      repo.write(file, text.slice(0, at) + to + text.slice(at + from.length));
    },
    write(file, text) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    read(file) {
      return readFileSync(path.join(dir, file), 'utf8');
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}

/** Copies a directory into the repository at `into` (relative to the top level). */
export function copyInto(repo: TempRepo, source: string, into: string): void {
  cpSync(source, path.join(repo.dir, into), { recursive: true });
}
