/**
 * Git for `okr close --tag`, as `npm version` does it: refuse on uncommitted changes, commit the
 * closed files, tag that commit. git runs with argument arrays, never through a shell (runGit).
 * Unlike the rest of okr's git use this writes: `git commit` (which runs the repository's commit
 * hooks, under the user's git identity) and `git tag -a` (which runs none).
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { runGit, type GitRepository } from './git.js';

/** Whether the tag `name` exists in `repo`. */
export async function tagExists(repo: GitRepository, name: string): Promise<boolean> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/tags/${name}`], { cwd: repo.topLevel, env: repo.env });
  return result.code === 0;
}

/** Creates the annotated tag `name` at `target` (a commit id, default HEAD) with `message` (read by git from its input). Throws a UserError (ExitCode.GIT) when git refuses. */
export async function createAnnotatedTag(repo: GitRepository, name: string, message: string, target = 'HEAD'): Promise<void> {
  const result = await runGit(['tag', '-a', '-F', '-', '--end-of-options', name, target], { cwd: repo.topLevel, env: repo.env, input: message });
  if (result.code !== 0) throw new UserError(`git could not create the tag ${name}: ${firstLine(result.stderr)}`, ExitCode.GIT);
}

/** `file` (an absolute path inside the work tree) relative to the top level, with `/`, as git names it. */
async function inRepository(repo: GitRepository, file: string): Promise<string> {
  const real = path.join(await realpath(path.dirname(file)), path.basename(file));
  return path.relative(repo.topLevel, real).split(path.sep).join('/');
}

/**
 * What keeps `files` (absolute paths in the work tree) from being committed alone, by
 * `git status --porcelain`: `changed`, those of them with changes not committed (modified, staged
 * or untracked; as given), and `staged`, every path with a change in the index (relative to the top
 * level). Throws a UserError (ExitCode.GIT) when git cannot tell.
 */
export async function uncommittedChanges(repo: GitRepository, files: readonly string[]): Promise<{ changed: string[]; staged: string[] }> {
  const result = await runGit(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: repo.topLevel, env: repo.env });
  if (result.code !== 0) throw new UserError(`git cannot tell the state of the work tree: ${firstLine(result.stderr)}`, ExitCode.GIT);
  const fields = result.stdout.toString('utf8').split('\0');
  const touched = new Set<string>();
  const staged: string[] = [];
  for (let index = 0; index < fields.length; index++) {
    const entry = fields[index]!;
    if (entry.length < 4) continue;
    const [x, name] = [entry[0]!, entry.slice(3)];
    touched.add(name);
    if (x === 'R' || x === 'C') touched.add(fields[++index] ?? ''); // the source of a rename or copy follows
    if (x !== ' ' && x !== '?' && x !== '!') staged.push(name);
  }
  const changed: string[] = [];
  for (const file of files) if (touched.has(await inRepository(repo, file))) changed.push(file);
  return { changed, staged };
}

/**
 * Commits exactly `files` (absolute paths in the work tree) with `message` (`git add` then
 * `git commit --only`), as the user's git identity; returns the new commit's id. Throws a UserError
 * (ExitCode.GIT) with git's first line when git refuses (no identity, a hook said no, ...).
 */
export async function commitFiles(repo: GitRepository, files: readonly string[], message: string): Promise<string> {
  const paths = await Promise.all(files.map((file) => inRepository(repo, file)));
  // Literal pathspecs: a file named like `:(glob)*` is that file, not a pattern.
  const options = { cwd: repo.topLevel, env: { ...repo.env, GIT_LITERAL_PATHSPECS: '1' } };
  for (const args of [
    ['add', '--', ...paths],
    ['commit', '--quiet', '-F', '-', '--only', '--', ...paths],
  ]) {
    const result = await runGit(args, { ...options, input: message });
    if (result.code !== 0) throw new UserError(`git ${args[0]} failed: ${firstLine(result.stderr)}`, ExitCode.GIT);
  }
  const head = await runGit(['rev-parse', '--verify', 'HEAD^{commit}'], options);
  if (head.code !== 0) throw new UserError(`git cannot read the new commit: ${firstLine(head.stderr)}`, ExitCode.GIT);
  return head.stdout.toString('utf8').trim();
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
