/**
 * A workspace's history, read from git for `okr history` (and `okr show`'s sparkline): the workspace
 * at every commit on the first-parent history of HEAD that changed its files, plus the working tree
 * when it differs from HEAD.
 *
 * Only what changed is read again: the first commit is read whole (git-workspace.ts); each later one
 * by `git diff-tree` against the one before, reading and parsing only the Markdown files whose blob
 * changed (in one `git cat-file --batch`; facts of contents already seen come from the facts cache,
 * by content hash, and the contents met are written to it once, as the workspace's history pack). A commit that changes the config or a `.gitignore` is read whole again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { currentObjectiveIds, historySeries, itemsAt, type HistoryPoint, type HistorySeries, type HistorySnapshot } from '../compute/history.js';
import { UsageError, UserError } from '../errors.js';
import { CONFIG_FILES, type OkrConfig } from '../model/config.js';
import { linkWorkspace, type WorkspaceModel } from '../model/link.js';
import { countTaskLinks, taskItemsOf, type TaskLinkCounts } from '../model/task-items.js';
import { isIsoDate } from '../model/period.js';
import { compareStrings } from '../model/problem.js';
import type { FileFacts } from '../model/types.js';
import { changedPathsOfPairs, commitDate, firstParentCommits, hashFiles, type ChangedPath, type DatedCommit } from './git-history.js';
import { checkRevisionArgument, openRepository, pathInRepository, requireCommit, type GitRepository, type TreeEntry } from './git.js';
import { GITIGNORE } from './ignore-rules.js';
import { isRegularBlob, markdownFactsAtCommit, readWorkspaceAtCommit, type WorkspaceAtCommit } from './git-workspace.js';
import { RevisionFacts, type FileContent } from './file-facts.js';
import { resolveLoadOptions } from './load-options.js';
import { loadWorkspace, readConfig, type LoadedWorkspace } from './load-workspace.js';
import { ignoreRulesAt, listWorkspaceFiles } from './workspace-files.js';
import { pushAll } from '../model/arrays.js';
import { loadWorkspaceAtRevision, type RevisionLoadOptions } from './revision-workspaces.js';

/** A bound of `--since`/`--until`: a date (YYYY-MM-DD, compared with committer dates) or a commit (compared by committer time). */
export type HistoryBound = { kind: 'date'; date: string } | { kind: 'commit'; commit: string; timestamp: number };

/** The workspace at one point of its history. */
export interface WorkspacePoint {
  /** Committer date (YYYY-MM-DD), or `today` for the working tree. */
  date: string;
  /** Null for the working tree. */
  commit: string | null;
  model: WorkspaceModel;
  config: OkrConfig;
}

export interface HistoryWalkOptions extends RevisionLoadOptions {
  since?: HistoryBound | null;
  until?: HistoryBound | null;
  /** The date of the working tree's point (YYYY-MM-DD). */
  today: string;
}

/**
 * `--since`/`--until` as a bound: a YYYY-MM-DD date, else a revision of the repository holding `root`.
 * Throws a UsageError for a malformed value, a UserError (exit code GIT) for an unknown revision or
 * when `root` is in no git repository.
 */
export async function resolveHistoryBound(root: string, value: string, what: string, env: Record<string, string | undefined>): Promise<HistoryBound> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isIsoDate(value)) throw new UsageError(`${what} "${value}" is not a date`);
    return { kind: 'date', date: value };
  }
  checkRevisionArgument(value, what);
  const repo = await openRepository(root, env);
  const commit = await requireCommit(repo, value, what);
  return { kind: 'commit', commit, timestamp: (await commitDate(repo, commit)).timestamp };
}

/** Whether `commit` is at or after `bound` (since) or at or before it (until). */
function within(commit: DatedCommit, since: HistoryBound | null | undefined, until: HistoryBound | null | undefined): boolean {
  if (since && (since.kind === 'date' ? commit.date < since.date : commit.timestamp < since.timestamp)) return false;
  if (until && (until.kind === 'date' ? commit.date > until.date : commit.timestamp > until.timestamp)) return false;
  return true;
}

/** Blobs read (and parsed when new) at once for a run of commits read by their changes. */
const BLOBS_PER_RUN = 500;

