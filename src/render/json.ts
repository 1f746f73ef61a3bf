/** Machine output of `okr status --json`: stable keys, exact values, ISO dates. */
import type { KeyResultReport, ObjectiveReport, ReportStatus, StatusReport } from '../compute/report.js';
import { filesNotRead, STATUS_ORDER } from './format.js';
import { checkinsJson } from './checkins.js';
import { jsonPieces, StreamedArray } from './json-stream.js';

/**
 * Version 2: invalid objectives and key results are in the report (`status: "invalid"`, `progress`
 * null, `invalid` the reason); `incomplete`, `progressFrom` and `summary` are new; period fields,
 * `expected`, `measure`, `id` and `title` may be null. Key results carry `checkins`, `lastCheckin`
 * and `confidence`; objectives `commitment`, `closed` (the date okr close closed it, or null) and
 * `score`, key results `score` (additions, within version 2).
 */
export const SCHEMA_VERSION = 2;

/** `okr status --json`: the JSON text of `report` (schema version SCHEMA_VERSION), ending in a newline. */
export function renderStatusJson(report: StatusReport): string {
  return [...statusJsonPieces(report)].join('');
}

/**
 * renderStatusJson's text in pieces (see jsonPieces): the objectives and problems are made one at
 * a time as they are written, so that a large report is never held whole.
 */
export function statusJsonPieces(report: StatusReport): Generator<string> {
  const keyResults = report.objectives.flatMap((o) => o.keyResults);
  const byStatus: Partial<Record<ReportStatus, number>> = {};
  for (const status of STATUS_ORDER) {
    const count = keyResults.filter((kr) => kr.status === status).length;
    if (count > 0) byStatus[status] = count;
  }
  const document = {
    schemaVersion: SCHEMA_VERSION,
    today: report.today,
    notice: report.notice,
    summary: {
      objectives: report.objectives.length,
      invalidObjectives: report.objectives.filter((o) => o.status === 'invalid').length,
      incompleteObjectives: report.objectives.filter((o) => o.status !== 'invalid' && o.incomplete !== null).length,
      keyResults: keyResults.length,
      filesNotRead: filesNotRead(report),
      keyResultsByStatus: byStatus,
    },
    objectives: new StreamedArray(report.objectives, objectiveJson),
    problems: new StreamedArray(report.problems, (problem) => problem),
  };
  return jsonPieces(document);
}

function objectiveJson(objective: ObjectiveReport) {
  return {
    id: objective.id,
    title: objective.title,
    owner: objective.owner,
    period: objective.period?.label ?? null,
    periodStart: objective.period?.start ?? null,
    periodEnd: objective.period?.end ?? null,
    parent: objective.parent,
    file: objective.file,
    line: objective.line,
    progress: objective.progress,
    expected: objective.expected,
    status: objective.status,
    invalid: objective.invalid,
    incomplete: objective.incomplete,
    progressFrom: objective.progressFrom,
    commitment: objective.commitment,
    closed: objective.closed,
    score: objective.score,
    keyResults: objective.keyResults.map(keyResultJson),
  };
}

function keyResultJson(kr: KeyResultReport) {
  const { measure } = kr;
  return {
    id: kr.id,
    title: kr.title,
    owner: kr.owner,
    file: kr.file,
    line: kr.line,
    index: kr.index,
    measure: measure?.kind ?? null,
    weight: kr.weight,
    progress: kr.progress,
    status: kr.status,
    invalid: kr.invalid,
    ...(measure?.kind === 'metric' ? { start: measure.start, target: measure.target, current: measure.current, unit: measure.unit, rawProgress: kr.rawProgress } : {}),
    ...(measure?.kind === 'milestone' ? { done: measure.done } : {}),
    ...(measure?.kind === 'guardrail' ? { keepAbove: measure.keepAbove, keepBelow: measure.keepBelow, current: measure.current, unit: measure.unit } : {}),
    ...(kr.contributors !== null ? { contributors: kr.contributors, uncountedContributors: kr.uncountedContributors } : {}),
    ...(kr.tasks ? { tasks: kr.tasks } : {}),
    flags: kr.noTasks ? ['no-tasks'] : [],
    score: kr.score,
    ...checkinsJson(kr.checkins),
  };
}
