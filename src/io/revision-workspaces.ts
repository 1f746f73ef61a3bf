/**
 * Workspaces read from git revisions (`okr diff`, and the library's loadWorkspaceAtRevision): the
 * revisions resolved to commits, with the labels that reports show for them.
 */
import path from 'node:path';
import type { RevisionLabel } from '../render/diff-words.js';
import { RevisionFacts } from './file-facts.js';
import { resolveLoadOptions } from './load-options.js';
import { checkRevisionArgument, defaultBase, listTree, openRepository, pathInRepository, requireCommit, shortCommit, type GitRepository } from './git.js';
import { loadWorkspaceAtCommit, type SharedReads } from './git-workspace.js';
import { loadWorkspace, type LoadedWorkspace } from './load-workspace.js';
import type { LoadOptions } from './load-options.js';

/** Where git and the loader look: the environment git runs with, and loadWorkspace's options. */
export interface RevisionLoadOptions {
  /** The environment git runs with (default: the process environment). */
  env?: Record<string, string | undefined>;
  /** As for loadWorkspace. */
  load?: LoadOptions;
}

/** A workspace on one side of a comparison, and how reports name that side. */
export interface RevisionSide {
  workspace: LoadedWorkspace;
  label: RevisionLabel;
}

/**
 * The workspace at `root` (an absolute directory inside a git work tree) as it is at `revision`
 * (any revision git understands: a branch, tag, `HEAD~2`, a commit id). Its `root` is the workspace's
 * directory relative to the repository's top level; `commit` is the full commit id. Throws a
 * UserError with exit code USAGE (2) when `revision` looks like an option or is unknown, and when
 * `root` is not in a git repository; problems in the files are in `model.problems`, as for loadWorkspace.
 */
export async function loadWorkspaceAtRevision(root: string, revision: string, options: RevisionLoadOptions = {}): Promise<LoadedWorkspace & { commit: string }> {
  checkRevisionArgument(revision, 'revision');
  const { repo, directory } = await openWorkspaceRepository(root, options);
  const commit = await requireCommit(repo, revision, 'revision');
  return { ...(await loadWorkspaceAtCommit(repo, commit, directory, options.load)), commit };
}

/**
 * The two sides `okr diff [base] [head]` compares, for the workspace at `root`: `base` defaults to
 * the merge-base of HEAD and the default branch (see defaultBase), `head` to the working tree (read
 * from disk, as loadWorkspace does). The revisions' facts come from (and go to) the workspace's diff
 * pack (see RevisionFacts): a blob on both sides is read and parsed once and its facts object is
 * shared by both models, and a blob the pack knows is not read from git at all. Throws as
 * loadWorkspaceAtRevision does.
 */
export async function loadRevisionPair(
  root: string,
  base: string | undefined,
  head: string | undefined,
  options: RevisionLoadOptions = {},
): Promise<{ base: RevisionSide; head: RevisionSide }> {
  if (base !== undefined) checkRevisionArgument(base, 'base');
  if (head !== undefined) checkRevisionArgument(head, 'head');
  const { repo, directory } = await openWorkspaceRepository(root, options);

  // Both revisions resolved at once; an error about the base comes first, as it would one by one.
  const [baseFound, headFound] = await Promise.allSettled([
    base === undefined ? defaultBase(repo) : requireCommit(repo, base, 'base').then((commit) => ({ commit, branch: null })),
    head === undefined ? Promise.resolve(null) : requireCommit(repo, head, 'head'),
  ]);
  if (baseFound.status === 'rejected') throw baseFound.reason;
  if (headFound.status === 'rejected') throw headFound.reason;
  const baseCommit = baseFound.value.commit;
  let baseLabel: RevisionLabel;
  if (base === undefined) {
    const note = `merge-base of HEAD and ${baseFound.value.branch}`;
    baseLabel = { revision: null, commit: baseCommit, description: `${shortCommit(baseCommit)} (${note})`, note };
  } else {
    baseLabel = { revision: base, commit: baseCommit, description: `${base} (${shortCommit(baseCommit)})`, note: null };
  }
  const headCommit = headFound.value;
  const headLabel: RevisionLabel =
    head === undefined || headCommit === null
      ? { revision: null, commit: null, description: 'the working tree', note: null }
      : { revision: head, commit: headCommit, description: `${head} (${shortCommit(headCommit)})`, note: null };

  // Both revisions through one RevisionFacts: a blob on both sides is read and parsed (or decoded)
  // once, its facts shared; the cache is written once, as the workspace's diff pack.
  const revisionFacts = await RevisionFacts.open(resolveLoadOptions(options.load), path.join(repo.topLevel, directory), 'diff', true);
  const factsOf = revisionFacts.contentFacts();
  let before: LoadedWorkspace;
  let after: LoadedWorkspace;
  if (headCommit === null) {
    [before, after] = await Promise.all([loadWorkspaceAtCommit(repo, baseCommit, directory, options.load, factsOf), loadWorkspace(root, options.load)]);
  } else {
    // Both trees listed at once; the files read one side after the other, so that the head's
    // unchanged blobs (and config) are known from the base's.
    const shared: SharedReads = { trees: new Map(), blobs: new Map(), linkedTasks: new WeakMap() };
    for (const commit of new Set([baseCommit, headCommit])) {
      const listing = listTree(repo, commit, directory);
      listing.catch(() => undefined); // Awaited (and its error thrown) when its side is read.
      shared.trees.set(commit, listing);
    }
    before = await loadWorkspaceAtCommit(repo, baseCommit, directory, options.load, factsOf, shared);
    after = await loadWorkspaceAtCommit(repo, headCommit, directory, options.load, factsOf, shared);
  }
  await revisionFacts.finish();
  return { base: { workspace: before, label: baseLabel }, head: { workspace: after, label: headLabel } };
}

async function openWorkspaceRepository(root: string, options: RevisionLoadOptions): Promise<{ repo: GitRepository; directory: string }> {
  const repo = await openRepository(root, options.env ?? process.env);
  return { repo, directory: await pathInRepository(repo, root) };
}