/**
 * Calls `visit` with the workspace at `root` at each point of its history, oldest first (see the
 * module comment), within `since` and `until`; the working tree comes last, when no `until` is given
 * and its files differ from HEAD's (or HEAD has none). Each commit's `today` is its committer date.
 * The points' models are linked from task counts (their key results' `tasks` are null, see
 * TaskSource): each is a report of numbers. They share what did not change (the counts of unchanged
 * files): read them, do not change them.
 * Throws a UserError (exit code GIT) when `root` is in no git repository or git fails.
 */
export async function walkWorkspaceHistory(root: string, options: HistoryWalkOptions, visit: (point: WorkspacePoint) => void): Promise<void> {
  const repo = await openRepository(root, options.env ?? process.env);
  const directory = await pathInRepository(repo, root);
  const commits = (await firstParentCommits(repo, directory)).filter((commit) => within(commit, options.since, options.until));
  // changes[i]: from commits[i] to commits[i + 1].
  const changes = await changedPathsOfPairs(
    repo,
    commits.slice(1).map((commit, i) => [commits[i]!.commit, commit.commit] as const),
    directory,
  );
  // Every content met is written to the cache once, at the end of the walk (one pack, not an entry each).
  const revisionFacts = await RevisionFacts.open(resolveLoadOptions(options.load), path.join(repo.topLevel, directory));
  const contentFacts = (contents: readonly FileContent[]) => revisionFacts.factsOf(contents);
  const wholeRead = (i: number) => i === 0 || changes[i - 1]!.some((change) => CONFIG_FILES.includes(change.path) || path.posix.basename(change.path) === GITIGNORE);
  let state: WorkspaceAtCommit | null = null;
  let facts = new Map<string, FileFacts>();
  // Unchanged files keep their facts (the same objects) from one commit to the next, and so their task records.
  // A point is a report of numbers: each file's task items are counted once, and linked as counts.
  const memo: TaskCountsMemo = new WeakMap();
  const visitAt = (i: number, at: WorkspaceAtCommit) => visit({ date: commits[i]!.date, commit: commits[i]!.commit, model: modelOf(at, facts, memo), config: at.config });
  for (let i = 0; i < commits.length;) {
    if (state === null || wholeRead(i)) {
      state = await readWorkspaceAtCommit(repo, commits[i]!.commit, directory, options.load, contentFacts);
      facts = new Map(state.facts.map((f) => [f.path, f]));
      visitAt(i, state);
      i++;
      continue;
    }
    // A run of commits read by their changes: their new blobs read and parsed together.
    const at: WorkspaceAtCommit = state;
    const plans: { removed: string[]; added: TreeEntry[] }[] = [];
    const entries: TreeEntry[] = [];
    let end = i;
    while (end < commits.length && !wholeRead(end) && (end === i || entries.length < BLOBS_PER_RUN)) {
      const plan = planChanges(changes[end - 1]!, at);
      pushAll(entries, plan.added);
      plans.push(plan);
      end++;
    }
    const read = await markdownFactsAtCommit(repo, commits[end - 1]!.commit, directory, entries, at.config.maxFileSize, at.options, contentFacts);
    const factsOf = new Map(entries.map((entry, k) => [entry, read[k]!]));
    plans.forEach((plan, k) => {
      for (const file of plan.removed) {
        facts.delete(file);
        at.objects.delete(file);
      }
      for (const entry of plan.added) {
        facts.set(entry.path, factsOf.get(entry)!);
        at.objects.set(entry.path, entry.object);
      }
      visitAt(i + k, at);
    });
    i = end;
  }
  await revisionFacts.finish();
  if (options.until) return;
  if (state !== null && (await workingTreeSame(repo, root, state.objects, options))) return;
  const loaded = await loadWorkspace(root, { ...options.load, taskItems: false });
  visit({ date: options.today, commit: null, model: loaded.model, config: loaded.config });
}

/** What one commit's changes do to the files read: paths no longer read, and entries to read. */
function planChanges(changes: readonly ChangedPath[], at: WorkspaceAtCommit): { removed: string[]; added: TreeEntry[] } {
  const removed: string[] = [];
  const added: TreeEntry[] = [];
  for (const change of changes) {
    const entry = change.object === null || change.mode === null ? null : { path: change.path, mode: change.mode, type: 'blob', object: change.object, size: null };
    if (entry && isRegularBlob(entry) && at.reads(change.path)) added.push(entry);
    else removed.push(change.path);
  }
  return { removed, added };
}

/** Each file's task items counted by links (see countTaskLinks), kept from one point to the next: a file's facts are shared by the points it did not change at. */
type TaskCountsMemo = WeakMap<FileFacts, TaskLinkCounts[]>;

