/**
 * The OKR types every stage shares: what one file declares (FileFacts: its objective, key results,
 * task items and links, with their locations) and the states and measures they carry. Plain
 * serializable data; lines and columns from 1, columns in UTF-16 code units. src/parse produces
 * them, src/model links them, src/compute and src/render read them.
 */
import type { Period } from './period.js';
import type { Location, Problem } from './problem.js';

/** A task item's state: `[x]`/`[X]` done, `[ ]` open, `[/]` in progress, `[-]` cancelled. */
export type TaskState = 'done' | 'open' | 'in-progress' | 'cancelled';

export interface LinkFact extends Location {
  id: string;
}

export type Measure = { kind: 'metric'; start: number; target: number; current: number; unit: string | null } | { kind: 'milestone'; done: boolean } | { kind: 'tasks' };

export interface KeyResultFacts extends Location {
  id: string;
  title: string;
  owner: string | null;
  weight: number;
  measure: Measure;
}

export interface ObjectiveFacts extends Location {
  id: string;
  title: string;
  owner: string | null;
  period: Period;
  parent: LinkFact | null;
  keyResults: KeyResultFacts[];
}

export interface TaskFact extends Location {
  /** Offset of the checkbox's `[` in the file's text (after any BOM). */
  checkboxOffset: number;
  text: string;
  state: TaskState;
  /** Index of the enclosing task item in `tasks`, or null. */
  parent: number | null;
  isGroup: boolean;
  links: LinkFact[];
  linkedBy: 'item' | 'section' | 'file' | null;
}

export type FileRole = 'objective' | 'tasks' | 'markdown';

export interface FileFacts {
  path: string;
  role: FileRole;
  objective: ObjectiveFacts | null;
  /** Key results named by a task file's `kr:`. */
  fileLinks: LinkFact[];
  /** Objective and key-result ids this file declares but that its errors keep out of the workspace. */
  unusableIds?: string[];
  tasks: TaskFact[];
  problems: Problem[];
}
