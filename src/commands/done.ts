/**
 * `okr done <ref>...`, `okr reopen <ref>...`, `okr start <ref>...` and `okr cancel <ref>...`: set
 * the box of task items to `[x]`, `[ ]`, `[/]` or `[-]`. A `<ref>` is `path/to/file.md:LINE`;
 * `--kr <id> <text>` names the task of that key result whose text holds <text>. Every file is read,
 * planned and verified before any is written, and each is written once. Only the named boxes change:
 * a group's own box is never changed as a side effect.
 */
import { tasksEdit, type TaskAction, type TaskEditPlan, type TaskNote } from '../edit/task.js';
import type { FileFacts } from '../model/types.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { releaseSnapshot, type WriteHooks } from '../io/edit-file.js';
import { sanitizeLine } from '../render/terminal-text.js';
import { noteDryRun } from './apply-edit.js';
import { displayPath, quote, type EditFlags } from './edit-support.js';
import { finishEdit, prepareEdit, type PreparedEdit } from './edit-steps.js';
import { refuseClosedTasks, type ForceFlag } from './closed-guard.js';
import { findByText, parseRefs, pickTaskOnLine, type TaskTarget } from './task-refs.js';

export interface TaskRefOptions extends EditFlags, ForceFlag {
  kr?: string;
  dir?: string;
}

type TaskCommand = (args: readonly string[], options: TaskRefOptions, context: CommandContext, hooks?: WriteHooks) => Promise<ExitCode>;

/** `okr done`: tick each task item (`[x]`). */
export const runDone: TaskCommand = (args, options, context, hooks) => runTaskEdit('done', args, options, context, hooks);
/** `okr reopen`: untick each done or cancelled task item (`[ ]`). */
export const runReopen: TaskCommand = (args, options, context, hooks) => runTaskEdit('reopen', args, options, context, hooks);
/** `okr start`: mark each task item in progress (`[/]`). */
export const runStart: TaskCommand = (args, options, context, hooks) => runTaskEdit('start', args, options, context, hooks);
/** `okr cancel`: cancel each task item (`[-]`). */
export const runCancel: TaskCommand = (args, options, context, hooks) => runTaskEdit('cancel', args, options, context, hooks);

interface FileWork {
  target: { absolutePath: string; shown: string; root: string };
  lines: number[];
  /** The column given with each of `lines` (file:LINE:COLUMN), to pick among items on one line. */
  columns: (number | undefined)[];
  /** The task index of each of `lines`, once planned. */
  indexes: number[];
  prepared?: PreparedEdit<ReturnType<typeof tasksEdit>>;
}

async function runTaskEdit(action: TaskAction, args: readonly string[], options: TaskRefOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  const targets: TaskTarget[] = options.kr !== undefined ? [await findByText(action, options.kr, args, options.dir, context)] : await parseRefs(action, args, options.dir, context);
  await refuseClosedTasks(targets, `${action} it`, options, context);
  const files = new Map<string, FileWork>();
  for (const t of targets) {
    const work = files.get(t.absolutePath) ?? {
      target: { absolutePath: t.absolutePath, shown: displayPath(context, t.absolutePath, t.root), root: t.root },
      lines: [],
      columns: [],
      indexes: [],
    };
    if (!work.lines.some((line, i) => line === t.line && work.columns[i] === t.column)) {
      work.lines.push(t.line);
      work.columns.push(t.column);
    }
    files.set(t.absolutePath, work);
  }
  const works = [...files.values()];
  try {
    // Plan and verify every file first: a ref that does not resolve writes nothing at all.
    for (const work of works) {
      work.prepared = await prepareEdit(
        work.target,
        (before) => {
          work.indexes = work.lines.map((line, i) => pickTaskOnLine(before.facts, work.target.shown, line, before.text, work.columns[i]));
          return tasksEdit(before, work.indexes, action);
        },
        options,
      );
    }
    const written: boolean[] = [];
    for (const work of works) written.push(await finishEdit(work.prepared!, options, context, hooks));
    if (options.dryRun && works.some((work) => work.prepared!.after !== null)) noteDryRun(context);
    const notes = new Set<string>();
    works.forEach((work, i) => report(action, work, written[i]!, notes, context));
  } finally {
    for (const work of works) if (work.prepared) await releaseSnapshot(work.prepared.snapshot);
  }
  return ExitCode.OK;
}

const VERBS: Record<TaskAction, string> = { done: 'Ticked', reopen: 'Reopened', start: 'Started', cancel: 'Cancelled' };

/** What happened to each named task of a file; each note once (`said` holds those said already). */
function report(action: TaskAction, work: FileWork, written: boolean, said: Set<string>, context: CommandContext): void {
  const { plan, before } = work.prepared!;
  const { shown } = work.target;
  for (const index of new Set(work.indexes)) {
    const change = plan.changes.find((c) => c.index === index)!;
    const task = before.facts.tasks[index]!;
    const where = `${shown}:${task.line}`;
    if (change.to === change.from) {
      const state = change.from === 'in-progress' ? (action === 'reopen' ? 'open (in progress)' : 'in progress') : change.from;
      context.stdout.write(`Already ${state}, nothing to change: ${where}  ${sanitizeLine(task.text)}\n`);
      continue;
    }
    const verb = action === 'reopen' && change.from === 'cancelled' ? 'Reopened (was cancelled)' : VERBS[action];
    if (written) context.stdout.write(`${verb} ${where}  ${sanitizeLine(task.text)}\n`);
    for (const note of change.notes) {
      const line = `note: ${describeNote(note, before.facts, shown, change)}\n`;
      if (!said.has(line)) context.stderr.write(line);
      said.add(line);
    }
  }
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
