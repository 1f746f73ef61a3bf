/**
 * The weekly review (`okr diff --since`): beyond the diff itself, who moved each objective and key
 * result (from the lines they changed) and which key results stalled. Pure: the line authors are
 * given (src/io/line-authors.ts reads them from git).
 */
import type { Thresholds } from './health.js';
import type { WorkspaceDiff } from './diff.js';
import { linkedTasksOf, type WorkspaceModel } from '../model/link.js';
import { buildStatusReport, type ReportStatus } from './report.js';

/** Who moved an objective or key result: the authors of the commits that changed its lines, by name, sorted. */
export interface ItemAuthors {
  kind: 'objective' | 'key-result';
  id: string;
  /** For a key result, its objective. */
  objectiveId: string | null;
  /** Where it is declared on the head side. */
  file: string;
  authors: string[];
}

/** A key result of a running period that did not move between the two sides. */
export interface StalledKeyResult {
  id: string;
  objectiveId: string | null;
  title: string | null;
  owner: string | null;
  /** Fraction 0..1. */
  progress: number;
  status: ReportStatus;
  /** Its latest check-in's date, or null. */
  lastCheckin: string | null;
  file: string;
  line: number;
}

/** What `okr diff --since` adds to a diff: the date, who moved what, and what stalled. */
export interface WeeklyReview {
  /** The date looked back to, YYYY-MM-DD. */
  since: string;
  /** True when no commit is at or before the date: the base is the empty tree. */
  emptyBase: boolean;
  authors: ItemAuthors[];
  stalled: StalledKeyResult[];
}

/** The ids of the key results and objectives that moved in `diff`: progress, fields, tasks or check-ins. */
export function movedIds(diff: WorkspaceDiff, head: WorkspaceModel): { keyResults: Set<string>; objectives: Set<string> } {
  const keyResults = new Set<string>();
  const objectives = new Set<string>();
  const addKr = (id: string | null) => {
    if (id === null) return;
    keyResults.add(id);
    const objectiveId = head.keyResultsById.get(id)?.objectiveId;
    if (objectiveId) objectives.add(objectiveId);
  };
  for (const change of diff.progress) {
    if (change.kind === 'key-result') addKr(change.id);
    else if (change.id !== null) objectives.add(change.id);
  }
  for (const task of diff.tasks) for (const id of task.keyResults) addKr(id);
  for (const checkin of diff.checkins) addKr(checkin.keyResult);
  for (const kr of [...diff.keyResults.added, ...diff.keyResults.changed]) addKr(kr.id);
  for (const objective of [...diff.objectives.added, ...diff.objectives.changed]) if (objective.id !== null) objectives.add(objective.id);
  return { keyResults, objectives };
}

/**
 * The lines each moved item spans on the head side, per file (workspace-relative): a key result's
 * entry in `key_results:` (from its line to the line before the next key result, or to
 * `frontMatterEnd(file)`, the line of the closing `---`, exclusive) and its task items' lines; an
 * objective's header (lines 1 to the line before its first key result) and its key results' lines.
 */
export function itemLines(
  head: WorkspaceModel,
  moved: { keyResults: Set<string>; objectives: Set<string> },
  frontMatterEnd: (file: string) => number,
): Map<string, Map<string, number[]>> {
  const spans = new Map<string, Map<string, number[]>>();
  const add = (key: string, file: string, from: number, to: number) => {
    let files = spans.get(key);
    if (!files) spans.set(key, (files = new Map<string, number[]>()));
    let lines = files.get(file);
    if (!lines) files.set(file, (lines = []));
    for (let line = from; line <= to; line++) lines.push(line);
  };
  for (const objective of head.objectives) {
    if (objective.id === null) continue;
    const sorted = [...objective.keyResults].sort((a, b) => a.line - b.line);
    const end = frontMatterEnd(objective.file) - 1;
    const objectiveKey = `objective:${objective.id}`;
    if (moved.objectives.has(objective.id)) add(objectiveKey, objective.file, 1, (sorted[0]?.line ?? end + 1) - 1);
    sorted.forEach((kr, i) => {
      if (kr.id === null || !(moved.keyResults.has(kr.id) || moved.objectives.has(objective.id!))) return;
      const last = (sorted[i + 1]?.line ?? end + 1) - 1;
      for (const key of [`key-result:${kr.id}`, objectiveKey]) {
        if (key === objectiveKey ? !moved.objectives.has(objective.id!) : !moved.keyResults.has(kr.id)) continue;
        add(key, kr.file, kr.line, last);
        for (const task of linkedTasksOf(kr)) add(key, task.file, task.line, task.line);
      }
    });
  }
  return spans;
}

/**
 * Who moved each moved item: the distinct authors (sorted) of its lines (itemLines) by `authorsOf`
 * (file → author per line, index 0 for line 1; null for lines no commit in the range changed), for
 * objectives and key results in `head`'s file order; items nobody committed a change to are left out.
 */
export function itemAuthors(head: WorkspaceModel, lines: Map<string, Map<string, number[]>>, authorsOf: Map<string, readonly { author: string | null }[]>): ItemAuthors[] {
  const result: ItemAuthors[] = [];
  const collect = (key: string): string[] => {
    const names = new Set<string>();
    for (const [file, numbers] of lines.get(key) ?? []) {
      const authors = authorsOf.get(file);
      if (!authors) continue;
      for (const line of numbers) {
        const name = authors[line - 1]?.author;
        if (name) names.add(name);
      }
    }
    return [...names].sort();
  };
  for (const objective of head.objectives) {
    if (objective.id === null) continue;
    const own = collect(`objective:${objective.id}`);
    if (own.length > 0) result.push({ kind: 'objective', id: objective.id, objectiveId: null, file: objective.file, authors: own });
    for (const kr of objective.keyResults) {
      if (kr.id === null) continue;
      const names = collect(`key-result:${kr.id}`);
      if (names.length > 0) result.push({ kind: 'key-result', id: kr.id, objectiveId: objective.id, file: kr.file, authors: names });
    }
  }
  return result;
}

/**
 * The key results that stalled: valid, declared on both sides, not done (progress below 1), not
 * moved (movedIds), of an objective whose period had started by `today` and had not ended before
 * `since` (both YYYY-MM-DD), in the head's tree order. Never throws.
 */
export function findStalled(
  base: WorkspaceModel,
  head: WorkspaceModel,
  moved: { keyResults: Set<string> },
  options: { since: string; today: string; thresholds: Thresholds },
): StalledKeyResult[] {
  const report = buildStatusReport(head, { today: options.today, period: { kind: 'all' }, owner: null, thresholds: options.thresholds });
  const stalled: StalledKeyResult[] = [];
  for (const objective of report.objectives) {
    const { period } = objective;
    if (period === null || period.start > options.today || period.end < options.since) continue;
    for (const kr of objective.keyResults) {
      if (kr.id === null || kr.invalid !== null || kr.progress === null || kr.progress >= 1) continue;
      if (moved.keyResults.has(kr.id) || !base.keyResultsById.has(kr.id)) continue;
      stalled.push({
        id: kr.id,
        objectiveId: objective.id,
        title: kr.title,
        owner: kr.owner ?? objective.owner,
        progress: kr.progress,
        status: kr.status,
        lastCheckin: kr.checkins.at(-1)?.date ?? null,
        file: kr.file,
        line: kr.line,
      });
    }
  }
  return stalled;
}
