/**
 * What changed in the OKRs between two versions of a workspace: objectives and key results added,
 * removed or edited, progress and status that moved, tasks completed, reopened, added or removed,
 * files renamed, problems introduced or fixed. Pure: both sides are models, `today` is given.
 */
import type { Thresholds } from './health.js';
import { pushAll } from '../model/arrays.js';
import { checkinChanges, type CheckinChange } from './checkin-diff.js';
import { linkedTasksOf, type LinkedTask, type WorkspaceModel } from '../model/link.js';
import type { Measure, TaskState } from '../model/types.js';
import { compareStrings, type Problem } from '../model/problem.js';
import type { TaskCounts } from './progress.js';
import { buildStatusReport, type KeyResultReport, type ObjectiveReport, type ReportStatus } from './report.js';

export interface WorkspaceSnapshot {
  model: WorkspaceModel;
  thresholds: Thresholds;
}

export interface ObjectiveSummary {
  id: string | null;
  title: string | null;
  owner: string | null;
  /** The period's label, or null when it cannot be read. */
  period: string | null;
  parent: string | null;
  file: string;
  line: number;
  progress: number | null;
  status: ReportStatus;
  invalid: string | null;
}

export interface KeyResultSummary {
  id: string | null;
  title: string | null;
  objectiveId: string | null;
  owner: string | null;
  file: string;
  line: number;
  measure: Measure | null;
  tasks: TaskCounts | null;
  progress: number | null;
  status: ReportStatus;
  invalid: string | null;
}

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export interface EntityChange {
  id: string | null;
  title: string | null;
  file: string;
  line: number;
  changes: FieldChange[];
}

export interface ProgressPoint {
  /** Fraction 0..1, or null when unknown (the item is invalid on that side). */
  progress: number | null;
  status: ReportStatus;
}

export interface ProgressChange {
  kind: 'objective' | 'key-result';
  id: string | null;
  title: string | null;
  /** For a key result, its objective (on the head side). */
  objectiveId: string | null;
  file: string;
  line: number;
  before: ProgressPoint;
  after: ProgressPoint;
  /** after - before, as a fraction; null when either side is unknown. */
  delta: number | null;
  /** `became-invalid` / `became-valid` when the item's validity changed; then `reason` says why it is (or was) invalid. */
  validity: 'became-invalid' | 'became-valid' | null;
  reason: string | null;
  /** For a key result: what its progress is measured from, on each side. */
  measure: { before: Measure | null; after: Measure | null } | null;
  tasks: { before: TaskCounts | null; after: TaskCounts | null } | null;
}

export type TaskChangeKind = 'completed' | 'reopened' | 'started' | 'paused' | 'cancelled' | 'restored' | 'added' | 'removed';

