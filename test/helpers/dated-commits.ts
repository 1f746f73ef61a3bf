/**
 * Commits with a chosen author and date (both author and committer date), in a repository made by
 * createRepo (git-repo.ts): for tests of what okr reads from a repository's history by date.
 */
import { spawnSync } from 'node:child_process';
import { GIT_ENV, type TempRepo } from './git-repo.js';

export interface Author {
  name: string;
  email: string;
}

/** Stages everything and commits as `author` at `date` (ISO 8601, e.g. 2026-11-20T10:00:00Z); returns the commit id. */
export function commitAt(repo: TempRepo, message: string, date: string, author: Author = { name: 'Ada Tester', email: 'ada@example.com' }): string {
  const env = {
    ...process.env,
    ...GIT_ENV,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  for (const args of [
    ['add', '-A'],
    ['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', message],
  ]) {
    const result = spawnSync('git', args, { cwd: repo.dir, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  }
  return repo.git('rev-parse', 'HEAD').trim();
}
