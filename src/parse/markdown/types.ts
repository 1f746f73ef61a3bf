/**
 * The shapes the Markdown reader returns, apart from its code so that every module of
 * src/parse/markdown (and the rest of okr, through index.ts) can name them without an import cycle.
 * Offsets are UTF-16 code unit offsets into the parsed body (the text after the front-matter).
 */

import type { TaskState } from '../../model/types.js';

export type { TaskState } from '../../model/types.js';

/** A `<!-- kr: id -->` comment's key result id. */
export interface KrLink {
  id: string;
  /** Offset of the comment that names it, in the parsed text. */
  offset: number;
}

/** One GFM task-list item (or `[/]`, `[-]` item) of a body. */
export interface MarkdownTaskItem {
  /** Offset of the list item's first character (its bullet). */
  offset: number;
  /** Offset of the checkbox `[`. */
  checkboxOffset: number;
  state: TaskState;
  text: string;
  /** Index of the nearest enclosing task item in the returned list, or null. */
  parent: number | null;
  /** True when task items are nested under this one: only leaves count. */
  isGroup: boolean;
  /** Links that apply to this item: its own, else its nearest list item's, else its section's. */
  links: KrLink[];
  /** Where `links` come from: a list item's comment (its own or an enclosing item's), the section's, or none. */
  linkedBy: 'item' | 'section' | null;
}

/** What the reader finds in a body. */
export interface MarkdownFacts {
  /** In document order; `parent` indexes into this list. */
  tasks: MarkdownTaskItem[];
  /** Every link of a heading or a list item, in document order, whether or not a task item carries it. */
  links: KrLink[];
}
