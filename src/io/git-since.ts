/**
 * Git revisions by date, for the review cycle (`okr due`, `okr diff --since`): the last commit of
 * HEAD's first-parent history at or before a moment, the empty tree when there is none, and which
 * task-measured key results moved since then. Plumbing only (rev-list), as in git.ts.
 */
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { linkedTasksOf, type WorkspaceModel } from '../model/link.js';
import { resolveCommit, runGit, type GitRepository } from './git.js';

/** git's empty tree: what a workspace is before its first commit. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** A commit and its committer date in seconds since the epoch. */
export interface DatedCommit {
  commit: string;
  time: number;
}

/**
 * The last commit on HEAD's first-parent history whose committer date is at or before `moment`
 * (seconds since the epoch), or null when there is none (or HEAD has no commits). Throws a
 * UserError (exit code GIT) when git cannot list the history.
 */
export async function lastCommitAtOrBefore(repo: GitRepository, moment: number): Promise<DatedCommit | null> {
  if ((await resolveCommit(repo, 'HEAD')) === null) return null;
  const result = await runGit(['rev-list', '--first-parent', '--timestamp', 'HEAD'], { cwd: repo.topLevel, env: repo.env });
  if (result.code !== 0) throw new UserError(`git could not list the history of HEAD: ${result.stderr.trim().split('\n')[0] ?? ''}`, ExitCode.GIT);
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const match = /^(\d+) ([0-9a-f]+)$/.exec(line);
    if (match && Number(match[1]) <= moment) return { commit: match[2]!, time: Number(match[1]) };
  }
  return null;
}

/**
 * For each task-measured key result id of `now`, a fingerprint of its task items (file, text and
 * state of each), to compare two sides: a key result whose fingerprint differs had task items
 * ticked, reopened, started, cancelled, added or removed between them.
 */
export function taskFingerprints(model: WorkspaceModel): Map<string, string> {
  const prints = new Map<string, string>();
  for (const [id, kr] of model.keyResultsById) {
    if (kr.measure?.kind !== 'tasks') continue;
    prints.set(
      id,
      linkedTasksOf(kr)
        .map((task) => `${task.file}\u0000${task.text}\u0000${task.state}`)
        .sort()
        .join('\u0001'),
    );
  }
  return prints;
}
