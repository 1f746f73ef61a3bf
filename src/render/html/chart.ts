/**
 * Small inline-SVG history charts for the HTML report: progress over time against the expected
 * line, from the series `okr history` gives. No library, no network: plain SVG elements.
 */
import { formatPercent } from '../format.js';
import { escapeHtml } from './escape.js';

/** The shapes of `okr history` (src/compute/history.ts): one truth for the command and the page. */
export type { HistoryPoint, HistorySeries } from '../../compute/history.js';
import type { HistoryPoint, HistorySeries } from '../../compute/history.js';

const WIDTH = 240;
const HEIGHT = 64;
const PAD = 4;

/** Days since 1970-01-01 of an ISO date (UTC), for the x axis. */
function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** A polyline's `points` for the points with a value; runs broken by null values become separate lines. */
function lines(points: readonly HistoryPoint[], value: (p: HistoryPoint) => number | null, x: (p: HistoryPoint) => number): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  for (const point of points) {
    const v = value(point);
    if (v === null || !Number.isFinite(v)) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
      continue;
    }
    run.push(`${x(point).toFixed(1)},${(HEIGHT - PAD - clamp(v) * (HEIGHT - 2 * PAD)).toFixed(1)}`);
  }
  if (run.length > 0) runs.push(run.join(' '));
  return runs;
}

/**
 * An inline SVG chart of `series` (points in date order): progress as a solid line with dots,
 * expected progress as a dashed line, x by date, y 0..100%. It is an image with a text alternative
 * (`role="img"`, a label naming the latest point). Empty string when the series has no point.
 */
export function historyChart(series: HistorySeries): string {
  const points = [...series.points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (points.length === 0) return '';
  const first = dayNumber(points[0]!.date);
  const span = Math.max(1, dayNumber(points[points.length - 1]!.date) - first);
  const x = (p: HistoryPoint) => (points.length === 1 ? WIDTH / 2 : PAD + ((dayNumber(p.date) - first) / span) * (WIDTH - 2 * PAD));
  const last = points[points.length - 1]!;
  const label = `Progress over time, ${points.length} point${points.length === 1 ? '' : 's'} from ${points[0]!.date} to ${last.date}; latest ${
    last.progress === null ? 'unknown' : formatPercent(last.progress)
  }${last.expected === null ? '' : `, expected ${formatPercent(last.expected)}`}`;
  const expected = lines(points, (p) => p.expected, x).map((p) => `<polyline class="expected" points="${p}"/>`);
  const progress = lines(points, (p) => p.progress, x).map((p) => `<polyline class="actual" points="${p}"/>`);
  const dots = points
    .filter((p) => p.progress !== null && Number.isFinite(p.progress))
    .map((p) => `<circle class="actual" cx="${x(p).toFixed(1)}" cy="${(HEIGHT - PAD - clamp(p.progress!) * (HEIGHT - 2 * PAD)).toFixed(1)}" r="2"/>`);
  return [
    `<figure class="chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    `<line class="axis" x1="0" y1="${HEIGHT - PAD}" x2="${WIDTH}" y2="${HEIGHT - PAD}"/>`,
    ...expected,
    ...progress,
    ...dots,
    '</svg>',
    `<figcaption>History: <span class="key-actual">progress</span> against <span class="key-expected">expected</span></figcaption></figure>`,
  ].join('');
}

/** Looks up an item's series by kind and id; null ids (invalid items) have none. */
export function seriesIndex(series: readonly HistorySeries[] | undefined): (kind: HistorySeries['kind'], id: string | null) => HistorySeries | null {
  const byKey = new Map<string, HistorySeries>();
  for (const entry of series ?? []) byKey.set(`${entry.kind}\u0000${entry.id}`, entry);
  return (kind, id) => (id === null ? null : (byKey.get(`${kind}\u0000${id}`) ?? null));
}
