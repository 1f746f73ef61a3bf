/**
 * Adding a task item for a key result to a file: a new line after the last top-level task item of
 * that key result, written like it (bullet, indentation, numbering, blockquote markers); in a file
 * with none, a new list at the end, linked by an item comment unless the file's `kr:` names the key
 * result.
 */
import { splitFrontMatter } from '../parse/front-matter.js';
import { listItemEnd, MarkdownTooComplex } from '../parse/markdown/index.js';
import type { FileFacts, TaskFact } from '../model/types.js';
import type { EditSide, FileEdit } from './file-edit.js';
import { detectLineBreak, insertLinesAfter, lineStartOf, type Splice } from './splice.js';
import { LineIndex } from '../parse/text-position.js';
import { EditError } from './yaml-edit.js';
import { otherBlocksUnchanged } from './blocks-unchanged.js';

export interface AddTaskPlan {
  splices: Splice[];
  /** Index the new task item will have in the file's task list. */
  index: number;
  /** The line of the task item it goes after, or null at the end of the file. */
  afterLine: number | null;
}

/**
 * Plans adding the open task item `- [ ] title` for key result `krId` to a file (`text` after any
 * BOM, `facts` parsed from it): after the last top-level task item linked to it, or at the end of
 * the file. Splice offsets are into `text`. Throws EditError (offset of the item it was to follow)
 * when the item to follow has its checkbox on another line or its end cannot be found (Markdown too
 * complex for the parse budget).
 */
export function planAddTask(text: string, facts: FileFacts, krId: string, title: string): AddTaskPlan {
  let anchor = -1;
  facts.tasks.forEach((task, index) => {
    if (task.parent === null && task.links.some((link) => link.id === krId)) anchor = index;
  });
  if (anchor === -1) {
    // A file that does not link the key result yet gets an item-level link.
    const link = facts.fileLinks.some((fileLink) => fileLink.id === krId) ? '' : ` <!-- kr: ${krId} -->`;
    return { splices: [appendAtEnd(text, `- [ ] ${title}${link}`)], index: facts.tasks.length, afterLine: null };
  }

  const task = facts.tasks[anchor]!;
  const lines = new LineIndex(text);
  const itemOffset = lines.lineStart(task.line) + task.column - 1;
  if (lineStartOf(text, task.checkboxOffset) !== lineStartOf(text, itemOffset)) {
    throw new EditError(`the task item at line ${task.line} has its checkbox on another line: add the task by hand`, itemOffset);
  }
  const { body, bodyOffset } = splitFrontMatter(text);
  let end: number | null;
  try {
    end = listItemEnd(body, itemOffset - bodyOffset);
  } catch (error) {
    if (!(error instanceof MarkdownTooComplex)) throw error;
    throw new EditError(`the Markdown around the task item at line ${task.line} is too complex to find where the item ends: add the task by hand`, itemOffset);
  }
  if (end === null) throw new EditError(`cannot find the end of the task item at line ${task.line}`, itemOffset);
  // An item that ends with a block left open (a code fence never closed) ends after its last line's
  // break, at the start of the empty line after it: the new line goes after the last line.
  if (end > 0 && /[\r\n]/.test(body[end - 1]!)) end -= body.slice(end - 2, end) === '\r\n' ? 2 : 1;
  const prefix = nextBullet(text.slice(lineStartOf(text, itemOffset), task.checkboxOffset));
  const link = task.linkedBy === 'item' ? ` <!-- kr: ${krId} -->` : '';
  const splice = insertLinesAfter(text, bodyOffset + end, [`${prefix}[ ] ${title}${link}`]);
  let index = anchor + 1;
  while (index < facts.tasks.length && isInside(facts.tasks, index, anchor)) index++;
  return { splices: [splice], index, afterLine: task.line };
}

/** `3. ` becomes `4. `; bullets stay as they are. */
function nextBullet(prefix: string): string {
  const ordered = /^(.*?)(\d{1,9})([.)][ \t]+)$/.exec(prefix);
  if (!ordered) return prefix;
  return `${ordered[1]}${Number(ordered[2]) + 1}${ordered[3]}`;
}

function isInside(tasks: readonly TaskFact[], index: number, ancestor: number): boolean {
  for (let current = tasks[index]!.parent; current !== null; current = tasks[current]!.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/** A new paragraph at the end of the text: after a blank line, keeping the final newline (or its lack). */
function appendAtEnd(text: string, line: string): Splice {
  const eol = detectLineBreak(text);
  const endsWithBreak = /(\r\n|\n|\r)$/.test(text);
  const endsWithBlankLine = text === '' || /(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)$/.test(text) || /^[ \t]*(\r\n|\n|\r)$/.test(text);
  const lead = endsWithBlankLine ? '' : endsWithBreak ? eol : eol + eol;
  return { start: text.length, end: text.length, insert: `${lead}${line}${endsWithBreak ? eol : ''}` };
}

/**
 * The edited file has the same task items as before, in the same order and states, plus one open
 * item at `plan.index` linked to the key result. Returns what differs, or null.
 */
export function verifyAddTask(before: FileFacts, after: FileFacts, plan: AddTaskPlan, krId: string): string | null {
  if (after.tasks.length !== before.tasks.length + 1) return 'the new task item would not read back as one task item';
  const added = after.tasks[plan.index]!;
  if (added.state !== 'open' || added.isGroup || !added.links.some((link) => link.id === krId)) {
    return `the new task item would not read back as an open task of "${krId}"`;
  }
  const shift = (parent: number | null) => (parent !== null && parent >= plan.index ? parent + 1 : parent);
  for (let i = 0; i < before.tasks.length; i++) {
    const a = before.tasks[i]!;
    const b = after.tasks[i < plan.index ? i : i + 1]!;
    if (a.text !== b.text || a.state !== b.state || a.isGroup !== b.isGroup || shift(a.parent) !== b.parent) {
      return `the task item at line ${a.line} would change`;
    }
  }
  const errors = (facts: FileFacts) => facts.problems.filter((p) => p.severity === 'error').length;
  if (errors(after) > errors(before)) return 'the edit would make the file invalid';
  return null;
}

/**
 * `okr new task` into an existing file as a FileEdit: an open task item for `krId` titled `title`
 * (planAddTask), checked by verifyAddTask and by otherBlocksUnchanged (every other block of the
 * document, code blocks included, stays as it was). Throws an EditError as planAddTask does.
 */
export function addTaskEdit(before: EditSide, krId: string, title: string): AddTaskPlan & FileEdit {
  const plan = planAddTask(before.text, before.facts, krId, title);
  return { ...plan, verify: (was, now) => verifyAddTask(was.facts, now.facts, plan, krId) ?? otherBlocksUnchanged(was.text, now.text, plan.splices[0]!) };
}
