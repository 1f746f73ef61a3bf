/** The status report: which objectives to show, in tree order, with progress and health. */
import { computeHealth, statusAgainst, type Status, type Thresholds } from './health.js';
import type { KeyResult, Objective, WorkspaceModel } from '../model/link.js';
import { explicitPeriod, isIsoDate, parsePeriodLabel, PERIOD_FORMATS, type Period } from '../model/period.js';
import { overlaps } from './period.js';
import { compareProblems, compareStrings, type Problem } from '../model/problem.js';
import { computeAllKeyResultProgress, computeObjectiveProgress, type TaskCounts } from './progress.js';
import type { Measure } from '../model/types.js';

export interface KeyResultReport {
  id: string;
  title: string;
  owner: string | null;
  file: string;
  line: number;
  measure: Measure;
  weight: number;
  progress: number;
  rawProgress: number | null;
  status: Status;
  tasks: TaskCounts | null;
  noTasks: boolean;
}

export interface ObjectiveReport {
  id: string;
  title: string;
  owner: string | null;
  period: Period;
  parent: string | null;
  file: string;
  line: number;
  /** Depth in the shown tree: 0 for objectives shown without their parent. */
  depth: number;
  progress: number;
  expected: number;
  status: Status;
  keyResults: KeyResultReport[];
}

export type PeriodSelection = { kind: 'current' } | { kind: 'all' } | { kind: 'period'; period: Period };

export interface StatusOptions {
  today: string;
  period: PeriodSelection;
  owner: string | null;
  thresholds: Thresholds;
}

export interface StatusReport {
  today: string;
  /** Said to the reader when the selection is not what was asked for, e.g. no current period. */
  notice: string | null;
  objectives: ObjectiveReport[];
  problems: Problem[];
}

/** `current`, `all`, a period label, or `START..END`; null when it is none of these. */
export function parsePeriodSelection(value: string): PeriodSelection | null {
  if (value === 'current') return { kind: 'current' };
  if (value === 'all') return { kind: 'all' };
  const label = parsePeriodLabel(value);
  if (label) return { kind: 'period', period: label };
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (range && isIsoDate(range[1]!) && isIsoDate(range[2]!) && range[1]! <= range[2]!) {
    return { kind: 'period', period: explicitPeriod(range[1]!, range[2]!) };
  }
  return null;
}

export const PERIOD_SELECTION_FORMATS = `current, all, ${PERIOD_FORMATS}, or START..END dates`;

/**
 * The status report: the objectives of the selected period (`current`: those whose period contains
 * `options.today`, else the latest period, with a `notice`), kept when the owner filter (case, spaces
 * around and a leading `@` ignored) matches the objective or one of its key results, in tree order (depth-first, children
 * in file order; `depth` 0 for one shown without its parent). Progress and expected progress are
 * fractions 0..1; status by `options.thresholds`. `problems` are all of the model's, sorted by
 * file, line and column. Never throws.
 */
export function buildStatusReport(model: WorkspaceModel, options: StatusOptions): StatusReport {
  const krProgress = computeAllKeyResultProgress(model);
  const objectiveProgress = computeObjectiveProgress(model, krProgress);
  const { selected, notice } = selectByPeriod(model.objectives, options.period, options.today);
  const owner = options.owner === null ? null : normaliseOwner(options.owner);
  const ownedBy = (value: string | null) => owner === null || (value !== null && normaliseOwner(value) === owner);

  const shown = new Map<string, { objective: Objective; keyResults: KeyResult[] }>();
  for (const objective of selected) {
    const keyResults = ownedBy(objective.owner) ? objective.keyResults : objective.keyResults.filter((kr) => ownedBy(kr.owner));
    if (ownedBy(objective.owner) || keyResults.length > 0) shown.set(objective.id, { objective, keyResults });
  }

  const reports: ObjectiveReport[] = [];
  const visit = (objective: Objective, keyResults: KeyResult[], depth: number) => {
    const progress = objectiveProgress.get(objective.id) ?? 0;
    const health = computeHealth(progress, objective.period, options.today, options.thresholds);
    reports.push({
      id: objective.id,
      title: objective.title,
      owner: objective.owner,
      period: objective.period,
      parent: objective.parentId,
      file: objective.file,
      line: objective.line,
      depth,
      progress,
      expected: health.expected,
      status: health.status,
      keyResults: keyResults.map((kr) => {
        const p = krProgress.get(kr.id)!;
        return {
          id: kr.id,
          title: kr.title,
          owner: kr.owner,
          file: kr.file,
          line: kr.line,
          measure: kr.measure,
          weight: kr.weight,
          progress: p.progress,
          rawProgress: p.rawProgress,
          status: statusAgainst(p.progress, health.expected, objective.period, options.today, options.thresholds),
          tasks: p.tasks,
          noTasks: p.noTasks,
        };
      }),
    });
  };
  // Depth-first with an explicit stack; children in file order.
  const roots = [...shown.values()].filter(({ objective }) => objective.parentId === null || !shown.has(objective.parentId));
  const stack = roots.reverse().map((entry) => ({ ...entry, depth: 0 }));
  while (stack.length > 0) {
    const { objective, keyResults, depth } = stack.pop()!;
    visit(objective, keyResults, depth);
    for (let i = objective.childIds.length - 1; i >= 0; i--) {
      const child = shown.get(objective.childIds[i]!);
      if (child) stack.push({ ...child, depth: depth + 1 });
    }
  }
  return { today: options.today, notice, objectives: reports, problems: [...model.problems].sort(compareProblems) };
}

function selectByPeriod(objectives: readonly Objective[], selection: PeriodSelection, today: string): { selected: Objective[]; notice: string | null } {
  if (selection.kind === 'all') return { selected: [...objectives], notice: null };
  if (selection.kind === 'period') {
    return { selected: objectives.filter((o) => overlaps(o.period, selection.period)), notice: null };
  }
  const current = objectives.filter((o) => o.period.start <= today && today <= o.period.end);
  if (current.length > 0 || objectives.length === 0) return { selected: current, notice: null };
  const latest = [...objectives].map((o) => o.period).sort((a, b) => compareStrings(b.end, a.end) || compareStrings(b.start, a.start))[0]!;
  return {
    selected: objectives.filter((o) => overlaps(o.period, latest)),
    notice: `no objective's period contains ${today}; showing the latest period, ${latest.label}`,
  };
}

function normaliseOwner(owner: string): string {
  return owner.replace(/^@/, '').trim().toLowerCase();
}
