/**
 * `okr score [period] [dir]`: the scores and grades of a period's objectives and key results:
 * frozen once `okr close` closed the period, else the projection "if closed today".
 */
import { buildStatusReport, type PeriodSelection } from '../compute/report.js';
import { buildScoreReport, singlePeriod } from '../compute/score-report.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { hasErrors } from '../model/problem.js';
import { parsePeriodLabel, PERIOD_FORMATS, type Period } from '../model/period.js';
import type { WorkspaceModel } from '../model/link.js';
import type { Thresholds } from '../model/config.js';
import type { StatusFormat } from '../options.js';
import { writeAs } from '../output.js';
import { renderScoreJson, renderScoreMarkdown, renderScoreText } from '../render/score.js';
import { declaresAnything, requireWorkspace, resolveToday, resolveWorkspace } from './shared.js';

export interface ScoreOptions {
  today?: string;
  json?: boolean;
  format?: StatusFormat;
}

export async function runScore(periodArg: string | undefined, dir: string | undefined, options: ScoreOptions, context: CommandContext): Promise<ExitCode> {
  const format: StatusFormat = options.json ? 'json' : (options.format ?? 'text');
  const today = resolveToday(options.today, context);
  const location = await resolveWorkspace(dir, context);
  const { config, model } = await loadWorkspace(location.root, { ...context.load, taskItems: false });
  requireWorkspace(location, declaresAnything(model));
  const period = choosePeriod(periodArg, model, today, config.thresholds);
  const report = buildScoreReport(buildStatusReport(model, { today, period: { kind: 'period', period }, owner: null, thresholds: config.thresholds }), period);
  if (format === 'json') writeAs(context.stdout, 'json', renderScoreJson(report));
  else if (format === 'markdown') context.stdout.write(renderScoreMarkdown(report));
  else context.stdout.write(renderScoreText(report));
  const errors = model.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) context.stderr.write(`okr: the workspace has ${errors} error${errors === 1 ? '' : 's'}: run okr lint to see them\n`);
  return hasErrors(model.problems) ? ExitCode.PROBLEMS : ExitCode.OK;
}

/**
 * The period named (`current` or none: the one period of the objectives current on `today`), as a
 * Period. Throws a UsageError for text that is no period, a UserError when `current` is no single period.
 */
export function choosePeriod(value: string | undefined, model: WorkspaceModel, today: string, thresholds: Thresholds): Period {
  if (value !== undefined && value !== 'current') {
    const period = parsePeriodLabel(value);
    if (!period) throw new UsageError(`expected a period (${PERIOD_FORMATS}) or current, got "${value}"`);
    return period;
  }
  const current: PeriodSelection = { kind: 'current' };
  const found = singlePeriod(buildStatusReport(model, { today, period: current, owner: null, thresholds }));
  if (found === null) throw new UserError(`no objective has a period that can be read: name a period, such as ${today.slice(0, 4)}-Q1`);
  if (Array.isArray(found)) throw new UserError(`the current objectives belong to several periods (${found.join(', ')}): name one`);
  return found;
}
