/** `okr status [dir]`: progress and health of the objectives in a workspace. */
import { hasErrors } from '../core/problem.js';
import { buildStatusReport, parsePeriodSelection, PERIOD_SELECTION_FORMATS } from '../core/report.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { renderStatusJson } from '../render/json.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { renderProblemsText, renderStatusText } from '../render/text.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';

export interface StatusOptions {
  today?: string;
  period?: string;
  owner?: string;
  json?: boolean;
  format?: string;
}

export async function runStatus(dir: string | undefined, options: StatusOptions, context: CommandContext): Promise<number> {
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
  const today = resolveToday(options.today, context);
  const period = parsePeriodSelection(options.period ?? 'current');
  if (!period) throw new UsageError(`--period expects ${PERIOD_SELECTION_FORMATS}; got "${options.period}"`);
  const root = await resolveWorkspaceRoot(dir, context);

  const { config, model } = await loadWorkspace(root);
  const report = buildStatusReport(model, { today, period, owner: options.owner ?? null, thresholds: config.thresholds });

  const errStyle = createStyle(detectColorLevel(Boolean(context.stderr.isTTY), context.env));
  if (format === 'json') {
    context.stdout.write(renderStatusJson(report));
  } else {
    const style = createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    const width = context.stdout.isTTY && context.stdout.columns ? context.stdout.columns : null;
    context.stdout.write(renderStatusText(report, { style, width }));
  }
  if (report.notice) context.stderr.write(`note: ${report.notice}\n`);
  if (format === 'text') context.stderr.write(renderProblemsText(report.problems, errStyle));
  return hasErrors(report.problems) ? 1 : 0;
}
