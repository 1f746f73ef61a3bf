/**
 * `okr diff --since`: the two sides of a weekly review (the last commit of HEAD's first-parent
 * history at or before the date, else the empty tree; and the working tree), and what the review
 * adds to the diff: who moved each item (git blame over the commits since) and what stalled.
 */
import { findStalled, itemAuthors, itemLines, movedIds, type WeeklyReview } from '../compute/review.js';
import { startOfDayUtc } from '../compute/since.js';
import { linkedTasksOf } from '../model/link.js';
import type { Thresholds } from '../compute/health.js';
import type { WorkspaceDiff } from '../compute/diff.js';
import type { RevisionLabel } from '../render/diff-words.js';
import { openRepository, pathInRepository, shortCommit, type GitRepository } from './git.js';
import { EMPTY_TREE, lastCommitAtOrBefore } from './git-since.js';
import { loadWorkspaceAtCommit } from './git-workspace.js';
import { lineAuthors } from './line-authors.js';
import { loadWorkspace } from './load-workspace.js';
import type { RevisionLoadOptions, RevisionSide } from './revision-workspaces.js';

/** The sides of a review since `since` (YYYY-MM-DD), and where they come from. */
export interface SincePair {
  base: RevisionSide;
  head: RevisionSide;
  /** The base commit, or null when no commit is at or before the date (the base is the empty tree). */
  baseCommit: string | null;
  repo: GitRepository;
  /** The workspace's folder relative to the repository's top level ('' at the top). */
  directory: string;
}

/**
 * The workspace at `root` as it was at the last commit of HEAD's first-parent history whose
 * committer date is at or before midnight UTC starting `since` (YYYY-MM-DD), or as the empty tree
 * when there is none; and as it is now (the working tree). Throws UserErrors (exit code GIT) when
 * `root` is not in a git repository or git fails.
 */
export async function loadSincePair(root: string, since: string, options: RevisionLoadOptions = {}): Promise<SincePair> {
  const repo = await openRepository(root, options.env ?? process.env);
  const directory = await pathInRepository(repo, root);
  const found = await lastCommitAtOrBefore(repo, startOfDayUtc(since));
  const note = found === null ? `no commit at or before ${since}: compared with the empty tree` : `last commit at or before ${since}`;
  const baseLabel: RevisionLabel =
    found === null
      ? { revision: null, commit: null, description: `the empty tree (${note})`, note }
      : { revision: null, commit: found.commit, description: `${shortCommit(found.commit)} (${note})`, note };
  const [before, after] = await Promise.all([loadWorkspaceAtCommit(repo, found?.commit ?? EMPTY_TREE, directory, options.load), loadWorkspace(root, options.load)]);
  return {
    base: { workspace: before, label: baseLabel },
    head: { workspace: after, label: { revision: null, commit: null, description: 'the working tree', note: null } },
    baseCommit: found?.commit ?? null,
    repo,
    directory,
  };
}

/**
 * The review of `diff` (between the sides of `pair`): the authors of the commits after the base
 * that changed each moved item's lines (blame of the working-tree files that hold them), and the key
 * results that did not move while their period ran (findStalled). `today` and `since` are YYYY-MM-DD.
 */
export async function weeklyReview(pair: SincePair, diff: WorkspaceDiff, since: string, today: string, thresholds: Thresholds): Promise<WeeklyReview> {
  const head = pair.head.workspace.model;
  const moved = movedIds(diff, head);
  const files = new Set<string>();
  const fileOf = (id: string) => head.keyResultsById.get(id);
  for (const id of moved.keyResults) {
    const kr = fileOf(id);
    if (!kr) continue;
    files.add(kr.file);
    for (const task of linkedTasksOf(kr)) files.add(task.file);
  }
  for (const id of moved.objectives) {
    const objective = head.objectivesById.get(id);
    if (!objective) continue;
    files.add(objective.file);
    for (const kr of objective.keyResults) for (const task of linkedTasksOf(kr)) files.add(task.file);
  }
  const blamed = await lineAuthors(pair.repo, pair.directory, pair.baseCommit, [...files].sort());
  const frontMatterEnd = (file: string) => {
    const lines = blamed.get(file) ?? [];
    const closing = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line.text));
    return closing === -1 ? lines.length + 1 : closing + 1;
  };
  const authors = itemAuthors(head, itemLines(head, moved, frontMatterEnd), blamed);
  const stalled = findStalled(pair.base.workspace.model, head, moved, { since, today, thresholds });
  return { since, emptyBase: pair.baseCommit === null, authors, stalled };
}
