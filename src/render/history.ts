/** `okr history` output: text (sparklines), JSON, CSV and Markdown (tables and a Mermaid chart). */
import { sparkline, type HistorySeries } from '../compute/history.js';
import { maxOf, pushAll } from '../model/arrays.js';
import { sanitizeLine } from '../safe-text.js';
import { formatProgress, STATUS_WORDS } from './format.js';
import { SCHEMA_VERSION } from './json.js';
import { escapeMarkdown, markdownCode, markdownStatus, tableHeader, tableRow } from './markdown-text.js';
import { shortenText } from './markdown-limits.js';
import type { Style } from './style.js';

/**
 * One line per series, an objective's key results indented under it: id, a sparkline of its progress
 * (one character per point, see sparkline), first → last progress, first → last expected, the latest
 * status and the title. Empty `series` says there is nothing to show.
 */
export function renderHistoryText(series: readonly HistorySeries[], style: Style): string {
  if (series.length === 0) return 'No objectives to show: the history has no objective in the current period.\n';
  const all = series.flatMap((s) => s.points);
  const dates = all.map((p) => p.date).sort();
  const workingTree = all.some((p) => p.commit === null);
  const lines = [style.bold(`History from ${dates[0] ?? '—'} to ${dates[dates.length - 1] ?? '—'}${workingTree ? ' (the last point is the working tree)' : ''}`), ''];
  const name = (s: HistorySeries) => `${s.kind === 'keyResult' && series.some((o) => o.id === s.objective) ? '  ' : ''}${sanitizeLine(s.id)}`;
  const width = maxOf(series.map((s) => [...name(s)].length));
  for (const s of series) {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    const label = name(s).padEnd(width);
    if (!first || !last) {
      lines.push(`${label}  (no points)`);
      continue;
    }
    const expected = `expected ${formatProgress(first.expected)} → ${formatProgress(last.expected)}`;
    const status = style.status(last.status, STATUS_WORDS[last.status]);
    const title = s.title === null ? '' : `  ${style.dim(sanitizeLine(s.title))}`;
    lines.push(`${label}  ${sparkline(s.points.map((p) => p.progress))}  ${formatProgress(first.progress)} → ${formatProgress(last.progress)}  ${expected}  ${status}${title}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `{schemaVersion, series: [{id, kind, title, points: [{date, commit, progress, expected, status}]}]}`, exact fractions. */
export function renderHistoryJson(series: readonly HistorySeries[]): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    series: series.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      points: s.points.map(({ date, commit, progress, expected, status }) => ({ date, commit, progress, expected, status })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * CSV (RFC 4180, `\n` line ends): a header, then one row per (series, point): id, kind, title, date,
 * commit (empty for the working tree), progress and expected (fractions, empty when unknown), status.
 * A text cell that a spreadsheet would take for a formula is prefixed with `'`.
 */
export function renderHistoryCsv(series: readonly HistorySeries[]): string {
  const rows = [['id', 'kind', 'title', 'date', 'commit', 'progress', 'expected', 'status']];
  for (const s of series) {
    for (const p of s.points) rows.push([s.id, s.kind, s.title ?? '', p.date, p.commit ?? '', numberCell(p.progress), numberCell(p.expected), p.status]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

function numberCell(value: number | null): string {
  return value === null ? '' : String(value);
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Markdown: per objective (with its key results; a key result shown without its objective stands
 * alone) a table of its points, one column per item, and a Mermaid `xychart-beta` line chart of
 * progress in percent (one line per item, then the expected line; an unknown progress is drawn at
 * 0). Titles from files are escaped for Markdown and reduced to plain characters in the chart.
 */
export function renderHistoryMarkdown(series: readonly HistorySeries[]): string {
  const lines = ['## OKR history', ''];
  if (series.length === 0) return `${lines.join('\n')}No objectives to show: the history has no objective in the current period.\n`;
  for (const group of groups(series)) {
    const head = group[0]!;
    lines.push(`### ${markdownCode(head.id)} ${escapeMarkdown(shortenText(head.title ?? ''))}`, '');
    const points = revisions(group);
    pushAll(
      lines,
      tableHeader(
        ['Date', 'Commit'].concat(
          group.map((s) => markdownCode(s.id)),
          ['Expected'],
        ),
      ),
    );
    for (const point of points) {
      const cells = group.map((s) => {
        const at = s.points.find((p) => p.date === point.date && p.commit === point.commit);
        return at ? `${formatProgress(at.progress)} ${markdownStatus(at.status)}` : '—';
      });
      const expected = group.map((s) => s.points.find((p) => p.date === point.date && p.commit === point.commit)?.expected).find((e) => e !== undefined);
      lines.push(tableRow([point.date, point.commit === null ? 'working tree' : markdownCode(point.commit.slice(0, 7))].concat(cells, [formatProgress(expected ?? null)])));
    }
    lines.push('');
    pushAll(lines, mermaidChart(head, group, points));
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** Series grouped: an objective with its key results after it; any other series alone. */
function groups(series: readonly HistorySeries[]): HistorySeries[][] {
  const result: HistorySeries[][] = [];
  for (const s of series) {
    const owner = s.kind === 'keyResult' ? result.find((group) => group[0]!.kind === 'objective' && group[0]!.id === s.objective) : undefined;
    if (owner) owner.push(s);
    else result.push([s]);
  }
  return result;
}

/** The distinct revisions of a group's points, in order. */
function revisions(group: readonly HistorySeries[]): { date: string; commit: string | null }[] {
  const seen = new Map<string, { date: string; commit: string | null; index: number }>();
  for (const s of group) {
    s.points.forEach((p, index) => {
      const key = `${p.date} ${p.commit ?? ''}`;
      if (!seen.has(key)) seen.set(key, { date: p.date, commit: p.commit, index });
    });
  }
  // Points are oldest first in every series; dates order them, and the working tree comes last.
  return [...seen.values()].sort((a, b) => (a.commit === null ? 1 : b.commit === null ? -1 : a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
}

function mermaidChart(head: HistorySeries, group: readonly HistorySeries[], points: readonly { date: string; commit: string | null }[]): string[] {
  // Whole percent rounded down, as the table's (formatPercent).
  const percent = (value: number | null | undefined) => Math.floor(Math.min(1, Math.max(0, value ?? 0)) * 100 + 1e-9);
  const at = (s: HistorySeries, point: { date: string; commit: string | null }) => s.points.find((p) => p.date === point.date && p.commit === point.commit);
  const labels = points.map((p) => `"${p.commit === null ? 'working tree' : p.date}"`);
  const lines = ['```mermaid', 'xychart-beta', `  title "${mermaidText(head.title ?? head.id)}"`, `  x-axis [${labels.join(', ')}]`, '  y-axis "Progress (%)" 0 --> 100'];
  for (const s of group) lines.push(`  line [${points.map((p) => percent(at(s, p)?.progress)).join(', ')}]`);
  lines.push(`  line [${points.map((p) => percent(group.map((s) => at(s, p)?.expected).find((e) => e !== undefined))).join(', ')}]`);
  lines.push('```');
  return lines;
}

/**
 * Text from a file as a Mermaid string: only letters, digits, spaces and plain punctuation are
 * kept (quotes, backticks, brackets, `#`, `%`, `;` and control characters become spaces, so nothing
 * ends the string, the statement or the code fence), at most 60 characters.
 */
export function mermaidText(text: string): string {
  const plain = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} .,:!?'()\-+/&@_]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...plain];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : plain;
}
