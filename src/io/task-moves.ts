/**
 * Which task-measured key results moved within a cadence (`okr due`): their task items as they are
 * now (the working tree) against the last commit at or before the cadence's start, read from git.
 */
import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { startOfDayUtc } from '../compute/since.js';
import type { WorkspaceModel } from '../model/link.js';
import { toIsoDate } from '../model/period.js';
import { UserError } from '../errors.js';
import { openRepository, pathInRepository } from './git.js';
import { EMPTY_TREE, lastCommitAtOrBefore, taskFingerprints } from './git-since.js';
import { loadWorkspaceAtCommit } from './git-workspace.js';
import type { RevisionLoadOptions } from './revision-workspaces.js';

/**
 * For the workspace at `root` whose model now is `now`: a function telling whether the task items of
 * the task-measured key result `id` changed (ticked, reopened, started, cancelled, added or removed)
 * within the last `days` days before `today` (YYYY-MM-DD), one of `cadences`. Each cadence compares
 * with the last first-parent commit of HEAD at or before midnight UTC starting `today - days` (the
 * empty tree when there is none: every task item there now is a change). Null when `root` is not in
 * a git repository (or git is missing): then it cannot be told. Other git failures throw UserErrors.
 */
export async function taskMovesWithin(
  root: string,
  now: WorkspaceModel,
  today: string,
  cadences: readonly number[],
  options: RevisionLoadOptions = {},
): Promise<((id: string, days: number) => boolean) | null> {
  if (cadences.length === 0) return () => false;
  let repo;
  try {
    repo = await openRepository(root, options.env ?? process.env);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  const directory = await pathInRepository(repo, root);
  const current = taskFingerprints(now);
  const moved = new Map<number, Set<string>>();
  for (const days of cadences) {
    const start = toIsoDate(addDays(parseISO(today), -days));
    const base = await lastCommitAtOrBefore(repo, startOfDayUtc(start));
    const before = taskFingerprints((await loadWorkspaceAtCommit(repo, base?.commit ?? EMPTY_TREE, directory, options.load)).model);
    const ids = new Set<string>();
    for (const [id, print] of current) if (before.get(id) !== print) ids.add(id);
    moved.set(days, ids);
  }
  return (id, days) => moved.get(days)?.has(id) ?? false;
}
