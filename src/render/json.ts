/** Machine output of `okr status --json`: stable keys, exact values, ISO dates. */
import type { KeyResultReport, ObjectiveReport, StatusReport } from '../compute/report.js';

export const SCHEMA_VERSION = 1;

export function renderStatusJson(report: StatusReport): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    today: report.today,
    notice: report.notice,
    objectives: report.objectives.map(objectiveJson),
    problems: report.problems,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function objectiveJson(objective: ObjectiveReport) {
  return {
    id: objective.id,
    title: objective.title,
    owner: objective.owner,
    period: objective.period.label,
    periodStart: objective.period.start,
    periodEnd: objective.period.end,
    parent: objective.parent,
    file: objective.file,
    line: objective.line,
    progress: objective.progress,
    expected: objective.expected,
    status: objective.status,
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
    measure: measure.kind,
    weight: kr.weight,
    progress: kr.progress,
    status: kr.status,
    ...(measure.kind === 'metric' ? { start: measure.start, target: measure.target, current: measure.current, unit: measure.unit, rawProgress: kr.rawProgress } : {}),
    ...(measure.kind === 'milestone' ? { done: measure.done } : {}),
    ...(kr.tasks ? { tasks: kr.tasks } : {}),
    flags: kr.noTasks ? ['no-tasks'] : [],
  };
}
