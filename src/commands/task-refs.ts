/**
 * Which task items `okr done`, `reopen`, `start` and `cancel` name: `path/to/file.md:LINE` (one or
 * more), or `--kr <id> <text>` for the one task of that key result whose text holds <text>.
 */
import path from 'node:path';
import { nearestTaskLines, taskStateAfter, tasksOnLine, type TaskAction } from '../edit/task.js';
import { linkedTasksOf, type LinkedTask } from '../model/link.js';
import type { FileFacts } from '../model/types.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { sanitizeLine } from '../render/terminal-text.js';
import { displayPath, keyResultToEdit, quote } from './edit-support.js';
import { resolveWorkspaceRoot } from './shared.js';

/** A task item named on the command line: a file and the line its item starts on. */
export interface TaskTarget {
  absolutePath: string;
  line: number;
  /** Picks among task items that share the line (a lone CR between them): the last starting at or before it. */
  column?: number;
  /** The workspace the file must be inside. */
  root: string;
}

// Any character in the path, line separators too.
const REF = /^([\s\S]+?):(\d+)(?::(\d+))?$/;

/**
 * Each `path/to/file.md:LINE` (or `:LINE:COLUMN`, as okr lint prints) of `args`, resolved against
 * the working directory; every one is checked before any is used. Throws a UsageError for none or a
 * malformed one.
 */
export async function parseRefs(action: TaskAction, args: readonly string[], dir: string | undefined, context: CommandContext): Promise<TaskTarget[]> {
  if (args.length === 0) throw new UsageError(`which task? give path/to/file.md:LINE, or --kr <id> <text> (see okr ${action} --help)`);
  const refs = args.map((arg) => {
    const match = REF.exec(arg);
    if (!match) {
      const hint = args.length > 1 ? '; to find a task by its text use --kr <id> <text>' : '';
      throw new UsageError(`expected path/to/file.md:LINE (a line number after the colon), got "${arg}"${hint}`);
    }
    if (Number(match[2]) < 1) throw new UsageError(`line numbers start at 1, got ${match[2]}`);
    return { absolutePath: path.resolve(context.cwd, match[1]!), line: Number(match[2]), column: match[3] === undefined ? undefined : Number(match[3]) };
  });
  // The workspace of --dir, else of the working directory, as for every command: the file must be
  // inside it (a file outside it, or a link that leads out of it, is refused).
  const root = await resolveWorkspaceRoot(dir, context);
  return refs.map((ref) => ({ ...ref, root }));
}

/**
 * Lines of a text as an editor and `grep -n` count them: only LF (or CRLF) ends a line, a lone CR
 * does not; a final line break ends the last line, it starts none.
 */
export function countLines(text: string): number {
  const lines = text.split(/\r?\n/);
  // After a final line break (or in an empty text) the last piece is empty: no line.
  return lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

/**
 * The index (into `facts.tasks`) of the one task item that starts on `line`. Throws a UserError
 * when none does (naming the nearest ones, or the file's length) or more than one does.
 */
export function pickTaskOnLine(facts: FileFacts, shown: string, line: number, text: string, column?: number): number {
  const found = tasksOnLine(facts, line);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    // Items on one grep line (a lone CR between them; a CR-only file is one line): a column picks one, else ten are listed.
    const upTo = column === undefined ? [] : found.filter((index) => facts.tasks[index]!.column <= column);
    if (upTo.length > 0) return upTo[upTo.length - 1]!;
    const items = found.slice(0, 10).map((index) => `  ${shown}:${line}:${facts.tasks[index]!.column}  ${sanitizeLine(facts.tasks[index]!.text)}`);
    if (found.length > 10) items.push(`  … and ${found.length - 10} more`);
    throw new UserError(`${shown}:${line}: ${found.length} task items start on this line; okr cannot tell which one to change: give one as file:LINE:COLUMN\n${items.join('\n')}`);
  }
  const lineCount = countLines(text);
  if (line > lineCount) throw new UserError(`${shown}:${line}: the file has only ${lineCount} line${lineCount === 1 ? '' : 's'}`);
  const near = nearestTaskLines(facts, line);
  const hint = facts.tasks.length === 0 ? ': the file has no task items' : `: the nearest task items are on line${near.length > 1 ? 's' : ''} ${near.join(' and ')}`;
  throw new UserError(`${shown}:${line}: no task item starts on this line${hint}`);
}

/**
 * The task of key result `krId` whose text holds `args` joined (case-insensitive; an exact match
 * wins). Items already in the state `action` gives are passed over when another item matches, so
 * that `okr done --kr k "deploy"` finds the open "deploy" next to a ticked one. Throws a UserError
 * when no task or more than one matches, or the key result does not count tasks.
 */
export async function findByText(action: TaskAction, krId: string, args: readonly string[], dir: string | undefined, context: CommandContext): Promise<TaskTarget> {
  const needle = args.join(' ').trim();
  if (needle === '') throw new UsageError(`give the text of the task after --kr ${krId}, e.g. okr ${action} --kr ${krId} "sample data"`);
  const root = await resolveWorkspaceRoot(dir, context);
  const { model } = await loadWorkspace(root, context.load);
  const kr = keyResultToEdit(model, krId, false);
  if (kr.measure !== null && kr.measure.kind !== 'tasks') {
    throw new UserError(
      `key result "${krId}" is a ${kr.measure.kind}: its progress does not come from tasks; use okr checkin ${krId} <value>, or give the task as path/to/file.md:LINE`,
    );
  }
  const lower = needle.toLowerCase();
  const pick = (tasks: LinkedTask[]) => {
    const matches = tasks.filter((task) => task.text.toLowerCase().includes(lower));
    const exact = matches.filter((task) => task.text.toLowerCase() === lower);
    return exact.length === 1 ? exact : matches;
  };
  const toChange = pick(linkedTasksOf(kr).filter((task) => taskStateAfter(task.state, action) !== task.state));
  const chosen = toChange.length > 0 ? toChange : pick(linkedTasksOf(kr));
  const at = (file: string) => displayPath(context, path.join(root, file), root);
  if (chosen.length === 0) {
    throw new UserError(
      `no task of key result "${krId}" contains ${quote(needle)} (it has ${linkedTasksOf(kr).length} task${linkedTasksOf(kr).length === 1 ? '' : 's'}; matching ignores case)`,
    );
  }
  if (chosen.length > 1) {
    const list = chosen.map((task) => `  ${at(task.file)}:${task.line}  ${stateBox(task.state)} ${sanitizeLine(task.text)}`).join('\n');
    throw new UserError(`${quote(needle)} matches ${chosen.length} tasks of key result "${krId}": give more of the text, or one of these as file:line:\n${list}`);
  }
  return { absolutePath: path.join(root, chosen[0]!.file), line: chosen[0]!.line, column: chosen[0]!.column, root };
}

function stateBox(state: string): string {
  return state === 'done' ? '[x]' : state === 'in-progress' ? '[/]' : state === 'cancelled' ? '[-]' : '[ ]';
}
