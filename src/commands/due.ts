/** `okr due [dir]`: the key results of the current period whose owners owe a check-in. */
import { findDue, taskCadences } from '../compute/due.js';
import { isInScope } from '../compute/scope.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { workspaceLinkBase } from '../io/repository-root.js';
import { taskMovesWithin } from '../io/task-moves.js';
import type { StatusFormat } from '../options.js';
import { writeAs } from '../output.js';
import { renderDueJson, renderDueMarkdown, renderDueText } from '../render/due.js';
import { declaresAnything, pathFromCwd, requireWorkspace, resolveToday, resolveWorkspace } from './shared.js';

export interface DueOptions {
  today?: string;
  owner?: string;
  format?: StatusFormat;
  /** Same as `format: 'json'`. */
  json?: boolean;
  /** Exit 1 when anything is due. */
  failOnDue?: boolean;
  linkBase?: string;
}

export async function runDue(dir: string | undefined, options: DueOptions, context: CommandContext): Promise<ExitCode> {
  const format = options.json ? 'json' : (options.format ?? 'text');
  const today = resolveToday(options.today, context);
  if (options.owner !== undefined && options.owner.trim() === '') throw new UserError('--owner expects a name', ExitCode.USAGE);
  const location = await resolveWorkspace(dir, context);
  const { root, scope } = location;
  const { config, model } = await loadWorkspace(root, context.load);
  requireWorkspace(location, declaresAnything(model));
  // Task-measured key results: due when their task items did not move in git within the cadence.
  const moves = await taskMovesWithin(root, model, today, taskCadences(model, today, config.cadenceDays), { env: context.env, load: context.load });
  const all = findDue(model, { today, cadenceDays: config.cadenceDays, owner: options.owner ?? null, thresholds: config.thresholds, tasksMoved: moves });
  const inScope = scope === null ? all : all.filter((item) => isInScope(item.file, scope));
  const labels = { today, owner: options.owner ?? null };
  if (format === 'json') writeAs(context.stdout, 'json', renderDueJson(inScope, labels));
  else if (format === 'markdown') context.stdout.write(renderDueMarkdown(inScope, labels, await workspaceLinkBase(options.linkBase, root, context.cwd, context.env)));
  else context.stdout.write(renderDueText(inScope, labels, pathFromCwd(root, context.cwd)));
  return options.failOnDue && inScope.length > 0 ? ExitCode.PROBLEMS : ExitCode.OK;
}