export interface TaskChange {
  change: TaskChangeKind;
  text: string;
  /** Where the task is on the head side (on the base side for a removed one). */
  file: string;
  line: number;
  /** Where it was on the base side, when it moved. */
  from: { file: string; line: number } | null;
  before: TaskState | null;
  after: TaskState | null;
  keyResults: string[];
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export interface WorkspaceDiff {
  today: string;
  renamedFiles: { from: string; to: string }[];
  objectives: { added: ObjectiveSummary[]; removed: ObjectiveSummary[]; changed: EntityChange[] };
  keyResults: { added: KeyResultSummary[]; removed: KeyResultSummary[]; changed: EntityChange[] };
  progress: ProgressChange[];
  tasks: TaskChange[];
  /** Check-ins recorded between the two sides: per key result in the head's tree order, each in date order. */
  checkins: CheckinChange[];
  problems: { before: ProblemCounts; after: ProblemCounts; introduced: Problem[]; fixed: Problem[] };
}

/** Progress moves smaller than this are float noise, not changes. */
const EPSILON = 1e-9;

/**
 * What changed from `base` to `head` (`okr diff`): objectives and key results added, removed or
 * changed, progress moves (fractions 0..1; moves under 1e-9 are float noise and left out), items
 * that became invalid or valid again (an item still declared is never "removed"), task items by
 * state (matched by file and text, then by text alone), renamed files, and problems introduced and
 * fixed, check-ins recorded (checkin-diff.ts). Objectives and key results are matched by id in the same file first, then by id wherever
 * they live, then (for those without a readable id) by file and position. Both sides are reported
 * over all periods, with each side's thresholds; `options.today` is an ISO date (YYYY-MM-DD).
 * Pure: never throws for any pair of models.
 */
export function diffWorkspaces(base: WorkspaceSnapshot, head: WorkspaceSnapshot, options: { today: string }): WorkspaceDiff {
  const reportOf = (side: WorkspaceSnapshot) => buildStatusReport(side.model, { today: options.today, period: { kind: 'all' }, owner: null, thresholds: side.thresholds });
  const before = reportOf(base);
  const after = reportOf(head);

  const renamedFiles = detectRenames(base.model, head.model);
  const renamed = new Map(renamedFiles.map(({ from, to }) => [from, to]));
  const headPath = (file: string) => renamed.get(file) ?? file;

  const diff: WorkspaceDiff = {
    today: options.today,
    renamedFiles,
    objectives: { added: [], removed: [], changed: [] },
    keyResults: { added: [], removed: [], changed: [] },
    progress: [],
    tasks: diffTasks(base.model, head.model, headPath),
    checkins: [],
    problems: diffProblems(base.model.problems, head.model.problems, headPath),
  };

  const objectivePairs = matchItems(
    before.objectives,
    after.objectives,
    (o) => objectiveKeys(o, headPath(o.file)),
    (o) => objectiveKeys(o, o.file),
  );
  const objectiveOf = new Map<KeyResultReport, ObjectiveReport>();
  for (const side of [before, after]) for (const objective of side.objectives) for (const kr of objective.keyResults) objectiveOf.set(kr, objective);
  const beforeKrs = before.objectives.flatMap((o) => o.keyResults);
  const afterKrs = after.objectives.flatMap((o) => o.keyResults);
  const krPairs = matchItems(
    beforeKrs,
    afterKrs,
    (kr) => keyResultKeys(kr, headPath(kr.file), objectiveOf.get(kr)!),
    (kr) => keyResultKeys(kr, kr.file, objectiveOf.get(kr)!),
  );

  const oldObjective = new Map(objectivePairs.pairs.map(([old, current]) => [current, old]));
  const oldKr = new Map(krPairs.pairs.map(([old, current]) => [current, old]));
  for (const objective of after.objectives) {
    const old = oldObjective.get(objective);
    if (!old) {
      diff.objectives.added.push(objectiveSummary(objective));
    } else {
      const changes = compareFields([
        ['id', old.id, objective.id],
        ['title', old.title, objective.title],
        ['owner', old.owner, objective.owner],
        // A period that cannot be read is not "removed": the item became invalid, which the progress says.
        ['period', old.period?.label ?? null, objective.period === null || old.period === null ? (old.period?.label ?? null) : objective.period.label],
        ['parent', old.parent, objective.parent],
        ['commitment', old.commitment, objective.commitment],
        ['closed', old.closed, objective.closed],
        // A score is a change of its own once frozen (okr close); before, it follows the progress.
        ['score', old.closed === null ? null : old.score, objective.closed === null ? null : objective.score],
        ['file', headPath(old.file), objective.file],
      ]);
      if (changes.length > 0) diff.objectives.changed.push(entityChange(objective, changes));
      pushProgress(diff.progress, 'objective', objective, null, old, objective, null);
    }
    for (const kr of objective.keyResults) {
      const previous = oldKr.get(kr);
      pushAll(diff.checkins, checkinChanges(kr, objective.id, previous?.checkins ?? []));
      if (previous) diffKeyResult(diff, previous, objectiveOf.get(previous)!, kr, objective, headPath);
      else diff.keyResults.added.push(keyResultSummary(kr, objective));
    }
  }
  for (const objective of objectivePairs.unmatchedBefore) diff.objectives.removed.push(objectiveSummary(objective));
  for (const kr of krPairs.unmatchedBefore) diff.keyResults.removed.push(keyResultSummary(kr, objectiveOf.get(kr)!));
  return diff;
}

/** Keys to match an objective by, best first: id in its file, id anywhere, (no id) its file. */
function objectiveKeys(objective: ObjectiveReport, file: string): (string | null)[] {
  return objective.id === null ? [null, null, `${file}`] : [`${objective.id}\0${file}`, objective.id, null];
}

/** Keys to match a key result by, best first: id in its file, id anywhere, (no id) its objective and position. */
function keyResultKeys(kr: KeyResultReport, file: string, objective: ObjectiveReport): (string | null)[] {
  return kr.id === null ? [null, null, `${file}\0${objective.id ?? ''}\0${kr.index}`] : [`${kr.id}\0${file}`, kr.id, null];
}

/** How many keys objectiveKeys and keyResultKeys give. */
const MATCH_PASSES = 3;

/** Pairs items of two lists by their keys, pass by pass (each key position a pass); each item pairs at most once. */
function matchItems<T>(
  before: readonly T[],
  after: readonly T[],
  keysBefore: (item: T) => (string | null)[],
  keysAfter: (item: T) => (string | null)[],
): { pairs: [T, T][]; unmatchedBefore: T[] } {
  const pairs: [T, T][] = [];
  const leftBefore = new Set(before);
  const leftAfter = new Set(after);
  for (let pass = 0; pass < MATCH_PASSES; pass++) {
    const waiting = new Map<string, T[]>();
    for (const item of leftAfter) {
      const key = keysAfter(item)[pass];
      if (key === null || key === undefined) continue;
      const list = waiting.get(key);
      if (list) list.push(item);
      else waiting.set(key, [item]);
    }
    for (const item of [...leftBefore]) {
      const key = keysBefore(item)[pass];
      if (key === null || key === undefined) continue;
      const partner = waiting.get(key)?.shift();
      if (partner === undefined) continue;
      pairs.push([item, partner]);
      leftBefore.delete(item);
      leftAfter.delete(partner);
    }
  }
  return { pairs, unmatchedBefore: [...leftBefore] };
}

function diffKeyResult(
  diff: WorkspaceDiff,
  old: KeyResultReport,
  oldObjective: ObjectiveReport,
  kr: KeyResultReport,
  objective: ObjectiveReport,
  headPath: (file: string) => string,
): void {
  // A measure that cannot be read on one side did not change: the key result became (or was) invalid, which the progress says.
  const measured = old.measure !== null && kr.measure !== null;
  const changes = compareFields([
    ['id', old.id, kr.id],
    ['title', old.title, kr.title],
    ['objective', oldObjective.id, objective.id],
    ['owner', old.owner, kr.owner],
    ['weight', old.weight, kr.weight],
    // A computed score follows the progress; a frozen or hand-set one is a value of its own.
    ['score', old.scoreSource === 'computed' ? null : old.score, kr.scoreSource === 'computed' ? null : kr.score],
    ...(measured
      ? ([
          ['measure', old.measure?.kind ?? null, kr.measure?.kind ?? null],
          ['start', metricField(old.measure, 'start'), metricField(kr.measure, 'start')],
          ['target', metricField(old.measure, 'target'), metricField(kr.measure, 'target')],
          ['unit', metricField(old.measure, 'unit'), metricField(kr.measure, 'unit')],
          ['keepAbove', guardrailField(old.measure, 'keepAbove'), guardrailField(kr.measure, 'keepAbove')],
          ['keepBelow', guardrailField(old.measure, 'keepBelow'), guardrailField(kr.measure, 'keepBelow')],
        ] as [string, FieldValue, FieldValue][])
      : []),
    ['file', headPath(old.file), kr.file],
  ]);
  if (changes.length > 0) diff.keyResults.changed.push(entityChange(kr, changes));
  pushProgress(diff.progress, 'key-result', kr, objective.id, old, kr, { before: old, after: kr });
}

function pushProgress(
  list: ProgressChange[],
  kind: ProgressChange['kind'],
  entity: { id: string | null; title: string | null; file: string; line: number; invalid: string | null },
  objectiveId: string | null,
  old: ProgressPoint & { invalid: string | null },
  current: ProgressPoint,
  keyResults: { before: KeyResultReport; after: KeyResultReport } | null,
): void {
  const delta = old.progress === null || current.progress === null ? null : current.progress - old.progress;
  const moved = delta === null ? old.progress !== current.progress : Math.abs(delta) >= EPSILON;
  const measureChanged = keyResults !== null && JSON.stringify(keyResults.before.measure) !== JSON.stringify(keyResults.after.measure);
  const tasksChanged = keyResults !== null && JSON.stringify(keyResults.before.tasks) !== JSON.stringify(keyResults.after.tasks);
  const wasInvalid = old.status === 'invalid';
  const isInvalid = current.status === 'invalid';
  if (!moved && old.status === current.status && !measureChanged && !tasksChanged) return;
  list.push({
    kind,
    id: entity.id,
    title: entity.title,
    objectiveId,
    file: entity.file,
    line: entity.line,
    before: { progress: old.progress, status: old.status },
    after: { progress: current.progress, status: current.status },
    delta: delta === null ? null : Math.abs(delta) < EPSILON ? 0 : delta,
    validity: wasInvalid === isInvalid ? null : isInvalid ? 'became-invalid' : 'became-valid',
    reason: isInvalid ? entity.invalid : wasInvalid ? old.invalid : null,
    measure: keyResults ? { before: keyResults.before.measure, after: keyResults.after.measure } : null,
    tasks: keyResults ? { before: keyResults.before.tasks, after: keyResults.after.tasks } : null,
  });
}

function metricField(measure: Measure | null, field: 'start' | 'target' | 'unit'): FieldValue {
  if (field === 'unit' && measure?.kind === 'guardrail') return measure.unit;
  return measure?.kind === 'metric' ? measure[field] : null;
}

function guardrailField(measure: Measure | null, field: 'keepAbove' | 'keepBelow'): FieldValue {
  return measure?.kind === 'guardrail' ? measure[field] : null;
}

function compareFields(fields: readonly [string, FieldValue, FieldValue][]): FieldChange[] {
  return fields.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
}

function entityChange(entity: { id: string | null; title: string | null; file: string; line: number }, changes: FieldChange[]): EntityChange {
  return { id: entity.id, title: entity.title, file: entity.file, line: entity.line, changes };
}

function objectiveSummary(o: ObjectiveReport): ObjectiveSummary {
  return {
    id: o.id,
    title: o.title,
    owner: o.owner,
    period: o.period?.label ?? null,
    parent: o.parent,
    file: o.file,
    line: o.line,
    progress: o.progress,
    status: o.status,
    invalid: o.invalid,
  };
}

function keyResultSummary(kr: KeyResultReport, objective: ObjectiveReport): KeyResultSummary {
  return {
    id: kr.id,
    title: kr.title,
    objectiveId: objective.id,
    owner: kr.owner,
    file: kr.file,
    line: kr.line,
    measure: kr.measure,
    tasks: kr.tasks,
    progress: kr.progress,
    status: kr.status,
    invalid: kr.invalid,
  };
}

// ---- files -------------------------------------------------------------------------------------

/** The files that contribute to the OKRs: those with an objective or a counted task. */
function contributingFiles(model: WorkspaceModel): Set<string> {
  const files = new Set<string>();
  for (const objective of model.objectives) files.add(objective.file);
  for (const task of uniqueTasks(model)) files.add(task.file);
  return files;
}

/** What each of `only` contributes to the OKRs: its objectives and its counted tasks. */
function fileContents(model: WorkspaceModel, only: ReadonlySet<string>): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  const add = (file: string, key: string) => {
    if (!only.has(file)) return;
    const set = files.get(file);
    if (set) set.add(key);
    else files.set(file, new Set([key]));
  };
  for (const objective of model.objectives) add(objective.file, `objective\0${objective.id ?? ''}`);
  for (const task of uniqueTasks(model)) add(task.file, `task\0${task.text}`);
  return files;
}

