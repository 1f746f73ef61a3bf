/** `okr due`: who owes a check-in, as text, JSON or Markdown (the body of a "check-ins due" issue). */
import type { DueItem } from '../compute/due.js';
import { pushAll } from '../model/arrays.js';
import { sanitizeLine } from '../safe-text.js';
import { SCHEMA_VERSION } from './json.js';
import { escapeMarkdown, fileLink, markdownCode, tableHeader, tableRow } from './markdown-text.js';

/** What a due list was asked for: the date, and the owner it was narrowed to (null: everyone). */
export interface DueLabels {
  today: string;
  owner: string | null;
}

/** JSON: exactly `{schemaVersion, today, due: [{id, objective, owner, lastCheckin, daysSince, cadenceDays}]}`. */
export function renderDueJson(due: readonly DueItem[], labels: DueLabels): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    today: labels.today,
    due: due.map((item) => ({
      id: item.id,
      objective: item.objective,
      owner: item.owner,
      lastCheckin: item.lastCheckin,
      daysSince: item.daysSince,
      cadenceDays: item.cadenceDays,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function since(item: DueItem): string {
  return item.lastCheckin === null ? `no check-in yet (period started ${item.daysSince} days ago)` : `last check-in ${item.lastCheckin}, ${item.daysSince} days ago`;
}

/** Text: one line per key result, then how to check in; a line saying so when nothing is due. */
export function renderDueText(due: readonly DueItem[], labels: DueLabels, showFile: (file: string) => string = (file) => file): string {
  const whose = labels.owner === null ? '' : ` for ${sanitizeLine(labels.owner)}`;
  if (due.length === 0) return `No check-ins due${whose} on ${labels.today}.\n`;
  const lines = [`${due.length} check-in${due.length === 1 ? '' : 's'} due${whose} on ${labels.today}:`];
  for (const item of due) {
    const tasks = item.measure === 'tasks' ? `, no task item moved in ${item.cadenceDays} days` : '';
    lines.push(
      `  ${sanitizeLine(item.id)} (${sanitizeLine(item.objective)})  owner: ${sanitizeLine(item.owner ?? 'none')}  ${since(item)}${tasks}; every ${item.cadenceDays} days  ${sanitizeLine(showFile(item.file))}:${item.line}`,
    );
  }
  lines.push('', 'Check in with: okr checkin <kr-id> <value> --confidence <0..1> --note "..."');
  return `${lines.join('\n')}\n`;
}

/** Markdown: a heading, a table of who owes what, and how to check in: fits one issue or comment kept up to date. */
export function renderDueMarkdown(due: readonly DueItem[], labels: DueLabels, linkBase: string | null): string {
  const whose = labels.owner === null ? '' : ` for ${escapeMarkdown(labels.owner)}`;
  const lines = [`## Check-ins due${whose} on ${labels.today}`, ''];
  if (due.length === 0) return `${[...lines, 'No check-ins due: every key result of the current period has a recent check-in.'].join('\n')}\n`;
  pushAll(lines, tableHeader(['Key result', 'Objective', 'Owner', 'Last check-in', 'Days since', 'Cadence'], ['left', 'left', 'left', 'left', 'right', 'right']));
  for (const item of due) {
    const title = item.title === null ? '' : ` ${escapeMarkdown(item.title)}`;
    lines.push(
      tableRow([
        `${fileLink(markdownCode(item.id), item.file, linkBase, item.line)}${title}`,
        markdownCode(item.objective),
        item.owner === null ? '—' : escapeMarkdown(item.owner),
        item.lastCheckin ?? (item.measure === 'tasks' ? 'none (no task item moved)' : 'none'),
        String(item.daysSince),
        `${item.cadenceDays} days`,
      ]),
    );
  }
  lines.push('', 'Check in with `okr checkin <kr-id> <value> --confidence <0..1> --note "..."`.');
  return `${lines.join('\n')}\n`;
}
