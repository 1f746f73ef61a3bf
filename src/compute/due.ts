/**
 * `okr due`: the key results of the current period whose owners owe a check-in. Pure: the model,
 * the config's cadence, `today` and (for task-measured key results) which ones moved in git are given.
 */
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import type { Thresholds } from './health.js';
import type { WorkspaceModel } from '../model/link.js';
import { buildStatusReport, normaliseOwner } from './report.js';

/** One key result that owes a check-in. */
export interface DueItem {
  /** The key result's id. */
  id: string;
  /** Its objective's id. */
  objective: string;
  /** The key result's owner, else its objective's; null when neither says. */
  owner: string | null;
  /** Date of its latest check-in (YYYY-MM-DD), or null when it has none. */
  lastCheckin: string | null;
  /** Calendar days from the latest check-in (or, without one, from the period's start) to today. */
  daysSince: number;
  /** The cadence that applies, in days: the objective's `cadence:`, else the config's. */
  cadenceDays: number;
  /** How it is measured; a task-measured one is due when its task items did not move either. */
  measure: 'metric' | 'milestone' | 'tasks' | 'guardrail';
  title: string | null;
  file: string;
  line: number;
}

export interface DueOptions {
  /** The date measured against, YYYY-MM-DD. */
  today: string;
  /** The config's cadence in days (`checkins.cadence`). */
  cadenceDays: number;
  /** Only key results whose owner (else their objective's) is this one (case, spaces and a leading `@` ignored); null for all. */
  owner: string | null;
  thresholds: Thresholds;
  /**
   * Whether the task items of the task-measured key result `id` changed within the last `days` days,
   * or null when that cannot be told (no git repository): then task-measured key results are not listed.
   */
  tasksMoved: ((id: string, days: number) => boolean) | null;
}

/** Calendar days from ISO date `from` to ISO date `to`. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/**
 * The key results that owe a check-in on `options.today`, in the status report's tree order: valid
 * key results of objectives whose period contains today, not yet done (progress below 1), whose
 * latest check-in is at least the cadence old (`daysSince >= cadenceDays`), or which have none and
 * whose period started at least the cadence ago. A task-measured key result is due only when, in
 * addition, its task items did not move within the cadence (`options.tasksMoved`). Invalid items
 * (no id, no readable period) owe nothing: okr lint reports them. Never throws.
 */
export function findDue(model: WorkspaceModel, options: DueOptions): DueItem[] {
  const report = buildStatusReport(model, { today: options.today, period: { kind: 'current' }, owner: null, thresholds: options.thresholds });
  const wanted = options.owner === null ? null : normaliseOwner(options.owner);
  const due: DueItem[] = [];
  for (const objective of report.objectives) {
    const { period, id: objectiveId } = objective;
    if (period === null || objectiveId === null || objective.invalid !== null) continue;
    if (!(period.start <= options.today && options.today <= period.end)) continue;
    const cadenceDays = model.objectivesById.get(objectiveId)?.cadenceDays ?? options.cadenceDays;
    for (const kr of objective.keyResults) {
      // Done key results owe nothing; a guardrail is never done: a value held still needs its check-ins.
      if (kr.id === null || kr.invalid !== null || kr.measure === null || kr.progress === null || (kr.progress >= 1 && kr.measure.kind !== 'guardrail')) continue;
      const owner = kr.owner ?? objective.owner;
      if (wanted !== null && (owner === null || normaliseOwner(owner) !== wanted)) continue;
      const last = kr.checkins.length > 0 ? kr.checkins[kr.checkins.length - 1]!.date : null;
      const daysSince = daysBetween(last ?? period.start, options.today);
      if (daysSince < cadenceDays) continue;
      // A roll-up is measured by its contributors: nobody checks in on it.
      if (kr.measure.kind === 'rollup') continue;
      if (kr.measure.kind === 'tasks' && (options.tasksMoved === null || options.tasksMoved(kr.id, cadenceDays))) continue;
      due.push({ id: kr.id, objective: objectiveId, owner, lastCheckin: last, daysSince, cadenceDays, measure: kr.measure.kind, title: kr.title, file: kr.file, line: kr.line });
    }
  }
  return due;
}

/** The distinct cadences (days) of the current period's objectives holding a task-measured key result, given the config's. */
export function taskCadences(model: WorkspaceModel, today: string, configDays: number): number[] {
  const days = new Set<number>();
  for (const objective of model.objectives) {
    if (objective.period === null || !(objective.period.start <= today && today <= objective.period.end)) continue;
    if (objective.keyResults.some((kr) => kr.measure?.kind === 'tasks')) days.add(objective.cadenceDays ?? configDays);
  }
  return [...days].sort((a, b) => a - b);
}
