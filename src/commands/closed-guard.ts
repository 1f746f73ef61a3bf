/**
 * Edits of a closed period refuse unless `--force`: once `okr close` froze an objective's scores,
 * a check-in, a tick or a new key result would change what was scored without anyone noticing.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { CommandContext } from '../context.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { linkedTasksOf, type Objective, type WorkspaceModel } from '../model/link.js';
import { sanitizeLine } from '../safe-text.js';

/** The flag that lets an edit change a closed objective. */
export interface ForceFlag {
  force?: boolean;
}

/**
 * Throws a UserError naming the objective and its close date when `objective` is closed and
 * `flags.force` is not set; `what` completes "pass --force to …".
 */
export function refuseClosed(objective: Pick<Objective, 'id' | 'file' | 'closed'> | undefined, what: string, flags: ForceFlag): void {
  if (!objective || objective.closed === null || flags.force) return;
  throw new UserError(
    sanitizeLine(
      `objective "${objective.id ?? objective.file}" (${objective.file}) was closed on ${objective.closed} (okr close): its scores are frozen; pass --force to ${what} anyway (okr lint then warns where a frozen score no longer matches)`,
    ),
  );
}

/** The objective of the key result `krId`, when the id is declared once. */
export function objectiveOfKeyResult(model: WorkspaceModel, krId: string): Objective | undefined {
  const kr = model.keyResultsById.get(krId);
  return kr?.objectiveId == null ? undefined : model.objectivesById.get(kr.objectiveId);
}

/**
 * For `okr done` and its kin: refuses (see refuseClosed) when a task item at `target` (an absolute
 * path and a line inside the workspace `root`) counts toward a key result of a closed objective.
 * Loads the workspace only when `flags.force` is not set.
 */
export async function refuseClosedTasks(
  targets: readonly { absolutePath: string; line: number; root: string }[],
  what: string,
  flags: ForceFlag,
  context: CommandContext,
): Promise<void> {
  if (flags.force || targets.length === 0) return;
  const root = targets[0]!.root;
  const { model } = await loadWorkspace(root, context.load);
  const wanted = new Set(targets.map((t) => `${path.relative(root, t.absolutePath).split(path.sep).join('/')}:${t.line}`));
  for (const objective of model.objectives) {
    if (objective.closed === null) continue;
    for (const kr of objective.keyResults) {
      if (linkedTasksOf(kr).some((task) => wanted.has(`${task.file}:${task.line}`))) refuseClosed(objective, what, flags);
    }
  }
}
