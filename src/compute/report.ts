/** The status report: which objectives to show, in tree order, with progress and health. */
import { statusAgainst, type Status, type Thresholds } from './health.js';
import type { KeyResult, Objective, WorkspaceModel } from '../model/link.js';
import { explicitPeriod, isIsoDate, parsePeriodLabel, PERIOD_FORMATS, type Period } from '../model/period.js';
import { computeExpectedProgress, overlaps } from './period.js';
import { compareProblems, compareStrings, type Problem } from '../model/problem.js';
import { computeAllKeyResultProgress, computeObjectiveProgress, type Incomplete, type ObjectiveProgress, type TaskCounts } from './progress.js';
import type { CheckinFact, Commitment, Measure } from '../model/types.js';
import { expectedFor, keyResultScore, objectiveScore, type ScoreSource } from './score.js';

/** A status as reports show it: health, or `invalid` for an item that is not counted (its progress is unknown). */
export type ReportStatus = Status | 'invalid';

export interface KeyResultReport {
  /** The declared id (as written, even when not a valid id), or null when it has none that can be read. */
  id: string | null;
  title: string | null;
  owner: string | null;
  file: string;
  line: number;
  /** Position in its objective's `key_results:`, from 0. */
  index: number;
  /** Null when it cannot be read (the key result is invalid). */
  measure: Measure | null;
  weight: number;
  /** Fraction 0..1, or null when the key result is invalid. */
  progress: number | null;
  rawProgress: number | null;
  status: ReportStatus;
  /** Why it is not counted (`status` is `invalid`), or null. */
  invalid: string | null;
  tasks: TaskCounts | null;
  noTasks: boolean;
  /** Its check-ins in date order (the latest last); kept for invalid key results too. */
  checkins: CheckinFact[];
  /** Its score, 0..1 (src/compute/score.ts), or null when it is invalid and has none. */
  score: number | null;
  scoreSource: ScoreSource;
  /** A roll-up's contributors (their ids, null where one has none), in workspace order; null for other measures. */
  contributors: (string | null)[] | null;
  /** A roll-up's contributors left out of its progress (theirs is unknown); 0 for other measures. */
  uncountedContributors: number;
}

export interface ObjectiveReport {
  /** The declared id (as written), or null when it has none that can be read: then `file` names it. */
  id: string | null;
  title: string | null;
  owner: string | null;
  /** Null when it cannot be read (the objective is invalid). */
  period: Period | null;
  parent: string | null;
  file: string;
  line: number;
  /** Depth in the shown tree: 0 for objectives shown without their parent. */
  depth: number;
  /** Fraction 0..1, or null when unknown (invalid, or nothing it counts from can be counted). */
  progress: number | null;
  /** Share of the period elapsed (0..1); null when the period cannot be read. */
  expected: number | null;
  status: ReportStatus;
  /** Why it is not counted (`status` is `invalid`), or null. */
  invalid: string | null;
  /** What its progress leaves out, when some of it could not be counted. */
  incomplete: Incomplete | null;
  /** What its progress is taken from. */
  progressFrom: ObjectiveProgress['from'];
  keyResults: KeyResultReport[];
  /** `committed` or `aspirational`: an aspirational one's health is measured against 0.7 × expected. */
  commitment: Commitment;
  /** The date `okr close` closed it (YYYY-MM-DD), or null. */
  closed: string | null;
  /** Its score, 0..1: frozen when closed, else the weighted mean of its key results' scores ("if closed today"); null when none has one. */
  score: number | null;
  /** Key results left out of its score: they have none (invalid). */
  scoreLeftOut: number;
  /** `close_note:`, or null. */
  closeNote: string | null;
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
 * `options.today`, else the latest period, with a `notice`; an objective whose period cannot be read
 * is in every selection), kept when the owner filter (case, spaces around and a leading `@` ignored)
 * matches the objective or one of its key results, in tree order (depth-first, children in file
 * order; `depth` 0 for one shown without its parent). Every objective and key result the files
 * declare is there, invalid ones with status `invalid`, progress null and the reason. Progress and
 * expected progress are fractions 0..1; status by `options.thresholds`; an incomplete objective is
 * never `done`. `problems` are all of the model's, sorted by file, line and column. Never throws.
 */
