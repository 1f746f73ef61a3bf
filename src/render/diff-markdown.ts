/**
 * `okr diff --format markdown`: meant to be posted as one pull-request comment. Progress first (what
 * reviewers look for), then edits to objectives and key results, tasks and renames; long lists fold,
 * long text is shortened, and a report longer than a comment may be has its lists cut, saying so.
 */
import type { EntityChange, ProgressChange, TaskChange, WorkspaceDiff } from '../compute/diff.js';
import type { CheckinChange } from '../compute/checkin-diff.js';
import { checkinFacts } from './checkins.js';
import { pushAll } from '../model/arrays.js';
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
import { formatProgress, invalidWords } from './format.js';
import { cutBanner, DEFAULT_DIFF_MARKDOWN_LENGTH, fitParts, lazily, formatCount, MAX_INLINE_IDS, shortenText, type CuttableList, type ReportPart } from './markdown-limits.js';
import { escapeMarkdown, fileLink, markdownCode, markdownStatus, tableHeader, tableRow } from './markdown-text.js';

export interface DiffMarkdownOptions extends DiffLabels {
  /** Prefix for links to the head's files; null links relative to the workspace. */
  linkBase: string | null;
  headingLevel?: number;
  /** Largest report in bytes of UTF-8 (so also in characters); default `DEFAULT_DIFF_MARKDOWN_LENGTH`. */
  maxLength?: number;
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

/**
 * The diff as Markdown, ending in one newline. At most `options.maxLength` bytes: when the whole
 * report is longer, its lists (progress, objectives and key results, tasks, renamed files,
 * problems) are cut, each with a note saying how many it leaves out, and a note under the title
 * says so.
 */
export function renderDiffMarkdown(diff: WorkspaceDiff, options: DiffMarkdownOptions): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const h2 = '#'.repeat(level);
  const h3 = '#'.repeat(level + 1);
  const maxLength = options.maxLength ?? DEFAULT_DIFF_MARKDOWN_LENGTH;
  const link = (file: string, line: number, text = `${file}:${line}`) => fileLink(escapeMarkdown(shortenText(text)), file, options.linkBase, line);
  const head: string[] = [`${h2} OKR changes`, '', `Comparing ${describeRevision(options.base)} with ${describeRevision(options.head)} · today ${diff.today}`, ''];
  const summary = summarizeDiff(diff);
  if (summary === null) {
    head.push('No changes to objectives, key results or tasks.');
    return `${head.join('\n')}\n`;
  }
  const parts: ReportPart[] = [head, { banner: cutBanner(maxLength) }, [`**${escapeMarkdown(capitalize(summary))}.**`, '']];

  if (diff.progress.length > 0) {
    const count = diff.progress.length;
    parts.push({
      count,
      items: lazily(diff.progress, (change) => progressRow(change, link)),
      block: (shown) => {
        const out = [`${h3} Progress`, '', ...tableHeader(['', 'Before', 'After', 'Change', 'Status', 'Measure'], ['left', 'right', 'right', 'right'])];
        pushAll(out, shown);
        if (shown.length < count) out.push('', moreNote(count - shown.length, 'progress changes'));
        out.push('');
        return out;
      },
    });
  }

  const { objectives, keyResults } = diff;
  const entities =
    objectives.added.length + objectives.removed.length + objectives.changed.length + keyResults.added.length + keyResults.removed.length + keyResults.changed.length;
  function* entityItems(): Generator<string> {
    for (const o of objectives.added)
      yield `- ➕ Added objective ${code(diffItemName(o))} ${text(o.title ?? '(no title)')} · ${formatProgress(o.progress)} ${markdownStatus(o.status)}${o.status === 'invalid' ? ` (${text(invalidWords(o.invalid))})` : ''} · ${link(o.file, o.line, o.file)}`;
    for (const o of objectives.removed) yield `- ➖ Removed objective ${code(diffItemName(o))} ${text(o.title ?? '(no title)')} (was in ${code(o.file)})`;
    for (const c of objectives.changed) yield changedItem('objective', c, link);
    for (const kr of keyResults.added) {
      const measure = kr.status === 'invalid' ? invalidWords(kr.invalid) : describeMeasureValue(kr.measure, kr.tasks);
      yield `- ➕ Added key result ${code(diffItemName(kr, 'key-result'))} ${text(kr.title ?? '(no title)')} to ${code(kr.objectiveId ?? '(no id)')} · ${text(measure)}, ${formatProgress(kr.progress)} ${markdownStatus(kr.status)} · ${link(kr.file, kr.line)}`;
    }
    for (const kr of keyResults.removed)
      yield `- ➖ Removed key result ${code(diffItemName(kr, 'key-result'))} ${text(kr.title ?? '(no title)')} from ${code(kr.objectiveId ?? '(no id)')}`;
    for (const c of keyResults.changed) yield changedItem('key result', c, link);
  }
  if (entities > 0) parts.push(foldedSection(`${h3} Objectives and key results`, entities, entityItems(), 'changes'));

