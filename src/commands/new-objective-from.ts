/** `okr new objective --from <id> --period <p>`: the next period's objective, with what was not done carried over. */
import path from 'node:path';
import { computeAllKeyResultProgress } from '../compute/progress.js';
import { planCarryOver, type CarriedKeyResult } from '../edit/carry-over.js';
import { planAddKeyResult } from '../edit/key-results.js';
import { applySplices } from '../edit/splice.js';
import { planAddTask } from '../edit/task-list.js';
import { FrontMatterEditor } from '../edit/yaml-edit.js';
import { parsePeriodLabel, PERIOD_FORMATS } from '../model/period.js';
import { linkedTasksOf } from '../model/link.js';
import { isValidId, slugify, uniqueId } from '../model/slug.js';
import { didYouMean } from '../model/suggest.js';
import { parseOkrText } from '../parse/file-facts.js';
import { formatYamlScalar } from '../parse/yaml.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { readSourceLines } from '../io/source-lines.js';
import type { WriteHooks } from '../io/edit-file.js';
import { sanitizeLine } from '../safe-text.js';
import { createFiles, type NewFile } from './apply-edit.js';
import { checkedLine } from './ask.js';
import { displayPath } from './edit-support.js';
import { checkNewFilePath, checkRendered, exists, folderFor, isIdTaken, readKeyResultEntry, render } from './new-support.js';
import type { NewObjectiveOptions } from './new-objective.js';
import { resolveWorkspaceRoot } from './shared.js';

/**
 * Creates the objective that continues `options.from` in `options.period` (both required): its
 * key results not done, with new ids (`<old id>-<period>`), metrics starting where they ended, and
 * for task-measured ones a new task file with their open task items; `continues: <old id>` records
 * where it came from. Every file is created, or none (`--dry-run` prints them).
 */
