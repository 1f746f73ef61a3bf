/** Progress of key results (from metrics, milestones or linked tasks) and of objectives (rolled up). */
import { maxOf } from '../model/arrays.js';
import type { KeyResult, Objective, WorkspaceModel } from '../model/link.js';
import type { Measure } from '../model/types.js';
import type { TaskCounts } from '../model/task-items.js';

export type { TaskCounts } from '../model/task-items.js';

export interface KeyResultProgress {
  /** In [0, 1]; null when the key result is invalid (its progress is unknown, never a guess). */
  progress: number | null;
  /** A metric's progress before clamping; null for other measures. */
  rawProgress: number | null;
  /** Counts of the linked leaf tasks, when any are linked. */
  tasks: TaskCounts | null;
  /** A task-measured key result with nothing to count. */
  noTasks: boolean;
  /** A roll-up's contributors left out of its progress because theirs is unknown (set for roll-ups only). */
  uncountedContributors?: number;
}

/**
 * What an objective's progress leaves out: its own key results that are invalid or incomplete
 * themselves (a roll-up some of whose contributors cannot be counted), and the aligned objectives
 * it counts from that are invalid (progress unknown) or incomplete themselves (so the mark is
 * carried up through alignment and roll-ups). Counts are of what the objective counts from
 * (`progress_from`).
 */
export interface Incomplete {
  invalidKeyResults: number;
  /** Roll-ups whose progress leaves out contributors that cannot be counted. */
  incompleteKeyResults: number;
  keyResults: number;
  invalidObjectives: number;
  incompleteObjectives: number;
  objectives: number;
}

/** An objective's progress: null when unknown (the objective is invalid, or nothing it counts from can be counted). */
export interface ObjectiveProgress {
  progress: number | null;
  /** Set when some of what it counts from could not be counted: the progress is over the rest. */
  incomplete: Incomplete | null;
  /** What the progress was taken from, `progress_from` or its default. */
  from: 'key_results' | 'children' | 'both' | 'none';
}

/** The key result's leaf task items counted by state (a copy of what linking counted); `total` leaves the cancelled ones out. */
export function countTasks(kr: KeyResult): TaskCounts {
  return { ...kr.taskCounts };
}

/**
 * Progress of one key result as a fraction 0..1: a metric's (current - start) / (target - start),
 * clamped (the unclamped value in `rawProgress`); a milestone's 0 or 1; otherwise the share of its
 * counted leaf tasks that are done (0, with `noTasks`, when none count). `tasks` holds the task
 * counts whenever task items are linked, whatever the measure. An invalid key result's progress is
 * null.
 */
export function computeKeyResultProgress(kr: KeyResult): KeyResultProgress {
  const tasks = kr.taskCounts.total + kr.taskCounts.cancelled > 0 ? countTasks(kr) : null;
  const { measure } = kr;
  if (kr.invalid !== null || measure === null) return { progress: null, rawProgress: null, tasks, noTasks: false };
  switch (measure.kind) {
    case 'metric': {
      const raw = metricProgress(measure.start, measure.target, measure.current);
      return { progress: clamp01(raw), rawProgress: raw, tasks, noTasks: false };
    }
    case 'milestone':
      return { progress: measure.done ? 1 : 0, rawProgress: null, tasks, noTasks: false };
    case 'guardrail':
      return { progress: guardrailHeld(measure) ? 1 : 0, rawProgress: null, tasks, noTasks: false };
    case 'rollup':
      // Known only with its contributors' progress: computeAllKeyResultProgress fills it in.
      return { progress: null, rawProgress: null, tasks, noTasks: false };
    case 'tasks': {
      const counted = tasks?.total ?? 0;
      return { progress: counted === 0 ? 0 : tasks!.done / counted, rawProgress: null, tasks, noTasks: counted === 0 };
    }
  }
}

/**
 * Progress of every objective (by object: ids may be missing or duplicated), from what
 * `progress_from` names: `key_results` (their weighted mean), `children` (the plain mean of the
 * aligned objectives), or `both` (each aligned objective counted as one key result of weight 1).
 * Without `progress_from`: both when it has key results and aligned objectives, else whichever it
 * has (nothing: progress 0, reported by the model as objective-not-measured). Invalid key results
 * and aligned objectives whose progress is unknown are left out of the mean and counted in
 * `incomplete`, as are aligned objectives that are incomplete themselves; when nothing can be
 * counted the progress is null. An invalid objective's progress is null. Fractions 0..1.
 * Iterative, so long chains of alignment cannot overflow the stack.
 */
