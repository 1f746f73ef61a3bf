/**
 * Ticking, unticking, starting and cancelling task items: a one-character splice inside each
 * checkbox. The box of a group is never changed as a side effect; the plan says when a group and its
 * sub-tasks disagree.
 */
import { isDescendant, type FileFacts, type TaskFact, type TaskState } from '../parse/file-facts.js';
import type { EditSide, FileEdit } from './file-edit.js';
import type { Splice } from './splice.js';
import { EditError } from './yaml-edit.js';

/** `okr done` (`[x]`), `okr reopen` (`[ ]`), `okr start` (`[/]`), `okr cancel` (`[-]`). */
export type TaskAction = 'done' | 'reopen' | 'start' | 'cancel';

/**
 * The state a task item in state `from` is in after `action`: `done`, `start` and `cancel` set their
 * state whatever it was; `reopen` opens a done or cancelled item and leaves an in-progress one (it is
 * open already).
 */
export function taskStateAfter(from: TaskState, action: TaskAction): TaskState {
  switch (action) {
    case 'done':
      return 'done';
    case 'start':
      return 'in-progress';
    case 'cancel':
      return 'cancelled';
    case 'reopen':
      return from === 'in-progress' ? 'in-progress' : 'open';
  }
}

const WRITTEN: Record<TaskState, string> = { done: 'x', open: ' ', 'in-progress': '/', cancelled: '-' };

/** What `okr done`/`okr reopen`/`okr start`/`okr cancel` should tell the user about the groups around the task. */
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
 * Plans `action` on task `index` of `facts`, parsed from `text` (see taskStateAfter): `done` writes
 * `x` into any box that is not ticked, `reopen` a space into a ticked or cancelled box, `start` a `/`,
 * `cancel` a `-`. No splices when the item is in that state already. Throws an EditError (at the box)
 * when the box is written in a way okr does not edit.
 */
export function planTaskEdit(text: string, facts: FileFacts, index: number, action: TaskAction): TaskEditPlan {
  return planTaskEdits(text, facts, [index], action).changes[0]!;
}

/** Several task items of one file changed by one action, for one write. */
export interface TaskEditsPlan {
  /** One plan per index asked for, in the order asked; a repeated index is planned once. */
  changes: TaskEditPlan[];
  /** Every change's splices, in the order of the text. */
  splices: Splice[];
}

/**
 * Plans `action` (as planTaskEdit) on each task item of `indexes` (into `facts.tasks`) of one file.
 * The notes of each change see all the others (ticking every sub-task of a group says the group is
 * complete). Throws an EditError as planTaskEdit does.
 */
export function planTaskEdits(text: string, facts: FileFacts, indexes: readonly number[], action: TaskAction): TaskEditsPlan {
  const after = new Map<number, TaskState>();
  const changes: TaskEditPlan[] = [];
  for (const index of new Set(indexes)) {
    const task = facts.tasks[index];
    if (!task) throw new Error(`no task item #${index}`);
    const at = task.checkboxOffset;
    const marker = text.charAt(at + 1);
    if (text.charAt(at) !== '[' || text.charAt(at + 2) !== ']' || MARKERS[marker] === undefined) {
      throw new EditError(`the checkbox of this task item is written in a way okr cannot edit safely: edit it by hand`, at);
    }
    const from = task.state;
    const to = taskStateAfter(from, action);
    after.set(index, to);
    changes.push({ index, from, to, splices: to === from ? [] : [{ start: at + 1, end: at + 2, insert: WRITTEN[to] }], notes: [] });
  }
  for (const change of changes) if (change.to !== change.from) change.notes = groupNotes(facts.tasks, change.index, after);
  const splices = changes.flatMap((change) => change.splices).sort((a, b) => a.start - b.start);
  return { changes, splices };
}