export async function runNewObjectiveFrom(options: NewObjectiveOptions & { from: string }, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  if (options.period === undefined) throw new UsageError('--from needs --period: the period the objective continues into, such as 2027-Q1');
  const period = parsePeriodLabel(options.period);
  if (!period) throw new UsageError(`--period expects ${PERIOD_FORMATS}, got "${options.period}"`);
  if (options.title !== undefined) checkedLine('title', '--title', options.title);
  if (options.owner !== undefined) checkedLine('owner', '--owner', options.owner);
  const root = await resolveWorkspaceRoot(options.dir, context);
  const { model, files: accepted, config } = await loadWorkspace(root, context.load);
  const old = model.objectivesById.get(options.from);
  if (!old) throw new UserError(`--from "${options.from}" is not an objective in this workspace${didYouMean(options.from, model.objectivesById.keys())}`);
  if (old.invalid !== null) throw new UserError(`objective "${old.id}" has errors (${old.invalid}): fix them first (see okr lint)`);
  if (options.parent !== undefined && !model.objectivesById.has(options.parent)) {
    throw new UserError(`--parent "${options.parent}" is not an objective in this workspace${didYouMean(options.parent, model.objectivesById.keys())}`);
  }

  const suffix = slugify(period.label);
  const chosen = new Set<string>();
  const take = (base: string) => {
    const id = uniqueId(base, (candidate) => isIdTaken(model, candidate) || chosen.has(candidate));
    chosen.add(id);
    return id;
  };
  if (options.id !== undefined && (!isValidId(options.id) || isIdTaken(model, options.id))) {
    throw new UserError(`--id "${options.id}" is not a valid id, or is already used in this workspace: choose another`);
  }
  const id = options.id ?? take(`${old.id}-${suffix}`);
  chosen.add(id);
  const taskFiles = old.keyResults.flatMap((kr) => linkedTasksOf(kr).map((task) => task.file));
  const sourceLine = readSourceLines(root, accepted, taskFiles, config.maxFileSize);
  const plan = planCarryOver(
    old,
    computeAllKeyResultProgress(model),
    (krId) => take(`${krId}-${suffix}`),
    (task) => sourceLine(task.file, task.line),
  );

  const absolute = options.file !== undefined ? path.resolve(context.cwd, options.file) : path.join(path.dirname(path.join(root, old.file)), `${id}.md`);
  const shown = displayPath(context, absolute, root);
  checkNewFilePath(root, absolute, shown);
  const rendered = await render(
    root,
    'objective.md',
    { id, title: options.title ?? old.title, owner: options.owner ?? old.owner, period: period.label, parent: options.parent },
    'front-matter',
  );
  let text = rendered.text;
  const editor = new FrontMatterEditor(text);
  text = applySplices(text, [editor.addPair(editor.node([])!, 'continues', { inline: formatYamlScalar(old.id!, 'block') }, 'period')]);
  for (const kr of plan.carried) text = applySplices(text, planAddKeyResult(text, await entryFor(root, kr)));
  checkRendered(rendered.origin, shown, text);

  const files: NewFile[] = [{ absolutePath: absolute, shown, text }];
  const taskFolder = await folderFor(
    root,
    model.objectives.flatMap((o) => o.keyResults.flatMap((kr) => linkedTasksOf(kr).map((task) => task.file))),
    'tasks',
  );
  for (const kr of plan.carried) {
    if (kr.openTasks === null || kr.openTasks.length === 0) continue;
    const first = linkedTasksOf(kr.from)[0];
    const file = path.join(first ? path.dirname(path.join(root, first.file)) : taskFolder, `${kr.id}.md`);
    const taskFile = await renderTaskFile(root, kr, kr.openTasks, displayPath(context, file, root));
    files.push({ absolutePath: file, shown: displayPath(context, file, root), text: taskFile });
  }
  for (const file of files) {
    checkNewFilePath(root, file.absolutePath, file.shown);
    if (await exists(file.absolutePath)) throw new UserError(`${file.shown} already exists: okr does not overwrite it (choose another --id or --file)`);
  }

  if (!(await createFiles(root, files, options, context, hooks))) return ExitCode.OK;
  const lines = [`Created objective "${id}" in ${shown}, continuing "${old.id}" into ${period.label}`];
  for (const kr of plan.carried)
    lines.push(`  carried ${kr.from.id} → ${kr.id}${kr.openTasks && kr.openTasks.length > 0 ? ` (${kr.openTasks.length} open task${kr.openTasks.length === 1 ? '' : 's'})` : ''}`);
  const words = { done: 'done', invalid: 'has errors', rollup: 'a roll-up: link contributors of the new period to a new one' };
  for (const left of plan.left) lines.push(`  left ${left.from.id ?? `key_results[${left.from.index}]`}: ${words[left.why]}`);
  for (const file of files.slice(1)) lines.push(`  tasks in ${file.shown}`);
  context.stdout.write(`${lines.map((line) => sanitizeLine(line)).join('\n')}\n`);
  return ExitCode.OK;
}

/** The key result's entry from the `key-result.yaml` template, with the keys the template does not hold added. */
async function entryFor(root: string, kr: CarriedKeyResult) {
  const rendered = await render(root, 'key-result.yaml', kr.values, 'all');
  const entry = readKeyResultEntry(rendered.origin, rendered.text, kr.id);
  for (const [key, value] of kr.extra) {
    entry.lines.push(`${key}: ${formatYamlScalar(value, 'block')}`);
    entry.data[key] = value;
  }
  return entry;
}

/** A task file for the carried key result from the `task-file.md` template: its first open item, then the others. */
async function renderTaskFile(root: string, kr: CarriedKeyResult, items: readonly string[], shown: string): Promise<string> {
  const rendered = await render(root, 'task-file.md', { kr_title: kr.values.title, owner: kr.values.owner, kr: kr.id, title: items[0] }, 'front-matter');
  let text = rendered.text;
  for (const item of items.slice(1)) text = applySplices(text, planAddTask(text, parseOkrText(shown, text), kr.id, item).splices);
  checkRendered(rendered.origin, shown, text);
  return text;
}
