/** The human report of `okr status`: objectives as a tree, each with its key results. */
import { closingWords } from './score-words.js';
import { maxOf } from '../model/arrays.js';
import type { KeyResultReport, ObjectiveReport, StatusReport } from '../compute/report.js';
import type { Problem } from '../model/problem.js';
import {
  describeMeasure,
  formatPercent,
  formatProgress,
  incompleteWords,
  invalidWords,
  keyResultName,
  objectiveName,
  progressBar,
  STATUS_WORDS,
  summaryCounts,
  titleText,
  notReadWords,
} from './format.js';
import type { Style } from './style.js';
import { confidenceWords, statusWithOwnerCall } from './checkins.js';
import { displayWidth, padEnd, padStart, sanitizeLine } from './terminal-text.js';
import { layoutTree, wrapAt, type LayoutRow } from './tree-layout.js';

export interface TextOptions {
  style: Style;
  /** Terminal width to fit titles into; null never cuts anything. */
  width: number | null;
}

interface Row extends LayoutRow {
  isObjective: boolean;
  progress: number | null;
  status: ObjectiveReport['status'];
  /** The status in words (with the owner's call when it differs). */
  statusText: string;
}

/**
 * The status tree as text. With `options.width` (a terminal's columns) every line fits in it: titles
 * are shortened first, ids and numbers never (tree-layout.ts); with null nothing is cut.
 */
export function renderStatusText(report: StatusReport, options: TextOptions): string {
  const { style } = options;
  const out: string[] = [];
  if (report.objectives.length === 0) {
    out.push('No objectives to show.');
    return `${out.join('\n')}\n`;
  }
  const rows = buildRows(report.objectives);
  const statusWidth = maxOf(rows.map((row) => displayWidth(row.statusText)));
  const layout = layoutTree(rows, statusWidth, options.width);
  for (const line of wrapAt(headline(report), ' · ', options.width)) out.push(style.bold(line));
  out.push('');
  for (const row of rows) {
    const label = layout.label(row);
    const padding = layout.twoLines ? '' : ' '.repeat(Math.max(0, layout.labelWidth - displayWidth(row.tree) - displayWidth(label)));
    const left = `${style.dim(row.tree)}${row.isObjective ? style.bold(label) : label}${padding}`;
    const bar = style.status(row.status, progressBar(row.progress, layout.barWidth));
    const percent = padStart(formatProgress(row.progress), 4);
    // Pad a cell only when something follows it, so lines never end in spaces.
    const tail = [row.statusText, ...(layout.ownerWidth > 0 ? [layout.owner(row)] : []), layout.measure(row)];
    const widths = [statusWidth, layout.ownerWidth];
    while (tail.length > 1 && tail[tail.length - 1] === '') tail.pop();
    const cells = tail.map((cell, i) => (i < tail.length - 1 ? padEnd(cell, widths[i]!) : cell));
    cells[0] = style.status(row.status, cells[0]!);
    if (layout.twoLines) out.push(left, [`${style.dim(row.cont)}${bar}`, percent, ...cells].join('  '));
    else out.push([left, bar, percent, ...cells].join('  '));
  }
  out.push('');
  for (const line of wrapAt(summary(report), ', ', options.width)) out.push(line);
  const notRead = notReadWords(report);
  if (notRead) out.push(style.warning(sanitizeLine(notRead)));
  return `${out.join('\n')}\n`;
}

function headline(report: StatusReport): string {
  const periods = [...new Map(report.objectives.flatMap((o) => (o.period === null ? [] : [[o.period.label, { period: o.period, expected: o.expected ?? 0 }] as const]))).values()];
  if (periods.length === 1) {
    const only = periods[0]!;
    return `${sanitizeLine(only.period.label)} (${only.period.start} to ${only.period.end}) · today ${report.today} · ${formatPercent(only.expected)} of the period elapsed`;
  }
  return `${[...periods.map((o) => sanitizeLine(o.period.label)), `today ${report.today}`].join(' · ')}`;
}

