/**
 * `okr history`: how the progress and status of objectives and key results moved, one point per
 * revision. Pure: each revision's model and date are given (src/io/history.ts reads them from git).
 */
import type { Thresholds } from './health.js';
import type { WorkspaceModel } from '../model/link.js';
import { buildStatusReport, type ReportStatus } from './report.js';

/** An objective's or key result's standing at one revision. */
export interface HistoryPoint {
  /** The revision's committer date (YYYY-MM-DD), or the `today` of the working tree. */
  date: string;
  /** The full commit id, or null for the working tree. */
  commit: string | null;
  /** Fraction 0..1; null when the item was invalid then. */
  progress: number | null;
  /** Share of the period elapsed on `date` (0..1; a key result's is its objective's); null when the period could not be read. */
  expected: number | null;
  status: ReportStatus;
}

/** The points of one objective or key result, oldest first; only revisions where it was declared have one. */
export interface HistorySeries {
  id: string;
  kind: 'objective' | 'keyResult';
  /** As of the latest revision that declares it. */
  title: string | null;
  /** For a key result, its objective's id (null when that has none); null for an objective. */
  objective: string | null;
  points: HistoryPoint[];
}

/** An item's standing at one revision, without the revision. */
export interface ItemAt {
  kind: 'objective' | 'keyResult';
  title: string | null;
  objective: string | null;
  progress: number | null;
  expected: number | null;
  status: ReportStatus;
}

/** One revision's items by id: what historySeries is made of. */
export interface HistorySnapshot {
  date: string;
  commit: string | null;
  items: Map<string, ItemAt>;
}

/**
 * Every objective and key result of `model` with an id, by id, as a status report of every period
 * shows them on `today` (YYYY-MM-DD) with `thresholds`. An id declared twice keeps its first item in
 * tree order; items without a readable id are left out (nothing could follow them across revisions).
 */
export function itemsAt(model: WorkspaceModel, today: string, thresholds: Thresholds): Map<string, ItemAt> {
  // Without the problems, which a report sorts and these items do not need.
  const report = buildStatusReport({ ...model, problems: [] }, { today, period: { kind: 'all' }, owner: null, thresholds });
  const items = new Map<string, ItemAt>();
  for (const objective of report.objectives) {
    if (objective.id !== null && !items.has(objective.id)) {
      const { title, progress, expected, status } = objective;
      items.set(objective.id, { kind: 'objective', title, objective: null, progress, expected, status });
    }
    for (const kr of objective.keyResults) {
      if (kr.id === null || items.has(kr.id)) continue;
      items.set(kr.id, { kind: 'keyResult', title: kr.title, objective: objective.id, progress: kr.progress, expected: objective.expected, status: kr.status });
    }
  }
  return items;
}

/**
 * The ids of the objectives a status report of the current period shows for `model` on `today`
 * (the period containing `today`, else the latest one), in tree order.
 */
export function currentObjectiveIds(model: WorkspaceModel, today: string, thresholds: Thresholds): string[] {
  const report = buildStatusReport(model, { today, period: { kind: 'current' }, owner: null, thresholds });
  return report.objectives.flatMap((objective) => (objective.id === null ? [] : [objective.id]));
}

/**
 * The series of the items `ids` names (objective ids or key result ids), in that order; an objective
 * is followed by its key results (those whose objective it is at the latest revision that declares
 * them, in file order). `unknown` lists the ids no snapshot declares, `known` every id some snapshot
 * declares. `snapshots` are oldest first.
 */
export function historySeries(snapshots: readonly HistorySnapshot[], ids: readonly string[]): { series: HistorySeries[]; unknown: string[]; known: string[] } {
  // Every item ever declared, as of the latest snapshot declaring it, in the latest snapshot's order.
  const latest = new Map<string, ItemAt>();
  for (let i = snapshots.length - 1; i >= 0; i--) for (const [id, item] of snapshots[i]!.items) if (!latest.has(id)) latest.set(id, item);
  const unknown = ids.filter((id) => !latest.has(id));
  const chosen: string[] = [];
  const seen = new Set<string>();
  const choose = (id: string) => {
    if (!seen.has(id)) chosen.push(id);
    seen.add(id);
  };
  for (const id of ids) {
    const item = latest.get(id);
    if (!item) continue;
    choose(id);
    if (item.kind === 'objective') for (const [krId, kr] of latest) if (kr.kind === 'keyResult' && kr.objective === id) choose(krId);
  }
  const series = chosen.map((id): HistorySeries => {
    const { kind, title, objective } = latest.get(id)!;
    const points: HistoryPoint[] = [];
    for (const snapshot of snapshots) {
      const item = snapshot.items.get(id);
      if (item) points.push({ date: snapshot.date, commit: snapshot.commit, progress: item.progress, expected: item.expected, status: item.status });
    }
    return { id, kind, title, objective, points };
  });
  return { series, unknown, known: [...latest.keys()] };
}

/** Sparkline levels, lowest first. */
export const SPARK_LEVELS = '▁▂▃▄▅▆▇█';

/**
 * One character per value: a fraction 0..1 (clamped) as one of SPARK_LEVELS (0 → ▁, 1 → █, in eight
 * equal steps), null (unknown progress) as `·`.
 */
export function sparkline(values: readonly (number | null)[]): string {
  return values
    .map((value) => {
      if (value === null) return '·';
      const clamped = Math.min(1, Math.max(0, value));
      return SPARK_LEVELS[Math.min(SPARK_LEVELS.length - 1, Math.floor(clamped * SPARK_LEVELS.length))]!;
    })
    .join('');
}