/**
 * A file that is gone and a new file that holds at least half of what it held (the same objective,
 * or the same tasks) is taken as renamed. Best matches first; each file pairs at most once.
 * Only the contents of gone and new files are gathered: most diffs have none of one or the other.
 */
export function detectRenames(base: WorkspaceModel, head: WorkspaceModel): { from: string; to: string }[] {
  const beforeFiles = contributingFiles(base);
  const afterFiles = contributingFiles(head);
  const gone = [...beforeFiles].filter((file) => !afterFiles.has(file));
  const added = [...afterFiles].filter((file) => !beforeFiles.has(file));
  if (gone.length === 0 || added.length === 0) return [];
  const before = fileContents(base, new Set(gone));
  const after = fileContents(head, new Set(added));
  const candidates: { from: string; to: string; score: number }[] = [];
  for (const from of gone) {
    const a = before.get(from)!;
    for (const to of added) {
      const b = after.get(to)!;
      let shared = 0;
      for (const key of a) if (b.has(key)) shared++;
      const score = shared / Math.max(a.size, b.size);
      if (score >= 0.5) candidates.push({ from, to, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || compareStrings(x.from, y.from) || compareStrings(x.to, y.to));
  const used = new Set<string>();
  const renames: { from: string; to: string }[] = [];
  for (const { from, to } of candidates) {
    if (used.has(`from\0${from}`) || used.has(`to\0${to}`)) continue;
    used.add(`from\0${from}`);
    used.add(`to\0${to}`);
    renames.push({ from, to });
  }
  return renames.sort((x, y) => compareStrings(x.to, y.to));
}

// ---- tasks -------------------------------------------------------------------------------------

interface TaskOccurrence extends LinkedTask {
  keyResults: string[];
}

/** uniqueTasks of each model met, computed once: renames and task changes both need them. */
const uniqueTasksOf = new WeakMap<WorkspaceModel, readonly TaskOccurrence[]>();

/**
 * Each counted task once (a task can count toward several key results), in file and line order.
 * Computed once per model: the occurrences are shared, read them only.
 */
function uniqueTasks(model: WorkspaceModel): readonly TaskOccurrence[] {
  let known = uniqueTasksOf.get(model);
  if (known === undefined) uniqueTasksOf.set(model, (known = collectUniqueTasks(model)));
  return known;
}

function collectUniqueTasks(model: WorkspaceModel): TaskOccurrence[] {
  // Grouped by file, so that the sort compares paths once per file and lines within one.
  const byFile = new Map<string, Map<string, TaskOccurrence>>();
  for (const kr of model.keyResultsById.values()) {
    if (kr.id === null) continue;
    for (const task of linkedTasksOf(kr)) {
      let places = byFile.get(task.file);
      if (places === undefined) byFile.set(task.file, (places = new Map<string, TaskOccurrence>()));
      const key = `${task.line}:${task.column}`;
      const existing = places.get(key);
      if (existing) existing.keyResults.push(kr.id);
      else places.set(key, { file: task.file, line: task.line, column: task.column, text: task.text, state: task.state, keyResults: [kr.id] });
    }
  }
  const tasks: TaskOccurrence[] = [];
  for (const file of [...byFile.keys()].sort(compareStrings)) {
    const inFile = [...byFile.get(file)!.values()].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const task of inFile) {
      if (task.keyResults.length > 1) task.keyResults.sort(compareStrings);
      tasks.push(task);
    }
  }
  return tasks;
}

/** Tasks are matched by text: first within the same file (after renames), then across files (moved). */
function diffTasks(base: WorkspaceModel, head: WorkspaceModel, headPath: (file: string) => string): TaskChange[] {
  const before = uniqueTasks(base);
  const after = uniqueTasks(head);
  const pairs: [TaskOccurrence, TaskOccurrence][] = [];
  const unmatchedBefore = new Set(before);
  const unmatchedAfter = new Set(after);
  const match = (keyOfBefore: (t: TaskOccurrence) => string, keyOfAfter: (t: TaskOccurrence) => string) => {
    const waiting = new Map<string, TaskOccurrence[]>();
    for (const task of unmatchedAfter) {
      const key = keyOfAfter(task);
      const list = waiting.get(key);
      if (list) list.push(task);
      else waiting.set(key, [task]);
    }
    for (const task of [...unmatchedBefore]) {
      const partner = waiting.get(keyOfBefore(task))?.shift();
      if (!partner) continue;
      pairs.push([task, partner]);
      unmatchedBefore.delete(task);
      unmatchedAfter.delete(partner);
    }
  };
  // First within a file: by file, then by text (no key strings made for every task).
  const waitingInFile = new Map<string, Map<string, TaskOccurrence[]>>();
  for (const task of after) {
    let byText = waitingInFile.get(task.file);
    if (byText === undefined) waitingInFile.set(task.file, (byText = new Map<string, TaskOccurrence[]>()));
    const list = byText.get(task.text);
    if (list) list.push(task);
    else byText.set(task.text, [task]);
  }
  for (const task of before) {
    const partner = waitingInFile.get(headPath(task.file))?.get(task.text)?.shift();
    if (!partner) continue;
    pairs.push([task, partner]);
    unmatchedBefore.delete(task);
    unmatchedAfter.delete(partner);
  }
  match(
    (t) => t.text,
    (t) => t.text,
  );

  const changes: TaskChange[] = [];
  for (const [old, task] of pairs) {
    const kind = stateChange(old.state, task.state);
    if (kind === null) continue;
    const moved = headPath(old.file) !== task.file;
    changes.push({
      change: kind,
      text: task.text,
      file: task.file,
      line: task.line,
      from: moved ? { file: old.file, line: old.line } : null,
      before: old.state,
      after: task.state,
      keyResults: task.keyResults,
    });
  }
  for (const task of unmatchedAfter) {
    changes.push({ change: 'added', text: task.text, file: task.file, line: task.line, from: null, before: null, after: task.state, keyResults: task.keyResults });
  }
  for (const task of unmatchedBefore) {
    changes.push({ change: 'removed', text: task.text, file: task.file, line: task.line, from: null, before: task.state, after: null, keyResults: task.keyResults });
  }
  const order: TaskChangeKind[] = ['completed', 'reopened', 'started', 'paused', 'cancelled', 'restored', 'added', 'removed'];
  return changes.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change) || compareStrings(a.file, b.file) || a.line - b.line);
}

