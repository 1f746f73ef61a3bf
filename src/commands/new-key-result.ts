/** `okr new kr <objective-id>`: a key result appended to an objective's `key_results:` from `key-result.yaml`. */
import path from 'node:path';
import { planAddKeyResult, verifyAddKeyResult } from '../edit/key-results.js';
import { parseOkrText } from '../parse/file-facts.js';
import { describeSchemaIssues, validateKeyResult } from '../parse/schema.js';
import { didYouMean } from '../model/suggest.js';
import { applySplices } from '../edit/splice.js';
import { parseYaml } from '../parse/yaml.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { terminalPrompter, type Prompter } from '../io/prompter.js';
import { readFileForEdit, releaseSnapshot, type FileSnapshot, type WriteHooks } from '../io/write-file-atomic.js';
import { askLine, askNumber, askOptional, checkedLine, isInteractive, numberFlag, requireValues } from './ask.js';
import { commitEdit, displayPath, noteDryRun, plan, refuseUnverified } from './edit-support.js';
import { chooseId, render, type NewFlags } from './new-support.js';
import { resolveWorkspaceRoot } from './shared.js';

export type MeasureKind = 'metric' | 'milestone' | 'tasks';
const MEASURES: readonly MeasureKind[] = ['metric', 'milestone', 'tasks'];

export interface NewKeyResultOptions extends NewFlags {
  id?: string;
  title?: string;
  owner?: string;
  measure?: string;
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
  if (options.measure !== undefined && !MEASURES.includes(options.measure as MeasureKind)) {
    throw new UsageError(`--measure expects metric, milestone or tasks, got "${options.measure}"`);
  }
  const metricFlags = [options.start, options.target, options.current, options.unit].some((value) => value !== undefined);
  if (metricFlags && options.measure !== undefined && options.measure !== 'metric') {
    throw new UsageError(`--start, --target, --current and --unit are for a metric, not --measure ${options.measure}`);
  }
  let measure = (options.measure as MeasureKind | undefined) ?? (metricFlags ? 'metric' : undefined);
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
  const { config, model } = await loadWorkspace(root);
  let objectiveId = objectiveArg;
  if (objectiveId === undefined) {
    if (model.objectives.length === 0) throw new UserError('there are no objectives in this workspace yet: create one with okr new objective');
    objectiveId = await prompter.select({ message: 'Add a key result to which objective?', choices: model.objectives.map((o) => ({ name: `${o.id} · ${o.title}`, value: o.id })) });
  }
  const objective = model.objectivesById.get(objectiveId);
  if (!objective) throw new UserError(`"${objectiveId}" is not an objective in this workspace${didYouMean(objectiveId, model.objectivesById.keys())}`);

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
    current: measure === 'metric' ? current : undefined,
    unit: measure === 'metric' ? unit : undefined,
    done: measure === 'milestone' ? false : undefined,
    weight: flags.weight,
  };
  const rendered = await render(root, 'key-result.yaml', values, 'all');
  const entry = readEntry(rendered.origin, rendered.text, id);

  const absolute = path.join(root, objective.file);
  const shown = displayPath(context, absolute);
  const snapshot = await readFileForEdit(absolute, shown, root, config.maxFileSize, { lock: !options.dryRun });
  try {
    return await addKeyResult(snapshot, entry, id, measure, options, context, hooks);
  } finally {
    await releaseSnapshot(snapshot);
  }
}

/** Plans, checks and writes the new key result into the objective file read (and locked) for editing. */
async function addKeyResult(
  snapshot: FileSnapshot,
  entry: { lines: string[]; data: Record<string, unknown> },
  id: string,
  measure: MeasureKind,
  options: NewKeyResultOptions,
  context: CommandContext,
  hooks?: WriteHooks,
): Promise<ExitCode> {
  const shown = snapshot.displayPath;
  const splices = plan(shown, snapshot.text, () => planAddKeyResult(snapshot.text, entry));
  const problem = verifyAddKeyResult(snapshot.text, splices, entry);
  if (problem) refuseUnverified(shown, problem);
  const before = parseOkrText(shown, snapshot.text);
  const after = parseOkrText(shown, applySplices(snapshot.text, splices));
  const errors = (facts: typeof before) => facts.problems.filter((p) => p.severity === 'error');
  if (errors(after).length > errors(before).length) refuseUnverified(shown, `it would make the file invalid (${errors(after).at(-1)!.message})`);
  const added = after.objective?.keyResults.find((kr) => kr.id === id);
  if (!added) refuseUnverified(shown, `the new key result "${id}" would not read back`);

  const result = await commitEdit(snapshot, splices, options, context, hooks);
  if (!result.written) {
    noteDryRun(context);
    return ExitCode.OK;
  }
  const next =
    measure === 'metric' ? `record progress with okr checkin ${id} <value>` : measure === 'milestone' ? `mark it reached with okr checkin ${id} true` : `add tasks with okr new task ${id}`;
  context.stdout.write(`Added key result "${id}" (${measure}) to ${shown}:${added.line}\nNext: ${next}\n`);
  return ExitCode.OK;
}

/** The rendered template as lines and as data; it must be one valid key result. */
function readEntry(origin: string, text: string, id: string): { lines: string[]; data: Record<string, unknown> } {
  const parsed = parseYaml(text);
  const issue = parsed.issues[0];
  if (issue) throw new UserError(`${origin} renders invalid YAML (${issue.message}): fix the template (nothing written)`);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UserError(`${origin} must render a mapping of keys to values (nothing written)`);
  const result = validateKeyResult(data);
  if (!result.success) {
    const first = describeSchemaIssues(result.error, data)[0];
    throw new UserError(`${origin} renders an invalid key result (${first?.message ?? 'schema error'}): fix the template (nothing written)`);
  }
  if ((data as Record<string, unknown>).id !== id) throw new UserError(`${origin} must keep "id: {{id}}" (nothing written)`);
  const lines = text.split(/\r\n|\n|\r/);
  // The first line takes the list's "- ", so it must be a key; comments before it are dropped.
  while (lines.length > 0 && /^\s*(#.*)?$/.test(lines[0]!)) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return { lines, data: data as Record<string, unknown> };
}
