/** `okr show <id> [dir]`: one objective or key result in full (text, or JSON with --json). */
import { showItem } from '../compute/show.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { openRepository } from '../io/git.js';
import { didYouMean } from '../model/suggest.js';
import { writeAs } from '../output.js';
import { renderShowJson, renderShowText } from '../render/show.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';

export interface ShowOptions {
  today?: string;
  json?: boolean;
}

export async function runShow(id: string, dir: string | undefined, options: ShowOptions, context: CommandContext): Promise<ExitCode> {
  const today = resolveToday(options.today, context);
  const root = await resolveWorkspaceRoot(dir, context);
  const { config, model } = await loadWorkspace(root, context.load);
  const shown = showItem(model, id, { today, thresholds: config.thresholds });
  if (shown.kind === 'unknown') {
    const errors = model.problems.some((p) => p.severity === 'error') ? ' (the workspace has errors: okr lint lists them)' : '';
    throw new UserError(`"${id}" is not an objective or key result in this workspace${didYouMean(id, shown.ids)}${errors}`);
  }
  if (shown.kind === 'duplicate') {
    const places = shown.declarations.map((d) => `${d.file}:${d.line}:${d.column}`).join(', ');
    throw new UserError(`"${id}" is declared ${shown.declarations.length} times (${places}): rename all but one (okr lint lists them)`);
  }
  const history =
    shown.id === null || !(await inGitRepository(root, context))
      ? null
      : await (await import('../io/history.js')).itemHistory(root, shown.id, { env: context.env, load: context.load, today });
  if (options.json) {
    writeAs(context.stdout, 'json', renderShowJson(shown, today, history));
  } else {
    const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    context.stdout.write(renderShowText(shown, style, history));
  }
  return ExitCode.OK;
}

/** Whether `root` is in a git repository (git installed): only then is the history read, and its modules loaded. */
async function inGitRepository(root: string, context: CommandContext): Promise<boolean> {
  try {
    await openRepository(root, context.env);
    return true;
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}