export function buildStatusReport(model: WorkspaceModel, options: StatusOptions): StatusReport {
  const krProgress = computeAllKeyResultProgress(model);
  const objectiveProgress = computeObjectiveProgress(model, krProgress);
  const { selected, notice } = selectByPeriod(model.objectives, options.period, options.today);
  const owner = options.owner === null ? null : normaliseOwner(options.owner);
  const ownedBy = (value: string | null) => owner === null || (value !== null && normaliseOwner(value) === owner);

  const shown = new Map<Objective, KeyResult[]>();
  for (const objective of selected) {
    const keyResults = ownedBy(objective.owner) ? objective.keyResults : objective.keyResults.filter((kr) => ownedBy(kr.owner));
    if (ownedBy(objective.owner) || keyResults.length > 0) shown.set(objective, keyResults);
  }

  const reports: ObjectiveReport[] = [];
  // Objectives share few periods: each period's share elapsed is computed once (date parsing is most of it).
  const expectedOf = new Map<string, number>();
  const expectedIn = (period: Period) => {
    const key = `${period.start}..${period.end}`;
    let known = expectedOf.get(key);
    if (known === undefined) expectedOf.set(key, (known = computeExpectedProgress(period, options.today)));
    return known;
  };
  const visit = (objective: Objective, keyResults: KeyResult[], depth: number) => {
    const own = objectiveProgress.get(objective)!;
    const { period } = objective;
    const expected = period === null ? null : expectedIn(period);
    // Health is measured against what the objective's commitment expects (0.7 × for aspirational ones).
    const measureAgainst = expected === null ? null : expectedFor(objective.commitment, expected);
    let status: ReportStatus = 'invalid';
    if (own.progress !== null && period !== null && measureAgainst !== null) {
      status = statusAgainst(own.progress, measureAgainst, period, options.today, options.thresholds);
      // An objective is done only when everything it counts from is valid and done.
      if (status === 'done' && own.incomplete) status = options.today < period.start ? 'upcoming' : 'on-track';
    }
    reports.push({
      id: objective.id,
      title: objective.title,
      owner: objective.owner,
      period,
      parent: objective.parentId,
      file: objective.file,
      line: objective.line,
      depth,
      progress: own.progress,
      expected,
      status,
      invalid: objective.invalid ?? (own.progress === null ? nothingCounted(objective, own) : null),
      incomplete: own.incomplete,
      progressFrom: own.from,
      keyResults: keyResults.map((kr) => {
        const p = krProgress.get(kr)!;
        const krStatus: ReportStatus =
          p.progress === null || period === null || measureAgainst === null
            ? 'invalid'
            : kr.measure?.kind === 'guardrail'
              ? guardrailStatus(p.progress)
              : statusAgainst(p.progress, measureAgainst, period, options.today, options.thresholds);
        const scored = keyResultScore(p.progress, kr.score, objective.closed !== null);
        return {
          id: kr.id,
          title: kr.title,
          owner: kr.owner,
          file: kr.file,
          line: kr.line,
          index: kr.index,
          measure: kr.measure,
          weight: kr.weight,
          progress: p.progress,
          rawProgress: p.rawProgress,
          status: krStatus,
          invalid: kr.invalid ?? (p.progress === null ? `none of its ${kr.contributors.length} contributing key results can be counted` : null),
          tasks: p.tasks,
          noTasks: p.noTasks,
          checkins: kr.checkins,
          score: scored.score,
          scoreSource: scored.source,
          contributors: kr.measure?.kind === 'rollup' ? kr.contributors.map((contributor) => contributor.id) : null,
          uncountedContributors: p.uncountedContributors ?? 0,
        };
      }),
      commitment: objective.commitment,
      closed: objective.closed,
      score: null,
      scoreLeftOut: 0,
      closeNote: objective.closeNote,
    });
    // The objective's score from all its key results, whatever the owner filter shows.
    const mine = reports[reports.length - 1]!;
    const all = objective.keyResults.map((kr) => ({ weight: kr.weight, score: keyResultScore(krProgress.get(kr)!.progress, kr.score, objective.closed !== null).score }));
    const scoreOf = objectiveScore(all, objective.closed !== null ? objective.score : null);
    mine.score = objective.invalid === null || scoreOf.frozen ? scoreOf.score : null;
    mine.scoreLeftOut = scoreOf.leftOut;
  };
  // Depth-first with an explicit stack; children in file order.
  const parentOf = (objective: Objective) => (objective.parentId === null ? undefined : model.objectivesById.get(objective.parentId));
  const roots = [...shown.keys()].filter((objective) => {
    const parent = parentOf(objective);
    return parent === undefined || !shown.has(parent);
  });
  const stack = roots.reverse().map((objective) => ({ objective, depth: 0 }));
  while (stack.length > 0) {
    const { objective, depth } = stack.pop()!;
    visit(objective, shown.get(objective)!, depth);
    for (let i = objective.children.length - 1; i >= 0; i--) {
      const child = objective.children[i]!;
      if (shown.has(child)) stack.push({ objective: child, depth: depth + 1 });
    }
  }
  return { today: options.today, notice, objectives: reports, problems: [...model.problems].sort(compareProblems) };
}