function groupNotes(tasks: readonly TaskFact[], index: number, after: ReadonlyMap<number, TaskState>): TaskNote[] {
  const notes: TaskNote[] = [];
  const to = after.get(index)!;
  const stateAfter = (i: number) => after.get(i) ?? tasks[i]!.state;
  const leavesOf = (group: number) => tasks.map((_, i) => i).filter((i) => !tasks[i]!.isGroup && isDescendant(tasks, i, group));
  const isOpen = (state: TaskState) => state === 'open' || state === 'in-progress';

  const task = tasks[index]!;
  if (task.isGroup) {
    const leaves = leavesOf(index);
    const openLeaves = leaves.filter((i) => isOpen(stateAfter(i)));
    if (to === 'done' && openLeaves.length > 0) notes.push({ kind: 'group-open-leaves', openLeaves });
    // A cancelled group takes its sub-tasks out of the count: that changes progress.
    else if (to !== 'done' && to !== 'cancelled') notes.push({ kind: 'group-only', leaves: leaves.length });
  }
  for (let group = task.parent; group !== null; group = tasks[group]!.parent) {
    const state = stateAfter(group);
    if (state === 'cancelled') {
      notes.push({ kind: 'under-cancelled-group', group });
      break;
    }
    const leaves = leavesOf(group);
    const allClosed = leaves.every((i) => !isOpen(stateAfter(i))) && leaves.some((i) => stateAfter(i) === 'done');
    if (!isOpen(to) && state !== 'done' && allClosed) notes.push({ kind: 'group-complete', group });
    if (isOpen(to) && state === 'done') notes.push({ kind: 'group-still-done', group });
  }
  return notes;
}

/**
 * Checks the edited file against the plan: the same task items, in the same places, with only the
 * planned one in its new state. Returns what went wrong, or null.
 */
export function verifyTaskEdit(before: FileFacts, after: FileFacts, plan: TaskEditPlan): string | null {
  return verifyTaskEdits(before, after, [plan]);
}

/**
 * verifyTaskEdit for several changes of one file: the same task items, in the same places, with
 * only the planned ones in their new states. Returns what went wrong, or null.
 */
export function verifyTaskEdits(before: FileFacts, after: FileFacts, changes: readonly TaskEditPlan[]): string | null {
  if (after.tasks.length !== before.tasks.length) return `the file would have ${after.tasks.length} task items instead of ${before.tasks.length}`;
  const planned = new Map(changes.map((change) => [change.index, change.to]));
  for (let i = 0; i < before.tasks.length; i++) {
    const a = before.tasks[i]!;
    const b = after.tasks[i]!;
    const expected = planned.get(i) ?? a.state;
    if (a.line !== b.line || a.column !== b.column || a.text !== b.text || a.parent !== b.parent || a.isGroup !== b.isGroup || b.state !== expected) {
      return `task item at line ${a.line} would change in an unplanned way`;
    }
  }
  const errors = (facts: FileFacts) => facts.problems.filter((p) => p.severity === 'error').length;
  if (errors(after) > errors(before)) return 'the edit would make the file invalid';
  return null;
}

/**
 * `action` on each task item of `indexes` (into `before.facts.tasks`) as one FileEdit: the plan of
 * planTaskEdits, checked by verifyTaskEdits. Throws an EditError as planTaskEdit does.
 */
export function tasksEdit(before: EditSide, indexes: readonly number[], action: TaskAction): TaskEditsPlan & FileEdit {
  const plan = planTaskEdits(before.text, before.facts, indexes, action);
  return { ...plan, verify: (was, now) => verifyTaskEdits(was.facts, now.facts, plan.changes) };
}

/**
 * `okr done`/`okr reopen`/`okr start`/`okr cancel` of task item `index` (into `before.facts.tasks`) as a FileEdit: the plan of
 * planTaskEdit, checked by verifyTaskEdit. Throws an EditError as planTaskEdit does.
 */
export function taskEdit(before: EditSide, index: number, action: TaskAction): TaskEditPlan & FileEdit {
  const plan = planTaskEdit(before.text, before.facts, index, action);
  return { ...plan, verify: (was, now) => verifyTaskEdit(was.facts, now.facts, plan) };
}