function stateChange(before: TaskState, after: TaskState): TaskChangeKind | null {
  if (before === after) return null;
  if (after === 'done') return 'completed';
  if (after === 'cancelled') return 'cancelled';
  if (before === 'done') return 'reopened';
  if (before === 'cancelled') return 'restored';
  return after === 'in-progress' ? 'started' : 'paused';
}

// ---- problems ----------------------------------------------------------------------------------

/** Problems compared without their line (edits above them move them): same file, rule and message. */
function diffProblems(before: readonly Problem[], after: readonly Problem[], headPath: (file: string) => string): WorkspaceDiff['problems'] {
  const key = (p: Problem, file: string) => `${file}\0${p.rule}\0${p.severity}\0${p.message}`;
  const remaining = new Map<string, Problem[]>();
  for (const p of before) {
    const k = key(p, headPath(p.file));
    const list = remaining.get(k);
    if (list) list.push(p);
    else remaining.set(k, [p]);
  }
  const introduced: Problem[] = [];
  for (const p of after) {
    const list = remaining.get(key(p, p.file));
    if (list && list.length > 0) list.shift();
    else introduced.push(p);
  }
  const fixed = [...remaining.values()].flat();
  const sort = (list: Problem[]) => list.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule));
  return { before: countProblems(before), after: countProblems(after), introduced: sort(introduced), fixed: sort(fixed) };
}

function countProblems(problems: readonly Problem[]): ProblemCounts {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** True when nothing the diff reports changed. */
export function isEmptyDiff(diff: WorkspaceDiff): boolean {
  return (
    diff.renamedFiles.length === 0 &&
    diff.objectives.added.length + diff.objectives.removed.length + diff.objectives.changed.length === 0 &&
    diff.keyResults.added.length + diff.keyResults.removed.length + diff.keyResults.changed.length === 0 &&
    diff.progress.length === 0 &&
    diff.tasks.length === 0 &&
    diff.checkins.length === 0 &&
    diff.problems.introduced.length + diff.problems.fixed.length === 0
  );
}
