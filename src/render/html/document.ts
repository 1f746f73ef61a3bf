/**
 * `okr html`: the status report as one self-contained HTML page (CSS, script and SVG inline; no
 * request to any address, no external font; works from `file://`). Everything from the files is
 * escaped (`escape.ts`), and a Content-Security-Policy forbids any other source as defence in depth.
 */
import type { StatusReport } from '../../compute/report.js';
import type { LinkedTask } from '../../model/link.js';
import { formatPercent, STATUS_ORDER, STATUS_WORDS, summaryCounts } from '../format.js';
import { seriesIndex, type HistorySeries } from './chart.js';
import { escapeHtml } from './escape.js';
import { objectiveSections, overviewTable } from './objectives.js';
import { ownerKey } from './parts.js';
import { problemsSection } from './problems.js';
import { REPORT_SCRIPT } from './script.js';
import { REPORT_CSS } from './styles.js';

export type { HistoryPoint, HistorySeries } from './chart.js';

/** The page's Content-Security-Policy: nothing but its own inline style and script, and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export interface HtmlOptions {
  /** Prefix for file links (an http(s) URL of the workspace at a revision); null or anything else: paths without links. */
  linkBase: string | null;
  /** The leaf task items of the key result at `index` of the objective declared in `file`; undefined when not known. */
  tasksOf?: (file: string, index: number) => readonly LinkedTask[] | undefined;
  /** History series (`okr history`'s shape); items with a series get a chart. */
  series?: readonly HistorySeries[];
}

/**
 * The report as a complete HTML document (UTF-8, ending in a newline): title and headline (period,
 * today, share elapsed, the summary line the terminal prints), filters by owner and status, the
 * objectives overview table, each objective's section with its key results folded in `<details>`
 * (measure, task items, check-ins, a history chart when `options.series` has one), and the problems
 * folded. Invalid items are shown with their reason, their progress as `—`. Never throws.
 */
export function renderStatusHtml(report: StatusReport, options: HtmlOptions): string {
  const labels = [...new Set(report.objectives.flatMap((o) => (o.period === null ? [] : [o.period.label])))];
  const title = `OKR status${labels.length === 0 ? '' : `: ${labels.join(', ')}`}`;
  const body =
    report.objectives.length === 0
      ? '<p>No objectives to show.</p>'
      : [
          filters(report),
          '<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>',
          overviewTable(report),
          '</section><section aria-labelledby="objectives-h"><h2 id="objectives-h">Objectives</h2>',
          objectiveSections(report, { linkBase: options.linkBase, tasksOf: options.tasksOf ?? (() => undefined), seriesOf: seriesIndex(options.series) }),
          '</section>',
        ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="okr">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="headline">${escapeHtml(headline(report))}</p>`,
    `<p class="summary">${escapeHtml(summaryCounts(report, (s) => STATUS_WORDS[s]))}</p>`,
    report.notice === null ? '' : `<p class="notice" role="note">Note: ${escapeHtml(report.notice)}</p>`,
    '</header>',
    body,
    problemsSection(report.problems, options.linkBase),
    `<footer>Made by okr on ${escapeHtml(report.today)}. Progress bars mark the expected progress with a line.</footer>`,
    '</main>',
    report.objectives.length === 0 ? '' : `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

/** `2026-10-01 to 2026-12-31 · today 2026-11-15 · 50% of the period elapsed` (one period), else just today. */
function headline(report: StatusReport): string {
  const periods = [...new Map(report.objectives.flatMap((o) => (o.period === null ? [] : [[o.period.label, { period: o.period, expected: o.expected ?? 0 }] as const]))).values()];
  if (periods.length !== 1) return `Today ${report.today}`;
  const only = periods[0]!;
  return `${only.period.start} to ${only.period.end} · today ${report.today} · ${formatPercent(only.expected)} of the period elapsed`;
}

/** The filter controls: owner (every owner named in the report) and status, with labels, and a live count. */
function filters(report: StatusReport): string {
  const owners = new Map<string, string>();
  for (const objective of report.objectives) {
    for (const owner of [objective.owner, ...objective.keyResults.map((kr) => kr.owner)]) {
      if (owner !== null && ownerKey(owner) !== '' && !owners.has(ownerKey(owner))) owners.set(ownerKey(owner), owner.trim());
    }
  }
  const ownerOptions = [...owners.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, shown]) => `<option value="${escapeHtml(key)}">${escapeHtml(shown)}</option>`);
  const statusOptions = STATUS_ORDER.map((status) => `<option value="${status}">${STATUS_WORDS[status]}</option>`);
  return [
    '<form class="filters" role="search" aria-label="Filter objectives">',
    `<label for="filter-owner">Owner<select id="filter-owner"><option value="">All owners</option>${ownerOptions.join('')}</select></label>`,
    `<label for="filter-status">Status<select id="filter-status"><option value="">All statuses</option>${statusOptions.join('')}</select></label>`,
    '<button type="button" id="filter-reset">Show all</button>',
    `<p class="shown" id="shown" aria-live="polite">Showing ${report.objectives.length} of ${report.objectives.length} objectives</p>`,
    '</form>',
  ].join('');
}
