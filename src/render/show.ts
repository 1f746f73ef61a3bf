/** `okr show`: one objective or key result in full, as text for a terminal or as JSON. */
import type { ShowItem, ShownKeyResult, ShownObjective } from '../compute/show.js';
import { sparkline, type HistoryPoint } from '../compute/history.js';
import type { Measure, TaskState } from '../model/types.js';
import type { Period } from '../model/period.js';
import { maxOf } from '../model/arrays.js';
import { checkinsJson, checkinValueWords, statusWithOwnerCall } from './checkins.js';
import { formatGuardrail, formatNumber, formatPercent, formatProgress, incompleteWords, invalidWords, STATUS_WORDS, titleText } from './format.js';
import { SCHEMA_VERSION } from './json.js';
import type { Style } from './style.js';
import { displayWidth, padEnd, sanitizeLine } from './terminal-text.js';

/** A one-line history: sparkline, first → last progress, how many points over which dates. */
function historyWords(points: readonly HistoryPoint[]): string {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const span = first.date === last.date ? first.date : `${first.date} to ${last.date}`;
  return `${sparkline(points.map((p) => p.progress))}  ${formatProgress(first.progress)} → ${formatProgress(last.progress)}  (${points.length} point${points.length === 1 ? '' : 's'}, ${span})`;
}

const MARKS: Record<TaskState, string> = { done: '[x]', open: '[ ]', 'in-progress': '[/]', cancelled: '[-]' };

/** The item as text: a heading line, its fields one a line, then its parts (task items and check-ins, or key results and aligned objectives). */
export function renderShowText(shown: ShownObjective | ShownKeyResult, style: Style, history: readonly HistoryPoint[] | null = null): string {
  const name = (item: { id: string | null; file: string }) => item.id ?? `(no id: ${item.file})`;
  const out: string[] = [style.bold(sanitizeLine(`${shown.kind === 'objective' ? 'Objective' : 'Key result'} ${name(shown)} · ${titleText(shown.title)}`)), ''];
  const fields: [string, string][] = [];
  if (shown.kind === 'keyResult') fields.push(['objective', `${name(shown.objective)} · ${titleText(shown.objective.title)}`]);
  fields.push(['owner', shown.owner ?? '—'], ['period', periodWords(shown.period)]);
  if (shown.kind === 'keyResult') fields.push(['measure', measureWords(shown)]);
  else fields.push(['progress from', progressFromWords(shown)]);
  fields.push(
    ['progress', formatProgress(shown.progress)],
    ['expected', shown.expected === null ? '—' : formatPercent(shown.expected)],
    ['status', shown.kind === 'keyResult' ? statusWithOwnerCall(shown.checkins, shown.status) : STATUS_WORDS[shown.status]],
  );
  if (history !== null && history.length > 0) fields.push(['history', historyWords(history)]);
  if (shown.kind === 'keyResult') fields.push(['weight', formatNumber(shown.weight)]);
  else if (shown.parent !== null) fields.push(['aligned under', shown.parent]);
  if (shown.invalid !== null) fields.push(['invalid', invalidWords(shown.invalid)]);
  if (shown.kind === 'objective' && shown.incomplete !== null && shown.invalid === null)
    fields.push(['incomplete', incompleteWords(shown.incomplete).replace(/^incomplete: /, '')]);
  fields.push(['file', `${shown.file}:${shown.line}`]);
  const width = maxOf(fields.map(([label]) => label.length));
  for (const [label, value] of fields) out.push(`  ${style.dim(padEnd(label, width))}  ${sanitizeLine(value)}`);
  if (shown.kind === 'keyResult') keyResultParts(shown, out, style);
  else objectiveParts(shown, out, style);
  return `${out.join('\n')}\n`;
}

function keyResultParts(shown: ShownKeyResult, out: string[], style: Style): void {
  if (shown.measure?.kind === 'tasks' || shown.taskItems.length > 0) {
    out.push('', style.bold(shown.tasks ? `Task items (${shown.tasks.done} of ${shown.tasks.total} done)` : 'Task items'));
    if (shown.taskItems.length === 0) out.push('  none linked');
    for (const task of shown.taskItems) out.push(`  ${MARKS[task.state]} ${sanitizeLine(task.text)}  ${style.dim(sanitizeLine(`${task.file}:${task.line}`))}`);
  }
  out.push('', style.bold('Check-ins'));
  if (shown.checkins.length === 0) {
    out.push('  none');
    return;
  }
  const rows = [
    ['date', 'value', 'confidence', 'owner’s call', 'note'],
    ...shown.checkins.map((c) => [
      c.date,
      checkinValueWords(c.value),
      c.confidence === null ? '—' : formatNumber(c.confidence),
      c.status === null ? '—' : STATUS_WORDS[c.status],
      c.note === null ? '' : sanitizeLine(c.note),
    ]),
  ];
  pushTable(out, rows, style);
}

