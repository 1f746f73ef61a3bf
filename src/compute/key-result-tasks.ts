/** The task items of every key result, by where the key result is declared: for reports that list them (`okr html`). */
import type { LinkedTask, WorkspaceModel } from '../model/link.js';

/**
 * A lookup of the leaf task items counting toward the key result at position `index` (from 0) of
 * the `key_results:` of the objective declared in `file` (workspace-relative, `/`), as the model
 * linked them (file and line order). Invalid key results and ones with no task items give an empty
 * list; a place that declares no key result gives undefined. Never throws.
 */
export function keyResultTasks(model: WorkspaceModel): (file: string, index: number) => readonly LinkedTask[] | undefined {
  const byFile = new Map(model.objectives.map((objective) => [objective.file, objective]));
  return (file, index) => byFile.get(file)?.keyResults.find((kr) => kr.index === index)?.tasks ?? undefined;
}
