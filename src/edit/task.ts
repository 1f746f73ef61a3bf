/**
 * Ticking and unticking one task item: a one-character splice inside its checkbox. The box of a
 * group is never changed as a side effect; the plan says when a group and its sub-tasks disagree.
 */
import { isDescendant, type FileFacts, type TaskFact, type TaskState } from '../parse/file-facts.js';
import type { EditSide, FileEdit } from './file-edit.js';
import type { Splice } from './splice.js';
import { EditError } from './yaml-edit.js';

export type TaskAction = 'done' | 'reopen';

/** What `okr done`/`okr reopen` should tell the user about the groups around the task. */
export type TaskNote =
  | { kind: 'group-complete'; group: number }
  | { kind: 'group-still-done'; group: number }
  | { kind: 'group-open-leaves'; openLeaves: number[] }
  | { kind: 'group-only'; leaves: number }
  | { kind: 'under-cancelled-group'; group: number };

export interface TaskEditPlan {
  index: number;
  from: TaskState;
  /** The state after the edit; equal to `from` when there is nothing to change. */
  to: TaskState;
  splices: Splice[];
  notes: TaskNote[];
}

/** Indexes of the task items that start on a 1-based line. */
export function tasksOnLine(facts: FileFacts, line: number): number[] {
  const found: number[] = [];
  facts.tasks.forEach((task, index) => {
    if (task.line === line) found.push(index);
  });
  return found;
}

/** The task items nearest to a line, before and after it, for a "did you mean" hint. */
export function nearestTaskLines(facts: FileFacts, line: number): number[] {
  const before = facts.tasks.filter((task) => task.line < line).map((task) => task.line);
  const after = facts.tasks.filter((task) => task.line > line).map((task) => task.line);
  const lines = [before[before.length - 1], after[0]].filter((value): value is number => value !== undefined);
  return [...new Set(lines)];
}

const MARKERS: Record<string, TaskState> = { ' ': 'open', '\t': 'open', x: 'done', X: 'done', '/': 'in-progress', '-': 'cancelled' };

/**
 * Plans ticking (`done`) or unticking (`reopen`) task `index` of `facts`, parsed from `text`.
 * `done` writes `x` into any box that is not ticked (`[ ]`, `[/]`, `[-]`); `reopen` writes a space
 * into a ticked or cancelled box. An in-progress box is already open.
 */
export function planTaskEdit(text: string, facts: FileFacts, index: number, action: TaskAction): TaskEditPlan {
  const task = facts.tasks[index];
  if (!task) throw new Error(`no task item #${index}`);
  const at = task.checkboxOffset;
  const marker = text.charAt(at + 1);
  if (text.charAt(at) !== '[' || text.charAt(at + 2) !== ']' || MARKERS[marker] === undefined) {
    throw new EditError(`the checkbox of this task item is written in a way okr cannot edit safely: edit it by hand`, at);
  }
  const from = task.state;
  const to: TaskState = action === 'done' ? 'done' : from === 'in-progress' ? 'in-progress' : 'open';
  if (to === from) return { index, from, to, splices: [], notes: [] };
  const splices = [{ start: at + 1, end: at + 2, insert: action === 'done' ? 'x' : ' ' }];
  return { index, from, to, splices, notes: groupNotes(facts.tasks, index, to) };
}

function groupNotes(tasks: readonly TaskFact[], index: number, to: TaskState): TaskNote[] {
  const notes: TaskNote[] = [];
  const stateAfter = (i: number) => (i === index ? to : tasks[i]!.state);
  const leavesOf = (group: number) => tasks.map((_, i) => i).filter((i) => !tasks[i]!.isGroup && isDescendant(tasks, i, group));
  const isOpen = (state: TaskState) => state === 'open' || state === 'in-progress';

  const task = tasks[index]!;
  if (task.isGroup) {
    const leaves = leavesOf(index);
    const openLeaves = leaves.filter((i) => isOpen(stateAfter(i)));
    if (to === 'done' && openLeaves.length > 0) notes.push({ kind: 'group-open-leaves', openLeaves });
    else if (to !== 'done') notes.push({ kind: 'group-only', leaves: leaves.length });
  }
  for (let group = task.parent; group !== null; group = tasks[group]!.parent) {
    const state = tasks[group]!.state;
    if (state === 'cancelled') {
      notes.push({ kind: 'under-cancelled-group', group });
      break;
    }
    const leaves = leavesOf(group);
    const allClosed = leaves.every((i) => !isOpen(stateAfter(i))) && leaves.some((i) => stateAfter(i) === 'done');
    if (to === 'done' && state !== 'done' && allClosed) notes.push({ kind: 'group-complete', group });
    if (isOpen(to) && state === 'done') notes.push({ kind: 'group-still-done', group });
  }
  return notes;
}

/**
 * Checks the edited file against the plan: the same task items, in the same places, with only the
 * planned one in its new state. Returns what went wrong, or null.
 */
export function verifyTaskEdit(before: FileFacts, after: FileFacts, plan: TaskEditPlan): string | null {
  if (after.tasks.length !== before.tasks.length) return `the file would have ${after.tasks.length} task items instead of ${before.tasks.length}`;
  for (let i = 0; i < before.tasks.length; i++) {
    const a = before.tasks[i]!;
    const b = after.tasks[i]!;
    const expected = i === plan.index ? plan.to : a.state;
    if (a.line !== b.line || a.column !== b.column || a.text !== b.text || a.parent !== b.parent || a.isGroup !== b.isGroup || b.state !== expected) {
      return `task item at line ${a.line} would change in an unplanned way`;
    }
  }
  const errors = (facts: FileFacts) => facts.problems.filter((p) => p.severity === 'error').length;
  if (errors(after) > errors(before)) return 'the edit would make the file invalid';
  return null;
}

/**
 * `okr done`/`okr reopen` of task item `index` (into `before.facts.tasks`) as a FileEdit: the plan of
 * planTaskEdit, checked by verifyTaskEdit. Throws an EditError as planTaskEdit does.
 */
export function taskEdit(before: EditSide, index: number, action: TaskAction): TaskEditPlan & FileEdit {
  const plan = planTaskEdit(before.text, before.facts, index, action);
  return { ...plan, verify: (was, now) => verifyTaskEdit(was.facts, now.facts, plan) };
}
