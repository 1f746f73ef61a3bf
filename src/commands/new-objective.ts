/** `okr new objective`: a new objective file from the `objective.md` template. */
import path from 'node:path';
import { parsePeriodLabel, PERIOD_FORMATS } from '../model/period.js';
import { didYouMean } from '../model/suggest.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { terminalPrompter, type Prompter } from '../io/prompter.js';
import type { WriteHooks } from '../io/edit-file.js';
import { askLine, askOptional, checkedLine, isInteractive, requireValues } from './ask.js';
import { createFiles } from './apply-edit.js';
import { displayPath } from './edit-support.js';
import { checkNewFilePath, checkRendered, chooseId, exists, folderFor, render, type NewFlags } from './new-support.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';

export interface NewObjectiveOptions extends NewFlags {
  id?: string;
  title?: string;
  owner?: string;
  period?: string;
  parent?: string;
  file?: string;
  today?: string;
  /** Carry-over: the objective this one continues (see new-objective-from.ts). */
  from?: string;
}

export async function runNewObjective(options: NewObjectiveOptions, context: CommandContext, prompter: Prompter = terminalPrompter(), hooks?: WriteHooks): Promise<ExitCode> {
  if (options.from !== undefined) return (await import('./new-objective-from.js')).runNewObjectiveFrom({ ...options, from: options.from }, context, hooks);
  const interactive = isInteractive(context, options);
  requireValues(interactive, 'okr new objective', [options.title === undefined && '--title', options.period === undefined && '--period']);
  // The clock is read only to offer the current quarter.
  const quarter = () => currentQuarter(resolveToday(options.today, context));
  const root = await resolveWorkspaceRoot(options.dir, context);
  const { model } = await loadWorkspace(root, context.load);

  if (options.title !== undefined) checkedLine('title', '--title', options.title);
  if (options.owner !== undefined) checkedLine('owner', '--owner', options.owner);
  if (options.period !== undefined && !parsePeriodLabel(options.period)) throw new UsageError(`--period expects ${PERIOD_FORMATS}, got "${options.period}"`);
  const duplicated = options.parent === undefined ? undefined : model.duplicateIds.objectives.get(options.parent);
  if (duplicated) {
    const places = duplicated.map((d) => `${d.file}:${d.line}:${d.column}`).join(', ');
    throw new UserError(`--parent "${options.parent}" is declared ${duplicated.length} times (${places}): rename all but one before aligning under it`);
  }
  if (options.parent !== undefined && !model.objectivesById.has(options.parent)) {
    throw new UserError(`--parent "${options.parent}" is not an objective in this workspace${didYouMean(options.parent, model.objectivesById.keys())}`);
  }

  const title = options.title?.trim() ?? (await askLine(prompter, 'Title of the objective', 'the title'));
  const period =
    options.period ??
    (
      await prompter.text({
        message: `Period (${PERIOD_FORMATS})`,
        default: quarter(),
        validate: (value) => (parsePeriodLabel(value.trim()) ? null : `use ${PERIOD_FORMATS}, such as ${quarter()}`),
      })
    ).trim();
  const owner = options.owner?.trim() ?? (interactive ? await askOptional(prompter, 'Owner') : undefined);
  let parent = options.parent;
  if (parent === undefined && interactive && model.objectives.length > 0) {
    parent =
      (await prompter.select<string | null>({
        message: 'Aligned under which objective?',
        choices: [{ name: '(none: a top-level objective)', value: null }, ...model.objectives.map((o) => ({ name: `${o.id} · ${o.title}`, value: o.id }))],
        default: null,
      })) ?? undefined;
  }

  const folder = await folderFor(
    root,
    model.objectives.map((o) => o.file),
    'objectives',
  );
  const fileFor = (id: string) => (options.file !== undefined ? path.resolve(context.cwd, options.file) : path.join(folder, `${id}.md`));
  const id = await chooseIdWithFile(model, options, title, fileFor);
  const absolute = fileFor(id);
  const shown = displayPath(context, absolute, root);
  checkNewFilePath(root, absolute, shown);
  if (await exists(absolute)) throw new UserError(`${shown} already exists: okr does not overwrite it (choose another --id or --file)`);

  const label = parsePeriodLabel(period)!.label;
  const rendered = await render(root, 'objective.md', { id, title, owner, period: label, parent }, 'front-matter');
  const facts = checkRendered(rendered.origin, shown, rendered.text);
  if (facts.objective?.id !== id) throw new UserError(`${rendered.origin} does not render an objective with id "${id}": fix the template (nothing written)`);

  if (!(await createFiles(root, [{ absolutePath: absolute, shown, text: rendered.text }], options, context, hooks))) return ExitCode.OK;
  context.stdout.write(`Created objective "${id}" in ${shown}\nNext: add key results with okr new kr ${id}\n`);
  return ExitCode.OK;
}

async function chooseIdWithFile(model: Parameters<typeof chooseId>[0], options: NewObjectiveOptions, title: string, fileFor: (id: string) => string): Promise<string> {
  if (options.file !== undefined) return chooseId(model, options.id, title, 'objective');
  // Ids whose file name is taken are skipped too; existence is checked up front for the few candidates.
  const taken = new Set<string>();
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = chooseId(model, options.id, title, 'objective', (candidate) => !taken.has(candidate));
    if (options.id !== undefined || !(await exists(fileFor(id)))) return id;
    taken.add(id);
  }
  throw new UserError('cannot find a free id for the objective: pass --id');
}

/** `2026-Q4` for a date in October to December 2026. */
export function currentQuarter(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return `${year}-Q${Math.floor((month! - 1) / 3) + 1}`;
}
