/**
 * The score report of one period (`okr score`): each objective of the period with its score and
 * grade and those of its key results, frozen when `okr close` closed the period, else the
 * projection "if closed today". Pure: built from a status report.
 */
import type { Period } from '../model/period.js';
import type { Commitment } from '../model/types.js';
import type { ObjectiveReport, StatusReport } from './report.js';
import { gradeOf, type Grade, type ScoreSource } from './score.js';

export interface KeyResultScoreRow {
  id: string | null;
  title: string | null;
  index: number;
  /** Fraction 0..1, null when the key result is invalid and has no score of its own. */
  score: number | null;
  grade: Grade | null;
  scoreSource: ScoreSource;
  /** Its progress, 0..1 (clamped), or null when it cannot be counted: `okr close` freezes it beside a score set by hand. */
  progress: number | null;
  /** Why it is not counted, or null. */
  invalid: string | null;
}

export interface ObjectiveScoreRow {
  id: string | null;
  title: string | null;
  file: string;
  commitment: Commitment;
  /** Fraction 0..1, or null (invalid, or no key result with a score). */
  score: number | null;
  grade: Grade | null;
  closed: string | null;
  closeNote: string | null;
  invalid: string | null;
  keyResults: KeyResultScoreRow[];
}

export interface ScoreReport {
  period: Period;
  today: string;
  /** True when every objective of the period is closed: the scores are frozen; false: a projection "if closed today". */
  closed: boolean;
  objectives: ObjectiveScoreRow[];
}

/** Whether an objective belongs to exactly `period` (same first and last day), not one that merely overlaps it. */
export function inPeriod(objective: Pick<ObjectiveReport, 'period'>, period: Period): boolean {
  return objective.period !== null && objective.period.start === period.start && objective.period.end === period.end;
}

/**
 * The score report of `period` from a status report of it: the objectives whose period is exactly
 * `period` (in the report's order), plus those whose period cannot be read (invalid: they may
 * belong to it). `closed` is true when there is at least one objective and every valid one is closed.
 */
export function buildScoreReport(report: StatusReport, period: Period): ScoreReport {
  const objectives = report.objectives.filter((o) => o.period === null || inPeriod(o, period));
  const valid = objectives.filter((o) => o.invalid === null);
  return {
    period,
    today: report.today,
    closed: valid.length > 0 && valid.every((o) => o.closed !== null),
    objectives: objectives.map((o) => ({
      id: o.id,
      title: o.title,
      file: o.file,
      commitment: o.commitment,
      score: o.score,
      grade: o.score === null ? null : gradeOf(o.score),
      closed: o.closed,
      closeNote: o.closeNote,
      invalid: o.invalid,
      keyResults: o.keyResults.map((kr) => ({
        id: kr.id,
        title: kr.title,
        index: kr.index,
        score: kr.score,
        grade: kr.score === null ? null : gradeOf(kr.score),
        scoreSource: kr.scoreSource,
        progress: kr.progress,
        invalid: kr.invalid,
      })),
    })),
  };
}

/**
 * The one period a `current` status report shows: of its objectives' periods, the shortest (a
 * quarter inside its year: teams score quarters); null when there is none; the labels (sorted)
 * when two different periods are equally short.
 */
export function singlePeriod(report: StatusReport): Period | null | string[] {
  const byLabel = new Map<string, Period>();
  for (const o of report.objectives) if (o.period !== null) byLabel.set(`${o.period.start}..${o.period.end}`, o.period);
  const days = (p: Period) => Date.parse(`${p.end}T00:00:00Z`) - Date.parse(`${p.start}T00:00:00Z`);
  const periods = [...byLabel.values()].sort((a, b) => days(a) - days(b));
  if (periods.length === 0) return null;
  const shortest = periods.filter((p) => days(p) === days(periods[0]!));
  if (shortest.length === 1) return shortest[0]!;
  return shortest.map((p) => p.label).sort();
}
