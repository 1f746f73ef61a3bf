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

/**
 * How a key result is measured: a metric (start → target), a milestone (done or not), linked task
 * items, a guardrail (`current` held at or above `keepAbove`, or at or below `keepBelow`: exactly
 * one of the two is set), or a roll-up (the weighted mean of the key results that contribute to it).
 */
export type Measure =
  | { kind: 'metric'; start: number; target: number; current: number; unit: string | null }
  | { kind: 'milestone'; done: boolean }
  | { kind: 'tasks' }
  | { kind: 'guardrail'; keepAbove: number | null; keepBelow: number | null; current: number; unit: string | null }
  | { kind: 'rollup' };

/**
 * Where an objective's progress comes from (`progress_from:`): its key results, the objectives
 * aligned under it, or both (each aligned objective then counts as one key result of weight 1).
 */
export type ProgressFrom = 'key_results' | 'children' | 'both';

/** The owner's call in a check-in (`status:`), beside the status okr computes. */
export const CHECKIN_STATUSES = ['on-track', 'at-risk', 'off-track'] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

/**
 * One entry of a key result's `checkins:` as read: `date` as YYYY-MM-DD, `value` a number (metric)
 * or true/false (milestone), `confidence` a fraction 0..1; what the entry does not give is null.
 */
export interface CheckinFact {
  date: string;
  value: number | boolean;
  confidence: number | null;
  note: string | null;
  status: CheckinStatus | null;
}

/**
 * A key result as its objective's `key_results:` declares it. One with errors is kept with what
 * could be read: `invalid` says why it does not count (the first error's message), `measure` is
 * null when it cannot be told, and `id`/`title` are null when they are missing or not text (an id
 * that is text but not a valid id is kept as written, so reports can name it).
 */
export interface KeyResultFacts extends Location {
  id: string | null;
  title: string | null;
  owner: string | null;
  /** The declared weight, or 1 (the default, also when the declared one cannot be read). */
  weight: number;
  measure: Measure | null;
  /** Position in `key_results:`, from 0: names a key result without an id. */
  index: number;
  /** Why the key result is not counted, or null when it is valid. */
  invalid: string | null;
  /** Its valid `checkins:` entries in date order (stable for equal dates); invalid ones are left out (the schema reports them). */
  checkins: CheckinFact[];
  /** The `score:` the file gives (0..1: set by hand, or frozen by `okr close`), or null. */
  score: number | null;
  /**
   * The `progress_at_close:` the file gives (0..1, two decimals), or null: the progress `okr close`
   * froze beside a score set by hand, so that later edits can be told from the owner's judgement.
   */
  progressAtClose: number | null;
  /** The key result it counts toward (`contributes_to:`), where that is written, or null. */
  contributesTo: LinkFact | null;
}

/**
 * An objective as its front-matter declares it, kept with what could be read when it has errors
 * (`invalid` says why it does not count; `id`/`title`/`period` null when they cannot be read).
 */
export interface ObjectiveFacts extends Location {
  id: string | null;
  title: string | null;
  owner: string | null;
  period: Period | null;
  parent: LinkFact | null;
  /** The declared `progress_from`, or null when the file does not say. */
  progressFrom: ProgressFrom | null;
  /** The declared `cadence:` in days (weekly 7, biweekly 14, monthly 30, or a number), or null when the file does not say. */
  cadenceDays: number | null;
  keyResults: KeyResultFacts[];
  /** Why the objective itself is not counted, or null when it is valid (its key results say for themselves). */
  invalid: string | null;
  /** `commitment:`, `committed` when the file does not say (or says something else: the schema reports it). */
  commitment: Commitment;
  /** `closed:` (YYYY-MM-DD), the date `okr close` closed the period, or null while it is open. */
  closed: string | null;
  /** The objective's `score:` (0..1) as `okr close` froze it, or null. */
  score: number | null;
  /** `close_note:`, what was learned, or null. */
  closeNote: string | null;
}

/** Committed objectives are expected to reach 1.0; aspirational ones are a success at 0.7. */
export type Commitment = 'committed' | 'aspirational';

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
  /**
   * Links of headings and list items (`<!-- kr: id -->`) that no task item carries: checked all
   * the same, so an unknown id is reported even where no task sits under it.
   */
  idleLinks: LinkFact[];
  tasks: TaskFact[];
  problems: Problem[];
}
