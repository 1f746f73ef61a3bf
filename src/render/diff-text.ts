/** The human report of `okr diff` for a terminal. */
import { maxOf, pushAll } from '../model/arrays.js';
import type { CheckinChange } from '../compute/checkin-diff.js';
import { checkinFacts } from './checkins.js';
import type { EntityChange, KeyResultSummary, ObjectiveSummary, ProgressChange, WorkspaceDiff } from '../compute/diff.js';
import type { Problem } from '../model/problem.js';
import {
  describeMeasureChange,
  describeMeasureValue,
  diffItemName,
  formatDelta,
  formatFieldValue,
  summarizeDiff,
  TASK_CHANGE_WORDS,
  validityWords,
  type DiffLabels,
} from './diff-words.js';
import { formatProgress, invalidWords, STATUS_WORDS } from './format.js';
import type { Style } from './style.js';
import { displayWidth, padEnd, padStart, sanitizeLine } from './terminal-text.js';

export interface DiffTextOptions extends DiffLabels {
  style: Style;
}

export function renderDiffText(diff: WorkspaceDiff, options: DiffTextOptions): string {
  const { style } = options;
  const out: string[] = [
    style.bold(`OKR changes from ${sanitizeLine(options.base.description)} to ${sanitizeLine(options.head.description)}`) + style.dim(` · today ${diff.today}`),
    '',
  ];
  const summary = summarizeDiff(diff);
  if (summary === null) {
    out.push('No changes to objectives, key results or tasks.');
    return `${out.join('\n')}\n`;
  }
  out.push(`${summary}.`, '');

  if (diff.renamedFiles.length > 0) {
    out.push(style.bold('Files renamed'));
    for (const { from, to } of diff.renamedFiles) out.push(`  ${sanitizeLine(from)} → ${sanitizeLine(to)}`);
    out.push('');
  }
  const entities = [
    ...diff.objectives.added.map((o) => style.status('done', `  + objective ${label(o)}`) + style.dim(`  ${where(o)}`)),
    ...diff.objectives.removed.map((o) => style.error(`  - objective ${label(o)}`) + style.dim(`  ${where(o)}`)),
    ...diff.objectives.changed.flatMap((c) => changedLines('objective', c, style)),
    ...diff.keyResults.added.map(
      (kr) => style.status('done', `  + key result ${label(kr)}`) + style.dim(`  in ${sanitizeLine(kr.objectiveId ?? '(no id)')}, ${keyResultMeasure(kr)}  ${where(kr)}`),
    ),
    ...diff.keyResults.removed.map((kr) => style.error(`  - key result ${label(kr)}`) + style.dim(`  in ${sanitizeLine(kr.objectiveId ?? '(no id)')}  ${where(kr)}`)),
    ...diff.keyResults.changed.flatMap((c) => changedLines('key result', c, style)),
  ];
  if (entities.length > 0) pushAll(out, [style.bold('Objectives and key results'), ...entities, '']);
  if (diff.progress.length > 0) pushAll(out, [style.bold('Progress'), ...progressLines(diff.progress, style), '']);
  if (diff.tasks.length > 0) {
    out.push(style.bold('Tasks'));
    const kindWidth = maxOf(diff.tasks.map((t) => TASK_CHANGE_WORDS[t.change].length));
    for (const task of diff.tasks) {
      const kind = padEnd(TASK_CHANGE_WORDS[task.change], kindWidth);
      const moved = task.from ? style.dim(` (moved from ${sanitizeLine(task.from.file)}:${task.from.line})`) : '';
      out.push(
        `  ${task.change === 'removed' ? style.error(kind) : task.change === 'completed' ? style.status('done', kind) : kind}  ${style.dim(`${sanitizeLine(task.file)}:${task.line}`)}  ${sanitizeLine(task.text)}${moved}  ${style.dim(`(${task.keyResults.map(sanitizeLine).join(', ')})`)}`,
      );
    }
    out.push('');
  }
  if (diff.checkins.length > 0) pushAll(out, [style.bold('Check-ins'), ...diff.checkins.map((c) => checkinLine(c, style)), '']);
  if (diff.problems.introduced.length + diff.problems.fixed.length > 0) {
    out.push(style.bold('Problems'));
    for (const p of diff.problems.introduced) out.push(`  new    ${problemLine(p, style)}`);
    for (const p of diff.problems.fixed) out.push(`  fixed  ${problemLine(p, style)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function label(entity: ObjectiveSummary | KeyResultSummary | EntityChange): string {
  return `${sanitizeLine(diffItemName(entity))} · ${sanitizeLine(entity.title ?? '(no title)')}`;
}

function where(entity: { file: string; line: number }): string {
  return `${sanitizeLine(entity.file)}:${entity.line}`;
}

function keyResultMeasure(kr: KeyResultSummary): string {
  if (kr.status === 'invalid') return sanitizeLine(invalidWords(kr.invalid));
  return `${sanitizeLine(describeMeasureValue(kr.measure, kr.tasks))}, ${formatProgress(kr.progress)} ${STATUS_WORDS[kr.status]}`;
}

function changedLines(what: string, change: EntityChange, style: Style): string[] {
  return [
    `  ~ ${what} ${label(change)}` + style.dim(`  ${where(change)}`),
    ...change.changes.map((c) => `      ${c.field}: ${sanitizeLine(formatFieldValue(c.before))} → ${sanitizeLine(formatFieldValue(c.after))}`),
  ];
}

/** Objectives with their key results under them, in the head's tree order. */
function progressLines(progress: readonly ProgressChange[], style: Style): string[] {
  const rows = progress.map((change) => ({
    name: `${change.kind === 'key-result' ? '  • ' : ''}${sanitizeLine(diffItemName(change, change.kind))}`,
    values: `${padStart(formatProgress(change.before.progress), 4)} → ${padStart(formatProgress(change.after.progress), 4)}`,
    delta: formatDelta(change),
    status:
      change.before.status === change.after.status
        ? STATUS_WORDS[change.after.status]
        : `${STATUS_WORDS[change.before.status]} → ${style.status(change.after.status, STATUS_WORDS[change.after.status])}`,
    measure: validityWords(change) ?? describeMeasureChange(change),
  }));
  const nameWidth = maxOf(rows.map((r) => displayWidth(r.name)));
  const deltaWidth = maxOf(rows.map((r) => r.delta.length));
  return rows.map((r) =>
    `  ${padEnd(r.name, nameWidth)}  ${r.values}  ${padEnd(r.delta, deltaWidth)}  ${r.status}${r.measure ? style.dim(`  ${sanitizeLine(r.measure)}`) : ''}`.trimEnd(),
  );
}

/** `  2026-11-20  rate  value 4 · conf 0.6  "the note"`. */
function checkinLine(change: CheckinChange, style: Style): string {
  const note = change.note === null ? '' : `  ${JSON.stringify(change.note)}`;
  return (
    sanitizeLine(`  ${change.date}  ${diffItemName({ id: change.keyResult, file: change.file }, 'key-result')}  ${checkinFacts(change)}${note}`) + style.dim(`  ${where(change)}`)
  );
}

function problemLine(p: Problem, style: Style): string {
  const severity = p.severity === 'error' ? style.error('error') : style.warning('warning');
  return `${sanitizeLine(p.file)}:${p.line}:${p.column}  ${severity}  ${sanitizeLine(p.message)}  ${style.dim(`(${p.rule})`)}`;
}
