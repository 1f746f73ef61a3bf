/**
 * `okr diff --format markdown`: meant to be posted as one pull-request comment. Progress first (what
 * reviewers look for), then edits to objectives and key results, tasks and renames; long lists fold.
 */
import type { EntityChange, ProgressChange, TaskChange, WorkspaceDiff } from '../core/diff.js';
import { pushAll } from '../core/arrays.js';
import type { Problem } from '../core/problem.js';
import {
  describeMeasureChange,
  describeMeasureValue,
  formatDelta,
  formatFieldValue,
  summarizeDiff,
  TASK_CHANGE_WORDS,
  type DiffLabels,
} from './diff-words.js';
import { formatPercent } from './format.js';
import { escapeMarkdown, fileLink, markdownCode, markdownStatus, tableHeader, tableRow } from './markdown-text.js';

export interface DiffMarkdownOptions extends DiffLabels {
  /** Prefix for links to the head's files; null links relative to the workspace. */
  linkBase: string | null;
  headingLevel?: number;
}

/** Lists longer than this are folded into a <details> block. */
const FOLD_AFTER = 10;

const TASK_ICONS: Record<TaskChange['change'], string> = {
  completed: '✅',
  reopened: '↩️',
  started: '▶️',
  paused: '⏸️',
  cancelled: '🚫',
  restored: '♻️',
  added: '➕',
  removed: '➖',
};

export function renderDiffMarkdown(diff: WorkspaceDiff, options: DiffMarkdownOptions): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const h2 = '#'.repeat(level);
  const h3 = '#'.repeat(level + 1);
  const link = (file: string, line: number, text = `${file}:${line}`) => fileLink(escapeMarkdown(text), file, options.linkBase, line);
  const out: string[] = [
    `${h2} OKR changes`,
    '',
    `Comparing ${describeRevision(options.base)} with ${describeRevision(options.head)} · today ${diff.today}`,
    '',
  ];
  const summary = summarizeDiff(diff);
  if (summary === null) {
    out.push('No changes to objectives, key results or tasks.');
    return `${out.join('\n')}\n`;
  }
  out.push(`**${escapeMarkdown(capitalize(summary))}.**`, '');

  if (diff.progress.length > 0) {
    out.push(`${h3} Progress`, '');
    pushAll(out, tableHeader(['', 'Before', 'After', 'Change', 'Status', 'Measure'], ['left', 'right', 'right', 'right']));
    for (const change of diff.progress) out.push(progressRow(change, link));
    out.push('');
  }

  const entities: string[] = [
    ...diff.objectives.added.map((o) => `- ➕ Added objective ${markdownCode(o.id)} ${escapeMarkdown(o.title)} · ${formatPercent(o.progress)} ${markdownStatus(o.status)} · ${link(o.file, o.line, o.file)}`),
    ...diff.objectives.removed.map((o) => `- ➖ Removed objective ${markdownCode(o.id)} ${escapeMarkdown(o.title)} (was in ${markdownCode(o.file)})`),
    ...diff.objectives.changed.map((c) => changedItem('objective', c, link)),
    ...diff.keyResults.added.map(
      (kr) =>
        `- ➕ Added key result ${markdownCode(kr.id)} ${escapeMarkdown(kr.title)} to ${markdownCode(kr.objectiveId)} · ${escapeMarkdown(describeMeasureValue(kr.measure, kr.tasks))}, ${formatPercent(kr.progress)} ${markdownStatus(kr.status)} · ${link(kr.file, kr.line)}`,
    ),
    ...diff.keyResults.removed.map((kr) => `- ➖ Removed key result ${markdownCode(kr.id)} ${escapeMarkdown(kr.title)} from ${markdownCode(kr.objectiveId)}`),
    ...diff.keyResults.changed.map((c) => changedItem('key result', c, link)),
  ];
  if (entities.length > 0) pushAll(out, [`${h3} Objectives and key results`, '', ...fold(entities, 'changes'), '']);

  if (diff.tasks.length > 0) {
    const items = diff.tasks.map((task) => {
      const moved = task.from ? ` (moved from ${markdownCode(`${task.from.file}:${task.from.line}`)})` : '';
      const place = task.change === 'removed' ? markdownCode(`${task.file}:${task.line}`) : link(task.file, task.line);
      return `- ${TASK_ICONS[task.change]} ${capitalize(TASK_CHANGE_WORDS[task.change])}: ${escapeMarkdown(task.text)} · ${place}${moved} · ${task.keyResults.map(markdownCode).join(', ')}`;
    });
    pushAll(out, [`${h3} Tasks`, '', ...fold(items, 'tasks'), '']);
  }

  if (diff.renamedFiles.length > 0) {
    pushAll(out, [`${h3} Files renamed`, '', ...fold(diff.renamedFiles.map(({ from, to }) => `- ${markdownCode(from)} → ${markdownCode(to)}`), 'files'), '']);
  }

  if (diff.problems.introduced.length + diff.problems.fixed.length > 0) {
    const items = [
      ...diff.problems.introduced.map((p) => `- 🆕 ${problemItem(p, link)}`),
      ...diff.problems.fixed.map((p) => `- ✔️ Fixed: ${problemItem(p, () => markdownCode(`${p.file}:${p.line}:${p.column}`))}`),
    ];
    const { errors, warnings } = diff.problems.after;
    pushAll(out, [`${h3} Problems`, '', `Now ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} (run \`okr lint\` for details).`, '', ...fold(items, 'problems'), '']);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function describeRevision(label: DiffLabels['base']): string {
  if (label.commit === null) return escapeMarkdown(label.description);
  const how = label.revision ?? label.note;
  return `${markdownCode(label.commit.slice(0, 12))}${how ? ` (${escapeMarkdown(how)})` : ''}`;
}

type Link = (file: string, line: number, text?: string) => string;

function progressRow(change: ProgressChange, link: Link): string {
  const name =
    change.kind === 'objective'
      ? `**${link(change.file, change.line, change.id)}** ${escapeMarkdown(change.title)}`
      : `↳ ${link(change.file, change.line, change.id)} ${escapeMarkdown(change.title)}`;
  const status =
    change.before.status === change.after.status
      ? markdownStatus(change.after.status)
      : `${markdownStatus(change.before.status)} → ${markdownStatus(change.after.status)}`;
  return tableRow([
    name,
    formatPercent(change.before.progress),
    formatPercent(change.after.progress),
    formatDelta(change),
    status,
    escapeMarkdown(describeMeasureChange(change) ?? ''),
  ]);
}

function changedItem(what: string, change: EntityChange, link: Link): string {
  const fields = change.changes.map((c) => `${escapeMarkdown(c.field)} ${escapeMarkdown(formatFieldValue(c.before))} → ${escapeMarkdown(formatFieldValue(c.after))}`);
  return `- ✏️ Changed ${what} ${markdownCode(change.id)} ${escapeMarkdown(change.title)}: ${fields.join('; ')} · ${link(change.file, change.line)}`;
}

function problemItem(p: Problem, link: Link): string {
  return `${p.severity === 'error' ? 'error' : 'warning'} ${link(p.file, p.line, `${p.file}:${p.line}:${p.column}`)}: ${escapeMarkdown(p.message)} (${markdownCode(p.rule)})`;
}

function fold(items: string[], what: string): string[] {
  if (items.length <= FOLD_AFTER) return items;
  return ['<details>', `<summary>${items.length} ${what}</summary>`, '', ...items, '', '</details>'];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