function objectiveParts(shown: ShownObjective, out: string[], style: Style): void {
  const rows = (items: readonly (ShowItem & { weight?: number })[]) => [
    ...items.map((item) => [
      sanitizeLine(item.id ?? `(no id: ${item.file})`),
      sanitizeLine(titleText(item.title)),
      formatProgress(item.progress),
      STATUS_WORDS[item.status],
      sanitizeLine(item.owner ?? ''),
      item.weight === undefined ? '' : `weight ${formatNumber(item.weight)}`,
    ]),
  ];
  out.push('', style.bold('Key results'));
  if (shown.keyResults.length === 0) out.push('  none');
  else pushTable(out, rows(shown.keyResults), style, false);
  out.push('', style.bold('Aligned objectives'));
  if (shown.children.length === 0) out.push('  none');
  else pushTable(out, rows(shown.children), style, false);
}

/**
 * Rows as columns two spaces apart, lines never ending in spaces, columns empty in every row left
 * out; the first row dimmed as a header when `header`.
 */
function pushTable(out: string[], table: string[][], style: Style, header = true): void {
  const used = table[0]!.map((_, column) => table.some((row, index) => (!header || index > 0) && row[column] !== ''));
  const rows = table.map((row) => row.filter((_, column) => used[column]));
  const widths = rows[0]!.map((_, column) => maxOf(rows.map((row) => displayWidth(row[column]!))));
  rows.forEach((row, index) => {
    const line = `  ${row.map((cell, column) => padEnd(cell, widths[column]!)).join('  ')}`.trimEnd();
    out.push(header && index === 0 ? style.dim(line) : line);
  });
}

function periodWords(period: Period | null): string {
  return period === null ? '— (cannot be read)' : `${period.label} (${period.start} to ${period.end})`;
}

function measureWords(shown: ShownKeyResult): string {
  const measure: Measure | null = shown.measure;
  if (measure === null) return '— (cannot be read)';
  if (measure.kind === 'metric') {
    const unit = measure.unit ? ` ${measure.unit}` : '';
    return `metric: ${formatNumber(measure.current)}${unit} (from ${formatNumber(measure.start)} to ${formatNumber(measure.target)})`;
  }
  if (measure.kind === 'milestone') return `milestone: ${measure.done ? 'done' : 'open'}`;
  if (measure.kind === 'guardrail') return `guardrail: ${formatGuardrail(measure)} (to hold ${measure.keepAbove !== null ? 'at or above' : 'at or below'} the bound)`;
  if (measure.kind === 'rollup') {
    const ids = (shown.contributors ?? []).map((id) => id ?? '(no id)');
    const left = shown.uncountedContributors > 0 ? `; ${shown.uncountedContributors} not counted` : '';
    return ids.length === 0 ? 'roll-up: no key result contributes to it' : `roll-up: the weighted mean of ${ids.join(', ')}${left}`;
  }
  return shown.tasks ? `tasks: ${shown.tasks.done} of ${shown.tasks.total} done` : 'tasks: none linked';
}

function progressFromWords(shown: ShownObjective): string {
  return { key_results: 'its key results', children: 'its aligned objectives', both: 'its key results and aligned objectives', none: 'nothing that can be counted' }[
    shown.progressFrom
  ];
}

/**
 * The item as JSON (`okr show --json`): `schemaVersion`, `today`, `kind` (`objective` or
 * `keyResult`), the period as `period`/`periodStart`/`periodEnd`, fractions 0..1, null for what
 * is unknown; a key result's `taskItems` and `checkins`, an objective's `keyResults` and `children`;
 * `history`: its points from git as `okr history --json` gives them, or null outside a git repository.
 */
export function renderShowJson(shown: ShownObjective | ShownKeyResult, today: string, history: readonly HistoryPoint[] | null = null): string {
  const { period, ...rest } = shown;
  const document = {
    schemaVersion: SCHEMA_VERSION,
    today,
    ...rest,
    period: period?.label ?? null,
    periodStart: period?.start ?? null,
    periodEnd: period?.end ?? null,
    ...(shown.kind === 'keyResult'
      ? {
          taskItems: shown.taskItems.map((t) => ({ state: t.state, text: t.text, file: t.file, line: t.line })),
          ...checkinsJson(shown.checkins),
        }
      : {}),
    history,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