/** A guardrail is on track while it holds (progress 1) and off track otherwise, whatever the date. */
function guardrailStatus(progress: number): ReportStatus {
  return progress >= 1 ? 'on-track' : 'off-track';
}

function nothingCounted(objective: Objective, own: ObjectiveProgress): string {
  const parts: string[] = [];
  if (own.incomplete && own.incomplete.keyResults > 0) parts.push(`none of its ${own.incomplete.keyResults} key result${own.incomplete.keyResults === 1 ? '' : 's'}`);
  if (own.incomplete && own.incomplete.objectives > 0) parts.push(`none of its ${own.incomplete.objectives} aligned objective${own.incomplete.objectives === 1 ? '' : 's'}`);
  return parts.length > 0 ? `${parts.join(' and ')} can be counted` : `objective "${objective.id}" has nothing that can be counted`;
}

/** Objectives whose period cannot be read are in every selection: it cannot be told where they belong. */
function selectByPeriod(objectives: readonly Objective[], selection: PeriodSelection, today: string): { selected: Objective[]; notice: string | null } {
  if (selection.kind === 'all') return { selected: [...objectives], notice: null };
  if (selection.kind === 'period') {
    return { selected: objectives.filter((o) => o.period === null || overlaps(o.period, selection.period)), notice: null };
  }
  const dated = objectives.filter((o): o is Objective & { period: Period } => o.period !== null);
  const current = objectives.filter((o) => o.period === null || (o.period.start <= today && today <= o.period.end));
  const undated = objectives.length - dated.length;
  if (current.length > undated || dated.length === 0) return { selected: current, notice: null };
  const latest = dated.map((o) => o.period).sort((a, b) => compareStrings(b.end, a.end) || compareStrings(b.start, a.start))[0]!;
  return {
    selected: objectives.filter((o) => o.period === null || overlaps(o.period, latest)),
    notice: `no objective's period contains ${today}; showing the latest period, ${latest.label}`,
  };
}

/** An owner as `--owner` compares them: a leading `@`, spaces around and case ignored (`@Maria ` is `maria`). */
export function normaliseOwner(owner: string): string {
  return owner.replace(/^@/, '').trim().toLowerCase();
}
