/**
 * `okr new task <kr-id>`: an open task item for a key result, added after the key result's last
 * task in the file that holds its tasks, or in a new task file from the `task-file.md` template.
 */
import path from 'node:path';
import { addTaskEdit } from '../edit/task-list.js';
import { linkedTasksOf, type KeyResult } from '../model/link.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { terminalPrompter, type Prompter } from '../io/prompter.js';
import type { WriteHooks } from '../io/edit-file.js';
import { askLine, checkedLine, isInteractive, requireValues } from './ask.js';
import { applyEdit, createFiles } from './apply-edit.js';
import { displayPath, keyResultToEdit, quote } from './edit-support.js';
import { checkNewFilePath, checkRendered, exists, folderFor, render, type NewFlags } from './new-support.js';
import { resolveWorkspaceRoot } from './shared.js';

export interface NewTaskOptions extends NewFlags {
  title?: string;
  file?: string;
}

export async function runNewTask(
  krArg: string | undefined,
  options: NewTaskOptions,
  context: CommandContext,
  prompter: Prompter = terminalPrompter(),
  hooks?: WriteHooks,
): Promise<ExitCode> {
  const interactive = isInteractive(context, options);
  requireValues(interactive, 'okr new task', [krArg === undefined && '<kr-id>', options.title === undefined && '--title']);
  if (options.title !== undefined) checkedLine('the task', '--title', options.title);
  const root = await resolveWorkspaceRoot(options.dir, context);
  const { config, model } = await loadWorkspace(root, context.load);

  let krId = krArg;
  if (krId === undefined) {
    const choices = [...model.keyResultsById.values()].filter((kr): kr is typeof kr & { id: string } => kr.id !== null && kr.measure?.kind === 'tasks');
    if (choices.length === 0) throw new UserError('no key result in this workspace is measured by tasks: create one with okr new kr <objective-id> --measure tasks');
    krId = await prompter.select({ message: 'Add a task to which key result?', choices: choices.map((kr) => ({ name: `${kr.id} · ${kr.title}`, value: kr.id })) });
  }
  const kr = { ...keyResultToEdit(model, krId, false), id: krId };
  if (kr.measure !== null && kr.measure.kind !== 'tasks') {
    throw new UserError(`key result "${kr.id}" is a ${kr.measure.kind}: tasks linked to it would not count toward its progress; record progress with okr checkin ${kr.id} <value>`);
  }
  const title = options.title?.trim() ?? (await askLine(prompter, 'The task', 'the task'));

  const absolute = await chooseFile(kr, root, model.keyResultsById, options, context, interactive, prompter);
  const shown = displayPath(context, absolute, root);
  checkNewFilePath(root, absolute, shown);
  if (await exists(absolute)) {
    const edit = await applyEdit({ absolutePath: absolute, shown, root, maxFileSize: config.maxFileSize }, (before) => addTaskEdit(before, kr.id, title), options, context, hooks);
    if (edit.written) context.stdout.write(`Added the task ${quote(title)} for "${kr.id}" at ${shown}:${edit.after!.facts.tasks[edit.plan.index]!.line}\n`);
    return ExitCode.OK;
  }

  const rendered = await render(root, 'task-file.md', { kr: kr.id, kr_title: kr.title, owner: kr.owner ?? undefined, title }, 'front-matter');
  const facts = checkRendered(rendered.origin, shown, rendered.text);
  if (!facts.tasks.some((task) => task.state === 'open' && task.links.some((link) => link.id === kr.id))) {
    throw new UserError(`${rendered.origin} must render an open task item linked to "${kr.id}", e.g. with "kr: {{kr}}" and "- [ ] {{title}}" (nothing written)`);
  }
  if (!(await createFiles(root, [{ absolutePath: absolute, shown, text: rendered.text }], options, context, hooks))) return ExitCode.OK;
  const line = facts.tasks.find((task) => task.links.some((link) => link.id === kr.id))!.line;
  context.stdout.write(`Created ${shown} with the task ${quote(title)} for "${kr.id}" (${shown}:${line})\n`);
  return ExitCode.OK;
}

async function chooseFile(
  kr: KeyResult,
  root: string,
  keyResults: Map<string, KeyResult>,
  options: NewTaskOptions,
  context: CommandContext,
  interactive: boolean,
  prompter: Prompter,
): Promise<string> {
  if (options.file !== undefined) return path.resolve(context.cwd, options.file);
  const files = [...new Set(linkedTasksOf(kr).map((task) => task.file))];
  if (files.length === 1) return path.join(root, files[0]!);
  if (files.length > 1) {
    if (!interactive) {
      const list = files.map((file) => displayPath(context, path.join(root, file), root)).join(', ');
      throw new UsageError(`the tasks of "${kr.id}" are in ${files.length} files (${list}): choose one with --file`);
    }
    const file = await prompter.select({ message: 'Add it to which file?', choices: files.map((f) => ({ name: displayPath(context, path.join(root, f), root), value: f })) });
    return path.join(root, file);
  }
  // Task files only: tasks linked from objective files do not say where task files live.
  const objectiveFiles = new Set([...keyResults.values()].map((other) => other.file));
  const taskFiles = [...keyResults.values()].flatMap((other) => linkedTasksOf(other).map((task) => task.file)).filter((file) => !objectiveFiles.has(file));
  const folder = await folderFor(root, taskFiles, 'tasks');
  return path.join(folder, `${kr.id}.md`);
}