export function computeObjectiveProgress(model: WorkspaceModel, keyResults: Map<KeyResult, KeyResultProgress>): Map<Objective, ObjectiveProgress> {
  const result = new Map<Objective, ObjectiveProgress>();
  const compute = (objective: Objective): ObjectiveProgress => {
    const from = sourceOf(objective);
    if (objective.invalid !== null) return { progress: null, incomplete: null, from };
    const items: { weight: number; progress: number }[] = [];
    const incomplete: Incomplete = { invalidKeyResults: 0, incompleteKeyResults: 0, keyResults: 0, invalidObjectives: 0, incompleteObjectives: 0, objectives: 0 };
    if (from === 'key_results' || from === 'both') {
      for (const kr of objective.keyResults) {
        incomplete.keyResults++;
        const own = keyResults.get(kr);
        const progress = own?.progress ?? null;
        if (progress === null) incomplete.invalidKeyResults++;
        else {
          if ((own?.uncountedContributors ?? 0) > 0) incomplete.incompleteKeyResults++;
          items.push({ weight: kr.weight, progress });
        }
      }
    }
    if (from === 'children' || from === 'both') {
      for (const child of objective.children) {
        incomplete.objectives++;
        const own = result.get(child)!;
        if (own.progress === null) incomplete.invalidObjectives++;
        else {
          if (own.incomplete) incomplete.incompleteObjectives++;
          items.push({ weight: 1, progress: own.progress });
        }
      }
    }
    const marked = incomplete.invalidKeyResults + incomplete.incompleteKeyResults + incomplete.invalidObjectives + incomplete.incompleteObjectives > 0 ? incomplete : null;
    if (from === 'none') return { progress: 0, incomplete: null, from };
    if (items.length === 0) return { progress: null, incomplete: marked, from };
    return { progress: weightedMean(items), incomplete: marked, from };
  };
  for (const root of model.objectives) {
    const stack: { objective: Objective; expanded: boolean }[] = [{ objective: root, expanded: false }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const { objective } = frame;
      if (result.has(objective)) {
        stack.pop();
        continue;
      }
      if (!frame.expanded && objective.children.length > 0) {
        frame.expanded = true;
        for (const child of objective.children) if (!result.has(child)) stack.push({ objective: child, expanded: false });
        continue;
      }
      result.set(objective, compute(objective));
      stack.pop();
    }
  }
  return result;
}

function sourceOf(objective: Objective): ObjectiveProgress['from'] {
  if (objective.progressFrom !== null) return objective.progressFrom;
  const hasKeyResults = objective.keyResults.length > 0;
  const hasChildren = objective.children.length > 0;
  return hasKeyResults && hasChildren ? 'both' : hasKeyResults ? 'key_results' : hasChildren ? 'children' : 'none';
}

/**
 * Weighted mean of progress values (fractions 0..1), clamped to [0, 1]. Weights are scaled by the
 * largest so that huge weights cannot overflow to Infinity; when every weight is 0 (reported as an
 * error by the parser) it is the plain mean rather than NaN.
 */
export function weightedMean(items: readonly { weight: number; progress: number }[]): number {
  const maxWeight = maxOf(items.map((item) => item.weight));
  let weightSum = 0;
  let sum = 0;
  for (const item of items) {
    const weight = maxWeight > 0 ? item.weight / maxWeight : 0;
    weightSum += weight;
    sum += weight * item.progress;
  }
  if (weightSum > 0) return clamp01(sum / weightSum);
  return mean(items.map((item) => item.progress));
}

/**
 * Whether a guardrail holds: `current` at or above `keepAbove`, or at or below `keepBelow` (equal
 * counts as held).
 */
export function guardrailHeld(measure: Extract<Measure, { kind: 'guardrail' }>): boolean {
  return measure.keepAbove !== null ? measure.current >= measure.keepAbove : measure.current <= (measure.keepBelow ?? measure.current);
}

/**
 * computeKeyResultProgress for every key result of the workspace (invalid and duplicated ones
 * included), by key result. A valid roll-up's progress is the weighted mean (by their weights) of
 * its contributors' progress, computed after theirs (contributors may be roll-ups themselves, to
 * any depth; iterative, so long chains cannot overflow the stack). Contributors whose progress is
 * unknown are left out and counted in `uncountedContributors`; when none can be counted the
 * roll-up's progress is null. The model has no cycles of contributions (linkContributions breaks them).
 */
export function computeAllKeyResultProgress(model: WorkspaceModel): Map<KeyResult, KeyResultProgress> {
  const map = new Map<KeyResult, KeyResultProgress>();
  for (const objective of model.objectives) for (const kr of objective.keyResults) map.set(kr, computeKeyResultProgress(kr));
  const done = new Set<KeyResult>();
  for (const objective of model.objectives) {
    for (const root of objective.keyResults) {
      if (root.measure?.kind !== 'rollup' || root.invalid !== null || done.has(root)) continue;
      const stack: { kr: KeyResult; expanded: boolean }[] = [{ kr: root, expanded: false }];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1]!;
        if (done.has(frame.kr)) {
          stack.pop();
          continue;
        }
        if (!frame.expanded) {
          frame.expanded = true;
          for (const contributor of frame.kr.contributors) {
            if (contributor.measure?.kind === 'rollup' && contributor.invalid === null && !done.has(contributor)) stack.push({ kr: contributor, expanded: false });
          }
          continue;
        }
        map.set(frame.kr, rollupProgress(frame.kr, map));
        done.add(frame.kr);
        stack.pop();
      }
    }
  }
  return map;
}

function rollupProgress(kr: KeyResult, map: Map<KeyResult, KeyResultProgress>): KeyResultProgress {
  const items: { weight: number; progress: number }[] = [];
  let uncounted = 0;
  for (const contributor of kr.contributors) {
    const progress = map.get(contributor)?.progress ?? null;
    if (progress === null) uncounted++;
    else items.push({ weight: contributor.weight, progress });
  }
  const base = map.get(kr)!;
  return { ...base, progress: items.length === 0 ? null : weightedMean(items), uncountedContributors: uncounted };
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