  if (diff.tasks.length > 0) {
    const item = (task: TaskChange) => {
      const moved = task.from ? ` (moved from ${code(`${task.from.file}:${task.from.line}`)})` : '';
      const place = task.change === 'removed' ? code(`${task.file}:${task.line}`) : link(task.file, task.line);
      return `- ${TASK_ICONS[task.change]} ${capitalize(TASK_CHANGE_WORDS[task.change])}: ${text(task.text)} · ${place}${moved} · ${idList(task.keyResults)}`;
    };
    parts.push(foldedSection(`${h3} Tasks`, diff.tasks.length, lazily(diff.tasks, item), 'tasks'));
  }

  if (diff.checkins.length > 0) {
    const item = (c: CheckinChange) =>
      `- 💬 ${code(diffItemName({ id: c.keyResult, file: c.file }, 'key-result'))} ${c.date}: ${text(checkinFacts(c))}${c.note === null ? '' : ` · ${text(c.note)}`} · ${link(c.file, c.line)}`;
    parts.push(foldedSection(`${h3} Check-ins`, diff.checkins.length, lazily(diff.checkins, item), 'check-ins'));
  }

  if (diff.renamedFiles.length > 0) {
    parts.push(
      foldedSection(
        `${h3} Files renamed`,
        diff.renamedFiles.length,
        lazily(diff.renamedFiles, ({ from, to }) => `- ${code(from)} → ${code(to)}`),
        'files',
      ),
    );
  }

  const { introduced, fixed } = diff.problems;
  if (introduced.length + fixed.length > 0) {
    function* problemItems(): Generator<string> {
      for (const p of introduced) yield `- 🆕 ${problemItem(p, link)}`;
      for (const p of fixed) yield `- ✔️ Fixed: ${problemItem(p, () => code(`${p.file}:${p.line}:${p.column}`))}`;
    }
    const { errors, warnings } = diff.problems.after;
    const intro = `Now ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} (run \`okr lint\` for details).`;
    parts.push(foldedSection(`${h3} Problems`, introduced.length + fixed.length, problemItems(), 'problems', intro));
  }
  return `${fitParts(parts, maxLength).join('\n').trimEnd()}\n`;
}

/** Text from a file, shortened and escaped. */
function text(value: string): string {
  return escapeMarkdown(shortenText(value));
}

/** An id or path from a file, shortened, as inline code. */
function code(value: string): string {
  return markdownCode(shortenText(value));
}

/** `a`, `b`, `c`, and at most `MAX_INLINE_IDS` of them: `… and 12 more`. */
function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_INLINE_IDS).map(code);
  if (ids.length > MAX_INLINE_IDS) shown.push(`and ${formatCount(ids.length - MAX_INLINE_IDS)} more`);
  return shown.join(', ');
}

function moreNote(left: number, what: string): string {
  return `… and ${formatCount(left)} more ${what}; run \`okr diff\` to see them all.`;
}

/** A section with a list that folds into <details> when long, cut to its first `shown` items when asked. */
function foldedSection(heading: string, count: number, items: Iterable<string>, what: string, intro?: string): CuttableList {
  return {
    count,
    items,
    block: (shown) => {
      const out = [heading, ''];
      if (intro !== undefined) out.push(intro, '');
      if (count <= FOLD_AFTER) {
        pushAll(out, shown);
      } else {
        const summary = shown.length < count ? `${formatCount(count)} ${what}, ${formatCount(shown.length)} shown` : `${count} ${what}`;
        out.push('<details>', `<summary>${summary}</summary>`, '');
        pushAll(out, shown);
        out.push('', '</details>');
      }
      if (shown.length < count) out.push('', moreNote(count - shown.length, what));
      out.push('');
      return out;
    },
  };
}

function describeRevision(label: DiffLabels['base']): string {
  if (label.commit === null) return text(label.description);
  const how = label.revision ?? label.note;
  return `${markdownCode(label.commit.slice(0, 12))}${how ? ` (${text(how)})` : ''}`;
}

type Link = (file: string, line: number, text?: string) => string;

function progressRow(change: ProgressChange, link: Link): string {
  const id = diffItemName(change, change.kind);
  const title = text(change.title ?? '(no title)');
  const name = change.kind === 'objective' ? `**${link(change.file, change.line, id)}** ${title}` : `↳ ${link(change.file, change.line, id)} ${title}`;
  const status =
    change.before.status === change.after.status ? markdownStatus(change.after.status) : `${markdownStatus(change.before.status)} → ${markdownStatus(change.after.status)}`;
  return tableRow([
    name,
    formatProgress(change.before.progress),
    formatProgress(change.after.progress),
    formatDelta(change),
    status,
    text(validityWords(change) ?? describeMeasureChange(change) ?? ''),
  ]);
}

function changedItem(what: string, change: EntityChange, link: Link): string {
  const fields = change.changes.map((c) => `${text(c.field)} ${text(formatFieldValue(c.before))} → ${text(formatFieldValue(c.after))}`);
  return `- ✏️ Changed ${what} ${code(diffItemName(change))} ${text(change.title ?? '(no title)')}: ${fields.join('; ')} · ${link(change.file, change.line)}`;
}

function problemItem(p: Problem, link: Link): string {
  return `${p.severity === 'error' ? 'error' : 'warning'} ${link(p.file, p.line, `${p.file}:${p.line}:${p.column}`)}: ${text(p.message)} (${code(p.rule)})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
