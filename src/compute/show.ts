/**
 * `okr show <id>`: one objective or key result in full, with what a status report knows of it
 * (progress, expected, status) and what it is made of (task items, check-ins, key results,
 * aligned objectives). Pure: the model and `today` are given.
 */
import type { Thresholds } from './health.js';
import { linkedTasksOf, type Declaration, type LinkedTask, type WorkspaceModel } from '../model/link.js';
import type { CheckinFact, Measure, ProgressFrom } from '../model/types.js';
import type { Period } from '../model/period.js';
import type { Incomplete, TaskCounts } from './progress.js';
import { buildStatusReport, type KeyResultReport, type ObjectiveReport, type ReportStatus } from './report.js';

/** An item listed under the one shown: a key result or an aligned objective, with its standing. */
export interface ShowItem {
  id: string | null;
  title: string | null;
  owner: string | null;
  file: string;
  line: number;
  /** Fraction 0..1, or null when unknown (the item is invalid). */
  progress: number | null;
  status: ReportStatus;
}

interface ShownCommon extends ShowItem {
  period: Period | null;
  /** Share of the period elapsed on `today`, 0..1; null when the period cannot be read. */
  expected: number | null;
  /** Why it is not counted, or null. */
  invalid: string | null;
}

/** A key result shown in full. */
export interface ShownKeyResult extends ShownCommon {
  kind: 'keyResult';
  objective: { id: string | null; title: string | null; file: string; line: number };
  measure: Measure | null;
  weight: number;
  tasks: TaskCounts | null;
  /** The leaf task items that count toward it, in file and line order. */
  taskItems: LinkedTask[];
  /** In date order, the latest last. */
  checkins: CheckinFact[];
  /** A roll-up's contributors (ids, null where one has none) and how many of them are not counted; null for other measures. */
  contributors: (string | null)[] | null;
  uncountedContributors: number;
}

/** An objective shown in full. */
export interface ShownObjective extends ShownCommon {
  kind: 'objective';
  parent: string | null;
  progressFrom: ProgressFrom | 'none';
  incomplete: Incomplete | null;
  keyResults: (ShowItem & { weight: number })[];
  children: ShowItem[];
}

export type ShowResult =
  | ShownObjective
  | ShownKeyResult
  /** No objective or key result has the id; `ids` are every id declared, for a suggestion. */
  | { kind: 'unknown'; ids: string[] }
  /** The id is declared more than once (as objectives or as key results): every declaration. */
  | { kind: 'duplicate'; declarations: Declaration[] };

/**
 * What `okr show` shows of `id`: the objective with that id, else the key result with it, measured
 * as a status report over every period would measure it on `options.today` (ISO date) with
 * `options.thresholds`. An id declared more than once gives `duplicate` with its declarations; an
 * id declared nowhere gives `unknown`. Never throws.
 */
export function showItem(model: WorkspaceModel, id: string, options: { today: string; thresholds: Thresholds }): ShowResult {
  const duplicates = [...(model.duplicateIds.objectives.get(id) ?? []), ...(model.duplicateIds.keyResults.get(id) ?? [])];
  if (duplicates.length > 0) return { kind: 'duplicate', declarations: duplicates };
  const objective = model.objectivesById.get(id);
  const kr = objective ? undefined : model.keyResultsById.get(id);
  if (!objective && !kr) return { kind: 'unknown', ids: [...model.objectivesById.keys(), ...model.keyResultsById.keys()] };

  const report = buildStatusReport(model, { today: options.today, period: { kind: 'all' }, owner: null, thresholds: options.thresholds });
  const byFile = new Map(report.objectives.map((o) => [o.file, o]));
  if (objective) {
    const own = byFile.get(objective.file)!;
    return {
      kind: 'objective',
      ...common(own, own.period, own.expected),
      parent: own.parent,
      progressFrom: own.progressFrom,
      incomplete: own.incomplete,
      keyResults: own.keyResults.map((k) => ({ ...item(k), weight: k.weight })),
      children: objective.children.map((child) => item(byFile.get(child.file)!)),
    };
  }
  const owner = byFile.get(kr!.file)!;
  const own = owner.keyResults.find((k) => k.index === kr!.index)!;
  return {
    kind: 'keyResult',
    ...common(own, owner.period, owner.expected),
    objective: { id: owner.id, title: owner.title, file: owner.file, line: owner.line },
    measure: own.measure,
    weight: own.weight,
    tasks: own.tasks,
    taskItems: linkedTasksOf(kr!),
    checkins: own.checkins,
    contributors: own.contributors,
    uncountedContributors: own.uncountedContributors,
  };
}

function item(entry: ObjectiveReport | KeyResultReport): ShowItem {
  return { id: entry.id, title: entry.title, owner: entry.owner, file: entry.file, line: entry.line, progress: entry.progress, status: entry.status };
}

function common(entry: ObjectiveReport | KeyResultReport, period: Period | null, expected: number | null): ShownCommon {
  return { ...item(entry), period, expected, invalid: entry.invalid };
}
