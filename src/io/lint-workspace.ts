/** `okr lint`'s data: a workspace loaded from disk and every problem in it, in report order. */
import { compareProblems, type Problem } from '../model/problem.js';
import { frozenScoreProblems } from '../compute/score.js';
import { loadWorkspace, type LoadedWorkspace } from './load-workspace.js';
import type { LoadOptions } from './load-options.js';

/** What lintWorkspace found: the model's problems and those of frozen scores (frozen-score-changed). */
export interface LintResult {
  /** Every problem of the workspace (its files, its config, the links between them), sorted by file, line and column. */
  problems: Problem[];
  /** The workspace as loaded, for the files and config a report of the problems needs. */
  workspace: LoadedWorkspace;
}

/**
 * Loads the workspace at `root` (an absolute directory; see loadWorkspace for `options`) and returns
 * its problems sorted with compareProblems. Problems are data, never exceptions: only failures to
 * read the directory itself throw.
 */
export async function lintWorkspace(root: string, options: LoadOptions = {}): Promise<LintResult> {
  const workspace = await loadWorkspace(root, options);
  // Frozen scores are checked against progress, which the model does not compute.
  return { problems: [...workspace.model.problems, ...frozenScoreProblems(workspace.model)].sort(compareProblems), workspace };
}
