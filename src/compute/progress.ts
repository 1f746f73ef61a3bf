/** Progress of key results (from metrics, milestones or linked tasks) and of objectives (rolled up). */
import { maxOf } from '../model/arrays.js';
import type { KeyResult, Objective, WorkspaceModel } from '../model/link.js';

export interface TaskCounts {
  done: number;
  open: number;
  inProgress: number;
  cancelled: number;
  /** Counted tasks: done, open and in progress; cancelled ones count in neither. */
  total: number;
}

export interface KeyResultProgress {
  /** In [0, 1]. */
  progress: number;
  /** A metric's progress before clamping; null for other measures. */
  rawProgress: number | null;
  /** Counts of the linked leaf tasks, when any are linked. */
  tasks: TaskCounts | null;
  /** A task-measured key result with nothing to count. */
  noTasks: boolean;
}

/** Counts the key result's leaf task items by state; `total` leaves the cancelled ones out. */
export function countTasks(kr: KeyResult): TaskCounts {
  const counts: TaskCounts = { done: 0, open: 0, inProgress: 0, cancelled: 0, total: 0 };
  for (const task of kr.tasks) {
    if (task.state === 'done') counts.done++;
    else if (task.state === 'open') counts.open++;
    else if (task.state === 'in-progress') counts.inProgress++;
    else counts.cancelled++;
  }
  counts.total = counts.done + counts.open + counts.inProgress;
  return counts;
}

/**
 * Progress of one key result as a fraction 0..1: a metric's (current - start) / (target - start),
 * clamped (the unclamped value in `rawProgress`); a milestone's 0 or 1; otherwise the share of its
 * counted leaf tasks that are done (0, with `noTasks`, when none count). `tasks` holds the task
 * counts whenever task items are linked, whatever the measure.
 */
export function computeKeyResultProgress(kr: KeyResult): KeyResultProgress {
  const tasks = kr.tasks.length > 0 ? countTasks(kr) : null;
  const { measure } = kr;
  switch (measure.kind) {
    case 'metric': {
      const raw = metricProgress(measure.start, measure.target, measure.current);
      return { progress: clamp01(raw), rawProgress: raw, tasks, noTasks: false };
    }
    case 'milestone':
      return { progress: measure.done ? 1 : 0, rawProgress: null, tasks, noTasks: false };
    case 'tasks': {
      const counted = tasks?.total ?? 0;
      return { progress: counted === 0 ? 0 : tasks!.done / counted, rawProgress: null, tasks, noTasks: counted === 0 };
    }
  }
}

/**
 * Weighted mean of an objective's key results; an objective with none takes the unweighted mean of
 * the objectives aligned under it. Iterative, so long chains of alignment cannot overflow the stack.
 */
export function computeObjectiveProgress(model: WorkspaceModel, keyResults: Map<string, KeyResultProgress>): Map<string, number> {
  const result = new Map<string, number>();
  const ownProgress = (objective: Objective): number | null => {
    if (objective.keyResults.length === 0) return null;
    // Scale by the largest weight so that huge weights cannot overflow to Infinity.
    const maxWeight = maxOf(objective.keyResults.map((kr) => kr.weight));
    let weightSum = 0;
    let sum = 0;
    for (const kr of objective.keyResults) {
      const weight = maxWeight > 0 ? kr.weight / maxWeight : 0;
      weightSum += weight;
      sum += weight * keyResults.get(kr.id)!.progress;
    }
    if (weightSum > 0) return clamp01(sum / weightSum);
    // All weights zero is reported as an error; fall back to the plain mean rather than NaN.
    return mean(objective.keyResults.map((kr) => keyResults.get(kr.id)!.progress));
  };
  for (const root of model.objectives) {
    const stack: { objective: Objective; expanded: boolean }[] = [{ objective: root, expanded: false }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const { objective } = frame;
      if (result.has(objective.id)) {
        stack.pop();
        continue;
      }
      const own = ownProgress(objective);
      if (own !== null || objective.childIds.length === 0) {
        result.set(objective.id, own ?? 0);
        stack.pop();
        continue;
      }
      if (!frame.expanded) {
        frame.expanded = true;
        for (const childId of objective.childIds) {
          if (!result.has(childId)) stack.push({ objective: model.objectivesById.get(childId)!, expanded: false });
        }
        continue;
      }
      result.set(objective.id, mean(objective.childIds.map((id) => result.get(id) ?? 0)));
      stack.pop();
    }
  }
  return result;
}

/** computeKeyResultProgress for every key result of the workspace, by key-result id. */
export function computeAllKeyResultProgress(model: WorkspaceModel): Map<string, KeyResultProgress> {
  const map = new Map<string, KeyResultProgress>();
  for (const kr of model.keyResultsById.values()) map.set(kr.id, computeKeyResultProgress(kr));
  return map;
}

/**
 * `(current - start) / (target - start)`, finite for every finite input: differences of huge
 * values overflow to Infinity, so they are taken of halves instead.
 */
export function metricProgress(start: number, target: number, current: number): number {
  let raw = (current - start) / (target - start);
  // A difference past the largest double (start -1e308, target 1e308) overflows to Infinity, and a
  // finite numerator over it gives a wrong 0: halve every value first, which keeps the ratio.
  if (!Number.isFinite(raw) || !Number.isFinite(target - start) || !Number.isFinite(current - start)) {
    raw = (current / 2 - start / 2) / (target / 2 - start / 2);
  }
  if (!Number.isFinite(raw)) return current === start ? 0 : current > start === target > start ? 1 : 0;
  return raw;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** `value` clamped to [0, 1]; NaN gives 0. */
export function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
