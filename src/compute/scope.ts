/**
 * Reports limited to a folder of the workspace (`okr status docs/team`, `okr lint docs/team`): the
 * whole workspace is loaded and linked (so links to and from files elsewhere resolve and progress
 * is the same), then only what is declared in files under the folder is shown.
 */
import { isConfigFile } from '../model/config.js';
import type { WorkspaceModel } from '../model/link.js';
import type { Problem } from '../model/problem.js';
import type { WorkspaceDiff } from './diff.js';
import type { ObjectiveReport, StatusReport } from './report.js';

/**
 * Whether `file` (a path relative to the workspace root, with `/`) is `scope` (a folder relative to
 * the root, with `/`, no trailing `/`) or below it.
 */
export function isInScope(file: string, scope: string): boolean {
  return file.startsWith(scope) && (file.length === scope.length || file.charAt(scope.length) === '/');
}

/** The problems of files under `scope`, and of the workspace's config (it sets the numbers of every file). Order kept. */
export function scopeProblems(problems: readonly Problem[], scope: string): Problem[] {
  return problems.filter((p) => isInScope(p.file, scope) || isConfigFile(p.file));
}

/** `model` with only the problems of scopeProblems (the objectives and key results are all kept: they link). */
export function scopeModelProblems(model: WorkspaceModel, scope: string): WorkspaceModel {
  return { ...model, problems: scopeProblems(model.problems, scope) };
}

/**
 * The objectives of `report` declared in files under `scope`, in the same tree order, with their
 * key results; one whose parent is not shown gets depth 0, its children 1, and so on. Progress is
 * unchanged (a parent outside still counts its children, a child inside still counts tasks
 * outside). Problems as scopeProblems.
 */
export function scopeStatusReport(report: StatusReport, scope: string): StatusReport {
  const depths = new Map<string, number>();
  const objectives: ObjectiveReport[] = [];
  for (const objective of report.objectives) {
    if (!isInScope(objective.file, scope)) continue;
    const parentDepth = objective.parent === null ? undefined : depths.get(objective.parent);
    const depth = parentDepth === undefined ? 0 : parentDepth + 1;
    if (objective.id !== null) depths.set(objective.id, depth);
    objectives.push(depth === objective.depth ? objective : { ...objective, depth });
  }
  return { ...report, objectives, problems: scopeProblems(report.problems, scope) };
}

/**
 * The entries of `diff` about files under `scope` (objectives, key results, progress, tasks,
 * renamed files, problems introduced and fixed). The problem counts are left as they are: give
 * diffWorkspaces models whose problems are scoped (scopeModelProblems) to have them count the
 * scope only.
 */
export function scopeDiff(diff: WorkspaceDiff, scope: string): WorkspaceDiff {
  const inScope = (entry: { file: string }) => isInScope(entry.file, scope);
  return {
    ...diff,
    renamedFiles: diff.renamedFiles.filter((rename) => isInScope(rename.from, scope) || isInScope(rename.to, scope)),
    objectives: { added: diff.objectives.added.filter(inScope), removed: diff.objectives.removed.filter(inScope), changed: diff.objectives.changed.filter(inScope) },
    keyResults: { added: diff.keyResults.added.filter(inScope), removed: diff.keyResults.removed.filter(inScope), changed: diff.keyResults.changed.filter(inScope) },
    progress: diff.progress.filter(inScope),
    tasks: diff.tasks.filter((task) => inScope(task) || (task.from !== null && inScope(task.from))),
    problems: { ...diff.problems, introduced: scopeProblems(diff.problems.introduced, scope), fixed: scopeProblems(diff.problems.fixed, scope) },
  };
}
