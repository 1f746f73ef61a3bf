/** `okr new kr <objective-id>`: a key result appended to an objective's `key_results:` from `key-result.yaml`. */
import { refuseClosed, type ForceFlag } from './closed-guard.js';
import path from 'node:path';
import { addKeyResultEdit } from '../edit/key-results.js';
import { didYouMean } from '../model/suggest.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import type { MeasureKind } from '../options.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { terminalPrompter, type Prompter } from '../io/prompter.js';
import type { WriteHooks } from '../io/edit-file.js';
import { askLine, askNumber, askOptional, checkedLine, isInteractive, numberFlag, requireValues } from './ask.js';
import { applyEdit } from './apply-edit.js';
import { displayPath } from './edit-support.js';
import { chooseId, readKeyResultEntry, render, type NewFlags } from './new-support.js';
import { addBound, guardrailBound, type GuardrailFlags } from './new-guardrail.js';
import { resolveWorkspaceRoot } from './shared.js';

export interface NewKeyResultOptions extends NewFlags, ForceFlag, GuardrailFlags {
  id?: string;
  title?: string;
  owner?: string;
  /** Checked by the command line (src/options.ts). */
  measure?: MeasureKind;
  start?: string;
  target?: string;
  current?: string;
  unit?: string;
  weight?: string;
}

export async function runNewKeyResult(
  objectiveArg: string | undefined,
  options: NewKeyResultOptions,
  context: CommandContext,
  prompter: Prompter = terminalPrompter(),
  hooks?: WriteHooks,
): Promise<ExitCode> {
  const interactive = isInteractive(context, options);
  const bound = guardrailBound(options);
  const metricFlags = bound === null && [options.start, options.target, options.current, options.unit].some((value) => value !== undefined);
  if (metricFlags && options.measure !== undefined && options.measure !== 'metric') {
    throw new UsageError(`--start, --target, --current and --unit are for a metric, not --measure ${options.measure}`);
  }
  let measure = options.measure ?? (bound ? 'guardrail' : metricFlags ? 'metric' : undefined);
  requireValues(interactive, 'okr new kr', [
    objectiveArg === undefined && '<objective-id>',
    options.title === undefined && '--title',
    measure === 'metric' && options.start === undefined && '--start',
    measure === 'metric' && options.target === undefined && '--target',
  ]);
  const flags = {
    start: numberFlag('--start', options.start),
    target: numberFlag('--target', options.target),
    current: numberFlag('--current', options.current),
    weight: numberFlag('--weight', options.weight),
  };
  if (flags.weight !== undefined && flags.weight < 0) throw new UsageError(`--weight must be 0 or more, got ${options.weight}`);
  if (flags.start !== undefined && flags.start === flags.target) throw new UsageError('--start and --target must differ: progress is measured from one to the other');
  if (options.title !== undefined) checkedLine('title', '--title', options.title);
  if (options.owner !== undefined) checkedLine('owner', '--owner', options.owner);
  if (options.unit !== undefined && /[\r\n]/.test(options.unit)) throw new UsageError('--unit must be a single line');

  const root = await resolveWorkspaceRoot(options.dir, context);
  const { config, model } = await loadWorkspace(root, context.load);
  let objectiveId = objectiveArg;
  if (objectiveId === undefined) {
    if (model.objectives.length === 0) throw new UserError('there are no objectives in this workspace yet: create one with okr new objective');
    const choices = [...model.objectivesById.values()].flatMap((o) => (o.id === null ? [] : [{ name: `${o.id} · ${o.title ?? ''}`, value: o.id }]));
    objectiveId = await prompter.select({ message: 'Add a key result to which objective?', choices });
  }
  const duplicated = model.duplicateIds.objectives.get(objectiveId);
  if (duplicated) {
    const places = duplicated.map((d) => `${d.file}:${d.line}:${d.column}`).join(', ');
    throw new UserError(`objective id "${objectiveId}" is declared ${duplicated.length} times (${places}): rename all but one before adding to it`);
  }
  const objective = model.objectivesById.get(objectiveId);
  if (objective?.invalid) {
    throw new UserError(
      `objective "${objectiveId}" (${objective.file}:${objective.line}:${objective.column}) is invalid: ${objective.invalid}: fix it first (okr lint lists the problems)`,
    );
  }
  if (!objective) throw new UserError(`"${objectiveId}" is not an objective in this workspace${didYouMean(objectiveId, model.objectivesById.keys())}`);
  refuseClosed(objective, 'add a key result', options);

  const title = options.title?.trim() ?? (await askLine(prompter, 'Title of the key result', 'the title'));
  if (measure === undefined) {
    measure = interactive
      ? await prompter.select<MeasureKind>({
          message: 'How is it measured?',
          choices: [
            { name: 'metric: a number moving from a start to a target', value: 'metric' },
            { name: 'milestone: done or not', value: 'milestone' },
            { name: 'tasks: the checkboxes linked to it', value: 'tasks' },
          ],
        })
      : 'tasks';
  }
  let { start, target, current } = flags;
  let unit = options.unit;
  if (measure === 'metric') {
    start ??= await askNumber(prompter, 'Start value');
    const from = start;
    target ??= await askNumber(prompter, 'Target value', (value) => (value === from ? 'the target must differ from the start' : null));
    if (unit === undefined && interactive) unit = await askOptional(prompter, 'Unit, such as % or users');
    current ??= start;
  }
  const owner = options.owner?.trim() ?? (interactive ? await askOptional(prompter, 'Owner') : undefined);
  const id = chooseId(model, options.id, title, 'kr');

  const values = {
    id,
    title,
    owner,
    start: measure === 'metric' ? start : undefined,
    target: measure === 'metric' ? target : undefined,
    current: measure === 'metric' || bound ? current : undefined,
    unit: measure === 'metric' || bound ? unit : undefined,
    done: measure === 'milestone' ? false : undefined,
    weight: flags.weight,
  };
  const rendered = await render(root, 'key-result.yaml', values, 'all');
  const entry = readKeyResultEntry(rendered.origin, rendered.text, id);
  if (bound) addBound(entry, bound);

  const absolutePath = path.join(root, objective.file);
  const shown = displayPath(context, absolutePath, root);
  const edit = await applyEdit({ absolutePath, shown, root, maxFileSize: config.maxFileSize }, (before) => addKeyResultEdit(before, entry), options, context, hooks);
  if (!edit.written) return ExitCode.OK;
  const added = edit.after?.facts.objective?.keyResults.find((kr) => kr.id === id);
  const next =
    measure === 'metric' || bound
      ? `record progress with okr checkin ${id} <value>`
      : measure === 'milestone'
        ? `mark it reached with okr checkin ${id} true`
        : `add tasks with okr new task ${id}`;
  context.stdout.write(`Added key result "${id}" (${measure}) to ${shown}:${added!.line}\nNext: ${next}\n`);
  if (objective.keyResults.length === 0 && objective.children.length > 0 && objective.progressFrom === null) {
    // Its progress was the mean of its aligned objectives: say what it is now (never silently).
    context.stderr.write(
      `note: "${objectiveId}" has ${objective.children.length} aligned objective${objective.children.length === 1 ? '' : 's'}: its progress now counts them and its key results (each aligned objective as one key result of weight 1); set progress_from in ${shown} to choose\n`,
    );
  }
  return ExitCode.OK;
}
