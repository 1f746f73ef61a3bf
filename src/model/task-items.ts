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
