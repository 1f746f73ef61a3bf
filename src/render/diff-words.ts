/** Words shared by the renderers of `okr diff`. */
import type { FieldValue, ProgressChange, TaskChangeKind, WorkspaceDiff } from '../compute/diff.js';
import type { Measure } from '../model/types.js';
import type { TaskCounts } from '../compute/progress.js';
import { formatGuardrail, formatNumber, formatPercent } from './format.js';
import { plural } from './words.js';

/** One side of the comparison, as the command resolved it. */
export interface RevisionLabel {
  /** What the user gave (or the default chosen), e.g. `main`; null for the working tree. */
  revision: string | null;
  /** The full commit id; null for the working tree. */
  commit: string | null;
  /** For people: `1a2b3c4d5e6f (merge-base of HEAD and main)`, `main (1a2b3c4d5e6f)`, `the working tree`. */
  description: string;
  /** How a default was chosen, e.g. `merge-base of HEAD and main`; null when the user named it. */
  note: string | null;
}

export interface DiffLabels {
  base: RevisionLabel;
  head: RevisionLabel;
}

export const TASK_CHANGE_WORDS: Record<TaskChangeKind, string> = {
  completed: 'completed',
  reopened: 'reopened',
  started: 'started',
  paused: 'paused',
  cancelled: 'cancelled',
  restored: 'restored',
  added: 'added',
  removed: 'removed',
};

/** `27 / 35 %`, `milestone done`, `4 of 7 tasks`, `no tasks`; `unreadable` when the measure cannot be read. */
export function describeMeasureValue(measure: Measure | null, tasks: TaskCounts | null): string {
  if (measure === null) return 'unreadable';
  switch (measure.kind) {
    case 'metric':
      return `${formatNumber(measure.current)} / ${formatNumber(measure.target)}${measure.unit ? ` ${measure.unit}` : ''}`;
    case 'milestone':
      return measure.done ? 'milestone done' : 'milestone open';
    case 'guardrail':
      return formatGuardrail(measure);
    case 'rollup':
      return 'roll-up';
    case 'tasks':
      if (!tasks || tasks.total === 0) return tasks && tasks.cancelled > 0 ? 'all tasks cancelled' : 'no tasks';
      return `${tasks.done} of ${tasks.total} tasks`;
  }
}

/** `30 / 35 % → 31 / 35 %`, or null when what the progress is measured from did not change. */
export function describeMeasureChange(change: ProgressChange): string | null {
  if (!change.measure || !change.tasks) return null;
  const before = describeMeasureValue(change.measure.before, change.tasks.before);
  const after = describeMeasureValue(change.measure.after, change.tasks.after);
  return before === after ? null : `${before} → ${after}`;
}

/**
 * Change in the percentages as shown (whole, rounded down), with a sign; `+<1` for a move too small
 * to show; empty when either side is unknown (an invalid item).
 */
export function formatDelta(change: ProgressChange): string {
  if (change.delta === null || change.before.progress === null || change.after.progress === null) return '';
  const shown = percentOf(change.after.progress) - percentOf(change.before.progress);
  if (shown !== 0) return shown > 0 ? `+${shown}` : `−${-shown}`;
  if (change.delta > 0) return '+<1';
  if (change.delta < 0) return '−<1';
  return '±0';
}

function percentOf(fraction: number): number {
  return Number.parseInt(formatPercent(fraction), 10);
}

/** An item of a diff by id, or by what names it when it has none (`key_results[2]`, `(no id: file)`). */
export function diffItemName(item: { id: string | null; file: string }, kind: 'objective' | 'key-result' = 'objective'): string {
  return item.id ?? (kind === 'objective' ? `(no id: ${item.file})` : '(no id)');
}

/** `became invalid: <reason>` / `valid again`, for a progress change whose validity changed; null otherwise. */
export function validityWords(change: ProgressChange): string | null {
  if (change.validity === 'became-invalid') return `became invalid: ${change.reason ?? 'it has errors'} (see okr lint)`;
  if (change.validity === 'became-valid') return 'valid again';
  return null;
}

export function formatFieldValue(value: FieldValue): string {
  if (value === null) return '(none)';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `3 tasks completed, 1 key result added, …`, or null when nothing changed. */
export function summarizeDiff(diff: WorkspaceDiff): string | null {
  const parts: string[] = [];
  const count = (n: number, what: string, verb: string) => {
    if (n > 0) parts.push(`${plural(n, what)} ${verb}`);
  };
  count(diff.objectives.added.length, 'objective', 'added');
  count(diff.objectives.removed.length, 'objective', 'removed');
  count(diff.objectives.changed.length, 'objective', 'edited');
  count(diff.keyResults.added.length, 'key result', 'added');
  count(diff.keyResults.removed.length, 'key result', 'removed');
  count(diff.keyResults.changed.length, 'key result', 'edited');
  for (const kind of Object.keys(TASK_CHANGE_WORDS) as TaskChangeKind[]) {
    count(diff.tasks.filter((t) => t.change === kind).length, 'task', TASK_CHANGE_WORDS[kind]);
  }
  count(diff.checkins.length, 'check-in', 'recorded');
  const moved = diff.progress.filter((p) => p.kind === 'key-result' && p.delta !== 0 && p.delta !== null).length;
  if (moved > 0) parts.push(`progress moved on ${plural(moved, 'key result')}`);
  const becameInvalid = diff.progress.filter((p) => p.validity === 'became-invalid').length;
  const becameValid = diff.progress.filter((p) => p.validity === 'became-valid').length;
  if (becameInvalid > 0) parts.push(`${plural(becameInvalid, 'item')} became invalid`);
  if (becameValid > 0) parts.push(`${plural(becameValid, 'item')} became valid again`);
  count(diff.renamedFiles.length, 'file', 'renamed');
  count(diff.problems.introduced.length, 'new problem', 'found');
  count(diff.problems.fixed.length, 'problem', 'fixed');
  return parts.length === 0 ? null : parts.join(', ');
}
