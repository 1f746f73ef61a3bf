export interface PathologicalCase {
  name: string;
  description: string;
  text(): string;
  /** The file is reported as `file-too-complex` at this line. */
  tooComplex?: { line: number };
  /** The file's task items are read: this many. */
  tasks?: number;
}
export const PATHOLOGICAL_CASES: readonly PathologicalCase[];
/** A task list of `length` characters or a little less, and its number of task items. */
export function taskList(length: number): { text: string; tasks: number };
