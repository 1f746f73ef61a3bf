/**
 * `okr done <ref>` and `okr reopen <ref>`: tick or untick one task item. `<ref>` is
 * `path/to/file.md:LINE`, or `--kr <id> <text>` for the task of that key result whose text holds
 * <text>. Exactly one box changes: a group's own box is never ticked or unticked as a side effect.
 */
import path from 'node:path';
import { nearestTaskLines, taskEdit, tasksOnLine, type TaskAction, type TaskEditPlan, type TaskNote } from '../edit/task.js';
import type { FileFacts } from '../model/types.js';
import { LineIndex } from '../parse/text-position.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import type { WriteHooks } from '../io/edit-file.js';
import { sanitizeLine } from '../render/terminal-text.js';
import { applyEdit } from './apply-edit.js';
import { displayPath, keyResultToEdit, quote, type EditFlags } from './edit-support.js';
import { resolveWorkspaceRoot } from './shared.js';

export interface TaskRefOptions extends EditFlags {
  kr?: string;
  dir?: string;
}

export function runDone(args: readonly string[], options: TaskRefOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  return runTaskEdit('done', args, options, context, hooks);
}

export function runReopen(args: readonly string[], options: TaskRefOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  return runTaskEdit('reopen', args, options, context, hooks);
}

// Any character in the path, line separators too.
const REF = /^([\s\S]+?):(\d+)(?::(\d+))?$/;

interface Target {
  absolutePath: string;
  line: number;
  /** Picks among task items that share the line (a lone CR between them): the last starting at or before it. */
  column?: number;
  /** The workspace the file must be inside. */
  root: string;
}

async function runTaskEdit(action: TaskAction, args: readonly string[], options: TaskRefOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  const target = options.kr !== undefined ? await findByText(action, options.kr, args, options, context) : await parseRef(action, args, options, context);
  const shown = displayPath(context, target.absolutePath);
  const edit = await applyEdit(
    { absolutePath: target.absolutePath, shown, root: target.root },
    (before) => taskEdit(before, pickTaskOnLine(before.facts, shown, target, before.text), action),
    options,
    context,
    hooks,
  );
  const { plan, before } = edit;
  const task = before.facts.tasks[plan.index]!;
  const where = `${shown}:${task.line}`;
  if (edit.after === null) {
    const state = plan.from === 'done' ? 'done' : plan.from === 'in-progress' ? 'open (in progress)' : 'open';
    context.stdout.write(`Already ${state}, nothing to change: ${where}  ${sanitizeLine(task.text)}\n`);
    return ExitCode.OK;
  }
  const verb = action === 'done' ? 'Ticked' : plan.from === 'cancelled' ? 'Reopened (was cancelled)' : 'Reopened';
  if (edit.written) context.stdout.write(`${verb} ${where}  ${sanitizeLine(task.text)}\n`);
  for (const note of plan.notes) context.stderr.write(`note: ${describeNote(note, before.facts, shown, plan)}\n`);
  return ExitCode.OK;
}

async function parseRef(action: TaskAction, args: readonly string[], options: TaskRefOptions, context: CommandContext): Promise<Target> {
  if (args.length === 0) throw new UsageError(`which task? give path/to/file.md:LINE, or --kr <id> <text> (see okr ${action} --help)`);
  if (args.length > 1) {
    throw new UsageError(`expected one path/to/file.md:LINE, got ${args.length} arguments; to find a task by its text use --kr <id> <text>`);
  }
  const match = REF.exec(args[0]!);
  if (!match) throw new UsageError(`expected path/to/file.md:LINE (a line number after the colon), got "${args[0]}"`);
  const line = Number(match[2]);
  if (line < 1) throw new UsageError(`line numbers start at 1, got ${match[2]}`);
  const absolutePath = path.resolve(context.cwd, match[1]!);
  // The workspace of --dir, else of the working directory, as for every command: the file must be
  // inside it (a file outside it, or a link that leads out of it, is refused).
  const root = await resolveWorkspaceRoot(options.dir, context);
  return { absolutePath, line, column: match[3] === undefined ? undefined : Number(match[3]), root };
}

function pickTaskOnLine(facts: FileFacts, shown: string, { line, column }: Target, text: string): number {
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
  const lineCount = new LineIndex(text).lineCount;
  if (line > lineCount) throw new UserError(`${shown}:${line}: the file has only ${lineCount} lines`);
  const near = nearestTaskLines(facts, line);
  const hint = facts.tasks.length === 0 ? ': the file has no task items' : `: the nearest task items are on line${near.length > 1 ? 's' : ''} ${near.join(' and ')}`;
  throw new UserError(`${shown}:${line}: no task item starts on this line${hint}`);
}

async function findByText(action: TaskAction, krId: string, args: readonly string[], options: TaskRefOptions, context: CommandContext): Promise<Target> {
  const needle = args.join(' ').trim();
  if (needle === '') throw new UsageError(`give the text of the task after --kr ${krId}, e.g. okr ${action} --kr ${krId} "sample data"`);
  const root = await resolveWorkspaceRoot(options.dir, context);
  const { model } = await loadWorkspace(root, context.load);
  const kr = keyResultToEdit(model, krId, false);
  if (kr.measure !== null && kr.measure.kind !== 'tasks') {
    throw new UserError(
      `key result "${krId}" is a ${kr.measure.kind}: its progress does not come from tasks; use okr checkin ${krId} <value>, or give the task as path/to/file.md:LINE`,
    );
  }
  const lower = needle.toLowerCase();
  const matches = kr.tasks.filter((task) => task.text.toLowerCase().includes(lower));
  const exact = matches.filter((task) => task.text.toLowerCase() === lower);
  const chosen = exact.length === 1 ? exact : matches;
  const at = (file: string) => displayPath(context, path.join(root, file));
  if (chosen.length === 0) {
    throw new UserError(`no task of key result "${krId}" contains ${quote(needle)} (it has ${kr.tasks.length} task${kr.tasks.length === 1 ? '' : 's'}; matching ignores case)`);
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

function describeNote(note: TaskNote, facts: FileFacts, shown: string, plan: TaskEditPlan): string {
  const ref = (index: number) => `${shown}:${facts.tasks[index]!.line}`;
  const name = (index: number) => quote(facts.tasks[index]!.text);
  switch (note.kind) {
    case 'group-complete':
      return `every sub-task of ${name(note.group)} (${ref(note.group)}) is closed now, but its own box is left as it was: run "okr done ${ref(note.group)}" to tick it too`;
    case 'group-still-done':
      return `${name(note.group)} (${ref(note.group)}) is still ticked though it now has an open sub-task: run "okr reopen ${ref(note.group)}" to reopen it too`;
    case 'group-open-leaves':
      return `${name(plan.index)} is a group: only its sub-tasks count, and ${note.openLeaves.length} of them ${note.openLeaves.length === 1 ? 'is' : 'are'} still open (${note.openLeaves.map((i) => `line ${facts.tasks[i]!.line}`).join(', ')}), so progress is unchanged`;
    case 'group-only':
      return `${name(plan.index)} is a group: only its sub-tasks count, so progress is unchanged`;
    case 'under-cancelled-group':
      return `${name(plan.index)} is under the cancelled group ${name(note.group)} (${ref(note.group)}), so it does not count toward progress`;
  }
}
