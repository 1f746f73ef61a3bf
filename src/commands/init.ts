/**
 * `okr init [dir]`: okr.config.yaml and a small starter workspace (one objective with a metric, a
 * milestone and a task-measured key result, and its task file). Never overwrites anything: when any
 * of the files exists, nothing is written.
 */
import { lstat, mkdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, parseConfig } from '../parse/config.js';
import { parsePeriodLabel, PERIOD_FORMATS } from '../model/period.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { locateWorkspace } from '../io/find-root.js';
import { CONFIG_FILES } from '../model/config.js';
import { describeFsError } from '../io/guarded-file.js';
import type { WriteHooks } from '../io/edit-file.js';
import { createFiles, type NewFile } from './apply-edit.js';
import { displayPath, type EditFlags } from './edit-support.js';
import { currentQuarter } from './new-objective.js';
import { checkRendered, render } from './new-support.js';
import { resolveToday } from './shared.js';

export interface InitOptions extends EditFlags {
  period?: string;
  today?: string;
}

/** The starter files, relative to the new workspace, each rendered from `templates/init/<same path>`. */
export const STARTER_FILES = [CONFIG_FILE, 'objectives/launch.md', 'tasks/launch-checklist.md'] as const;

export async function runInit(dir: string | undefined, options: InitOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  const period = options.period ?? currentQuarter(resolveToday(options.today, context));
  const label = parsePeriodLabel(period)?.label;
  if (!label) throw new UsageError(`--period expects ${PERIOD_FORMATS}, got "${period}"`);
  const root = path.resolve(context.cwd, dir ?? '.');
  const info = await lstat(root).catch(() => null);
  if (info && !info.isDirectory()) throw new UsageError(`${displayPath(context, root)} exists and is not a directory`);

  const files = STARTER_FILES.map((relative) => ({ relative, absolute: path.join(root, relative) }));
  const taken: string[] = [];
  for (const file of files) {
    if (await lstat(file.absolute).catch(() => null)) taken.push(displayPath(context, file.absolute));
  }
  // okr.config.yml is read the same as okr.config.yaml: a workspace with one gets no second.
  for (const name of CONFIG_FILES.filter((name) => name !== CONFIG_FILE)) {
    if (await lstat(path.join(root, name)).catch(() => null)) taken.push(displayPath(context, path.join(root, name)));
  }
  if (taken.length > 0) {
    throw new UserError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}: okr init does not overwrite anything (nothing written)`);
  }

  const rendered: (NewFile & { relative: string })[] = [];
  for (const file of files) {
    const shown = displayPath(context, file.absolute);
    const { origin, text } = await render(root, `init/${file.relative}`, { period: label }, file.relative.endsWith('.md') ? 'front-matter' : 'all');
    if (file.relative === CONFIG_FILE) {
      const problem = parseConfig(text).problems[0];
      if (problem) throw new UserError(`${origin} renders an invalid config (${problem.message}) (nothing written)`);
    } else {
      checkRendered(origin, shown, text);
    }
    rendered.push({ relative: file.relative, absolutePath: file.absolute, shown, text });
  }

  if (options.dryRun) {
    await createFiles(root, rendered, options, context);
    return ExitCode.OK;
  }
  const outer = await locateWorkspace(path.dirname(root)).catch(() => null);
  // The workspace folder itself is the user's to name; what goes in it must stay inside it.
  const createdRoot = await makeDirectories(root);
  try {
    await createFiles(root, rendered, options, context, hooks);
  } catch (error) {
    // All or nothing: createFiles removed what it created; the workspace folder goes too.
    for (const created of createdRoot.reverse()) await rmdir(created).catch(() => undefined);
    throw error;
  }

  const here = root === path.resolve(context.cwd);
  const where = here ? '.' : displayPath(context, root);
  context.stdout.write(`Created an okr workspace in ${where} for ${label}:\n`);
  for (const file of rendered) context.stdout.write(`  ${file.shown}\n`);
  const statusCommand = here ? 'okr status' : `okr status ${where}`;
  context.stdout.write(`Next: ${statusCommand}, then edit the starter objective or add your own with okr new objective\n`);
  if (outer?.configFile) {
    const outerShown = outer.root === path.resolve(context.cwd) ? '.' : displayPath(context, outer.root);
    context.stderr.write(`note: ${where} is inside the okr workspace in ${outerShown}, which reads these files too: rename the starter ids if they clash there\n`);
  }
  return ExitCode.OK;
}

/** mkdir -p that reports which directories it created, so they can be removed again. */
async function makeDirectories(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = dir; !(await lstat(current).catch(() => null)); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  // One at a time: mkdir's recursive mode can loop forever on special file systems such as /proc.
  const created: string[] = [];
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      for (const done of created.reverse()) await rmdir(done).catch(() => undefined);
      throw new UserError(`${path.basename(dir)}: cannot create the folder: ${describeFsError(error)} (nothing written)`);
    }
    created.push(folder);
  }
  return missing;
}