function buildRows(objectives: readonly ObjectiveReport[]): Row[] {
  const rows: Row[] = [];
  // Continuation guides: for each depth, whether a later sibling follows.
  objectives.forEach((objective, index) => {
    const ancestorsHaveMore: boolean[] = [];
    for (let depth = 1; depth <= objective.depth; depth++) {
      ancestorsHaveMore.push(hasLaterSibling(objectives, index, depth));
    }
    const guide = ancestorsHaveMore
      .slice(0, -1)
      .map((more) => (more ? '│  ' : '   '))
      .join('');
    const branch = objective.depth === 0 ? '' : ancestorsHaveMore[ancestorsHaveMore.length - 1] ? '├─ ' : '└─ ';
    const childGuide = ancestorsHaveMore.map((more) => (more ? '│  ' : '   ')).join('');
    const hasChildren = objectives[index + 1]?.depth === objective.depth + 1;
    const krGuide = objective.depth === 0 ? (hasChildren ? '│  ' : '   ') : childGuide + (hasChildren ? '│  ' : '   ');
    const mark = objective.status === 'invalid' ? invalidWords(objective.invalid) : objective.incomplete ? incompleteWords(objective.incomplete) : '';
    const invalidOrIncomplete = [closingWords(objective), mark].filter(Boolean).join(' · ');
    rows.push({
      tree: guide + branch,
      cont: krGuide,
      id: sanitizeLine(objectiveName(objective)),
      title: sanitizeLine(titleText(objective.title)),
      isObjective: true,
      progress: objective.progress,
      status: objective.status,
      statusText: STATUS_WORDS[objective.status],
      owner: objective.owner === null ? '' : sanitizeLine(objective.owner),
      measure: sanitizeLine(invalidOrIncomplete),
      measureShrinks: true,
    });
    for (const kr of objective.keyResults) rows.push(keyResultRow(kr, objective.depth === 0 ? krGuide : krGuide));
  });
  return rows;
}

function keyResultRow(kr: KeyResultReport, guide: string): Row {
  return {
    tree: `${guide}• `,
    cont: `${guide}  `,
    id: sanitizeLine(keyResultName(kr)),
    title: sanitizeLine(titleText(kr.title)),
    isObjective: false,
    progress: kr.progress,
    status: kr.status,
    statusText: statusWithOwnerCall(kr.checkins, kr.status),
    owner: kr.owner === null ? '' : sanitizeLine(kr.owner),
    measure: sanitizeLine([describeMeasure(kr), confidenceWords(kr.checkins)].filter(Boolean).join(' · ')),
    measureShrinks: kr.invalid !== null || kr.measure === null,
  };
}

/** Whether the ancestor of objectives[index] at `depth` (or the objective itself) has a later sibling. */
function hasLaterSibling(objectives: readonly ObjectiveReport[], index: number, depth: number): boolean {
  for (let i = index + 1; i < objectives.length; i++) {
    const d = objectives[i]!.depth;
    if (d < depth) return false;
    if (d === depth) return true;
  }
  return false;
}

function summary(report: StatusReport): string {
  return summaryCounts(report, (status) => STATUS_WORDS[status]);
}

/**
 * `file:line:column  severity  message  (rule)`, one problem a line; `showPath` shows a problem's
 * workspace-relative path (default: as it is).
 */
export function renderProblemsText(problems: readonly Problem[], style: Style, showPath: (file: string) => string = (file) => file): string {
  if (problems.length === 0) return '';
  const lines = problems.map((p) => {
    const severity = p.severity === 'error' ? style.error('error') : style.warning('warning');
    return `${sanitizeLine(showPath(p.file))}:${p.line}:${p.column}  ${severity}  ${sanitizeLine(p.message)}  ${style.dim(`(${p.rule})`)}`;
  });
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const total = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return `${lines.join('\n')}\n${total}\n`;
}
