/**
 * A file's task items as the model reads them: over TaskFact objects, or straight over an encoding
 * of them (see src/io/facts-codec.ts), so that a large cached workspace is linked without making
 * an object per task item first.
 */
import type { LinkFact, TaskFact, TaskState } from './types.js';

export interface TaskItems {
  readonly count: number;
  line(index: number): number;
  column(index: number): number;
  checkboxOffset(index: number): number;
  text(index: number): string;
  state(index: number): TaskState;
  /** Index of the enclosing task item, or null. */
  parent(index: number): number | null;
  isGroup(index: number): boolean;
  links(index: number): readonly LinkFact[];
  linkedBy(index: number): TaskFact['linkedBy'];
}

class TaskFactItems implements TaskItems {
  readonly count: number;
  constructor(private readonly tasks: readonly TaskFact[]) {
    this.count = tasks.length;
  }
  line(index: number): number {
    return this.tasks[index]!.line;
  }
  column(index: number): number {
    return this.tasks[index]!.column;
  }
  checkboxOffset(index: number): number {
    return this.tasks[index]!.checkboxOffset;
  }
  text(index: number): string {
    return this.tasks[index]!.text;
  }
  state(index: number): TaskState {
    return this.tasks[index]!.state;
  }
  parent(index: number): number | null {
    return this.tasks[index]!.parent;
  }
  isGroup(index: number): boolean {
    return this.tasks[index]!.isGroup;
  }
  links(index: number): readonly LinkFact[] {
    return this.tasks[index]!.links;
  }
  linkedBy(index: number): TaskFact['linkedBy'] {
    return this.tasks[index]!.linkedBy;
  }
}

/** The TaskItems view of task facts already in memory (not copied). */
export function taskItemsOf(tasks: readonly TaskFact[]): TaskItems {
  return new TaskFactItems(tasks);
}

/** The task items as TaskFact objects (a new array; `parent` as an index into it, or null). */
export function taskFactsOf(items: TaskItems): TaskFact[] {
  const tasks = new Array<TaskFact>(items.count);
  for (let i = 0; i < items.count; i++) {
    tasks[i] = {
      line: items.line(i),
      column: items.column(i),
      checkboxOffset: items.checkboxOffset(i),
      text: items.text(i),
      state: items.state(i),
      parent: items.parent(i),
      isGroup: items.isGroup(i),
      links: items.links(i) as LinkFact[],
      linkedBy: items.linkedBy(i),
    };
  }
  return tasks;
}

/** How many leaf task items there are in each state (`total` leaves the cancelled ones out). */
export interface TaskCounts {
  done: number;
  open: number;
  inProgress: number;
  cancelled: number;
  /** done + open + inProgress. */
  total: number;
}

/** No task items. */
export function noTaskCounts(): TaskCounts {
  return { done: 0, open: 0, inProgress: 0, cancelled: 0, total: 0 };
}

/**
 * The leaf task items of a file that carry one list of links, counted by their effective state
 * (see effectiveState): what a key result needs of a file's task items when only its numbers are
 * reported. A list whose task items are all groups is still listed (with zero counts), so that its
 * links are checked as they would be with the items.
 */
export interface TaskLinkCounts {
  links: readonly LinkFact[];
  done: number;
  open: number;
  inProgress: number;
  cancelled: number;
}

/**
 * A file's task items summed up by their links, one entry per run of task items that share a list
 * of links (the same list object, as the parser and the cache give them, or an equal one), in order.
 * Linking these gives every key result the same counts, and the same problems, as linking the items.
 */
export function countTaskLinks(items: TaskItems): TaskLinkCounts[] {
  const runs: TaskLinkCounts[] = [];
  let current: TaskLinkCounts | null = null;
  for (let index = 0; index < items.count; index++) {
    const links = items.links(index);
    if (current === null || (links !== current.links && !sameLinks(links, current.links))) {
      current = { links, done: 0, open: 0, inProgress: 0, cancelled: 0 };
      runs.push(current);
    }
    if (!items.isGroup(index)) countState(current, effectiveState(items, index));
  }
  return runs;
}

/** Adds one task item in `state` to `counts` (and to its `total` when it has one and the item is not cancelled). */
export function countState(counts: Omit<TaskCounts, 'total'> & { total?: number }, state: TaskState): void {
  if (state === 'done') counts.done++;
  else if (state === 'open') counts.open++;
  else if (state === 'in-progress') counts.inProgress++;
  else counts.cancelled++;
  if (counts.total !== undefined && state !== 'cancelled') counts.total++;
}

/** A task item's state, or `cancelled` when a group it belongs to is cancelled (a cancelled group cancels everything under it). */
export function effectiveState(items: TaskItems, index: number): TaskState {
  for (let current: number | null = index; current !== null; current = items.parent(current)) {
    if (items.state(current) === 'cancelled') return 'cancelled';
  }
  return items.state(index);
}

/** Whether two lists of links name the same ids at the same places, in the same order. */
export function sameLinks(a: readonly LinkFact[], b: readonly LinkFact[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.id !== b[i]!.id || a[i]!.line !== b[i]!.line || a[i]!.column !== b[i]!.column) return false;
  }
  return true;
}
