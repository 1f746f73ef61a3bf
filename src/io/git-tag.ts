/**
 * Annotated tags for `okr close --tag`: git run with argument arrays, never through a shell (runGit).
 * Unlike the rest of okr's git use this writes a ref: `git tag -a`, which runs no hooks.
 */
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { runGit, type GitRepository } from './git.js';

/** Whether the tag `name` exists in `repo`. */
export async function tagExists(repo: GitRepository, name: string): Promise<boolean> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/tags/${name}`], { cwd: repo.topLevel, env: repo.env });
  return result.code === 0;
}

/** Creates the annotated tag `name` at HEAD with `message` (read by git from its input). Throws a UserError (ExitCode.GIT) when git refuses. */
export async function createAnnotatedTag(repo: GitRepository, name: string, message: string): Promise<void> {
  const result = await runGit(['tag', '-a', '-F', '-', '--end-of-options', name, 'HEAD'], { cwd: repo.topLevel, env: repo.env, input: message });
  if (result.code !== 0) throw new UserError(`git could not create the tag ${name}: ${result.stderr.trim().split('\n')[0] ?? ''}`, ExitCode.GIT);
}