/** The model of one point: `facts` linked from their task counts (see TaskSource), each file's counted once across points through `memo`. */
function modelOf(state: WorkspaceAtCommit, facts: Map<string, FileFacts>, memo: TaskCountsMemo): WorkspaceModel {
  const sorted = [...facts.values()].sort((a, b) => compareStrings(a.path, b.path));
  const counts = (file: FileFacts): TaskLinkCounts[] => {
    let known = memo.get(file);
    if (known === undefined) memo.set(file, (known = countTaskLinks(taskItemsOf(file.tasks))));
    return known;
  };
  const model = linkWorkspace(sorted, { counts })!;
  for (const p of state.configProblems) model.problems.push(p);
  return model;
}

/**
 * Whether the working tree's workspace files (the Markdown files the loader would list, and the
 * config) are exactly `objects` (path relative to the workspace → blob id), by git's hashes of them.
 */
async function workingTreeSame(repo: GitRepository, root: string, objects: ReadonlyMap<string, string>, options: HistoryWalkOptions): Promise<boolean> {
  const { config } = await readConfig(root, options.load);
  const listing = await listWorkspaceFiles(root, await ignoreRulesAt(root, config.exclude));
  if (listing.problems.length > 0) return false;
  const files = [...listing.files.map((file) => file.path), ...CONFIG_FILES.filter((name) => existsSync(path.join(root, name)))];
  if (files.length !== objects.size || files.some((file) => !objects.has(file) || file.includes('\n'))) return false;
  const hashes = await hashFiles(
    repo,
    files.map((file) => path.join(root, file)),
  );
  return files.every((file, i) => objects.get(file) === hashes[i]);
}

/** What readHistory finds. */
export interface WorkspaceHistory {
  series: HistorySeries[];
  /** Ids asked for that no point declares. */
  unknown: string[];
  /** Every id some point declares. */
  known: string[];
  /** How many points were read (commits, and the working tree). */
  points: number;
}

/**
 * The series of `ids` (objectives or key results; an objective brings its key results), or with
 * `ids` empty of every objective of the current period as of the last point, over the points
 * walkWorkspaceHistory visits. Throws as walkWorkspaceHistory does.
 */
export async function readHistory(root: string, ids: readonly string[], options: HistoryWalkOptions): Promise<WorkspaceHistory> {
  const snapshots: HistorySnapshot[] = [];
  let last: WorkspacePoint | null = null;
  await walkWorkspaceHistory(root, options, (point) => {
    snapshots.push({ date: point.date, commit: point.commit, items: itemsAt(point.model, point.date, point.config.thresholds) });
    last = point;
  });
  const lastPoint = last as WorkspacePoint | null;
  const wanted = ids.length > 0 ? ids : lastPoint ? currentObjectiveIds(lastPoint.model, lastPoint.date, lastPoint.config.thresholds) : [];
  return { ...historySeries(snapshots, wanted), points: snapshots.length };
}

/**
 * The workspace at `root` as it was at `revision` (for `okr status --at`), with the commit and its
 * committer date (YYYY-MM-DD, in the committer's time zone). Throws as loadWorkspaceAtRevision does.
 */
export async function loadWorkspaceAtDatedRevision(
  root: string,
  revision: string,
  options: RevisionLoadOptions = {},
): Promise<{ workspace: LoadedWorkspace; commit: string; date: string }> {
  const { commit, ...workspace } = await loadWorkspaceAtRevision(root, revision, options);
  const repo = await openRepository(root, options.env ?? process.env);
  return { workspace, commit, date: (await commitDate(repo, commit)).date };
}

/**
 * The series of `ids` as readHistory gives them, or null when `root` is in no git repository (or
 * git is missing): for pages and reports that show history when there is one. Throws as
 * readHistory does otherwise.
 */
export async function historyIfInGit(root: string, ids: readonly string[], options: HistoryWalkOptions): Promise<HistorySeries[] | null> {
  try {
    await openRepository(root, options.env ?? process.env);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  return (await readHistory(root, ids, options)).series;
}

/**
 * The points of one objective or key result (for `okr show`'s sparkline), as readHistory reads them;
 * null when `root` is in no git repository (or git is missing), or no point declares `id`.
 */
export async function itemHistory(root: string, id: string, options: HistoryWalkOptions): Promise<HistoryPoint[] | null> {
  try {
    await openRepository(root, options.env ?? process.env);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  const history = await readHistory(root, [id], options);
  return history.series.find((s) => s.id === id)?.points ?? null;
}
