/** `okr status [dir]`: progress and health of the objectives in a workspace, or of those under `dir` inside one. */
import { hasErrors } from '../model/problem.js';
import { scopeStatusReport } from '../compute/scope.js';
import { buildStatusReport, parsePeriodSelection, PERIOD_SELECTION_FORMATS, type ReportStatus, type StatusReport } from '../compute/report.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { FailOn, StatusFormat } from '../options.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { workspaceLinkBase } from '../io/repository-root.js';
import { statusJsonPieces } from '../render/json.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { declaresAnything, parseMaxLength, pathFromCwd, requireWorkspace, resolveToday, resolveWorkspace } from './shared.js';
import { writePiecesAs } from '../output.js';
import { sanitizeLine } from '../safe-text.js';

export interface StatusOptions {
  today?: string;
  period?: string;
  owner?: string;
  json?: boolean;
  format?: StatusFormat;
  failOn?: FailOn;
  linkBase?: string;
  maxLength?: string;
  /** A git revision: the report as it stood there (`today` its committer date unless given). */
  at?: string;
}

/** `--fail-on` thresholds, each failing on itself and everything worse. */
const FAIL_ON: Record<FailOn, readonly ReportStatus[]> = { 'at-risk': ['at-risk', 'off-track'], 'off-track': ['off-track'] };

export async function runStatus(dir: string | undefined, options: StatusOptions, context: CommandContext): Promise<ExitCode> {
  // --format and --fail-on are checked by the command line (src/options.ts).
  const format: StatusFormat = options.json ? 'json' : (options.format ?? 'text');
  const maxLength = parseMaxLength(options.maxLength, format);
  const period = parsePeriodSelection(options.period ?? 'current');
  if (!period) throw new UsageError(`--period expects ${PERIOD_SELECTION_FORMATS}; got "${options.period}"`);
  const location = await resolveWorkspace(dir, context);
  const { root, scope } = location;

  // Loaded only for --at: reading git revisions loads the parser, which a warm run never does.
  const loaded =
    options.at === undefined ? null : await (await import('../io/history.js')).loadWorkspaceAtDatedRevision(root, options.at, { env: context.env, load: context.load });
  // At a revision, today is its committer date unless --today is given.
  const today = loaded && options.today === undefined ? loaded.date : resolveToday(options.today, context);
  // A report of numbers: task items are counted, never held (see LoadOptions.taskItems).
  const { config, model } = loaded?.workspace ?? (await loadWorkspace(root, { ...context.load, taskItems: false }));
  requireWorkspace(location, declaresAnything(model));
  const whole = buildStatusReport(model, { today, period, owner: options.owner ?? null, thresholds: config.thresholds });
  const report = scope === null ? whole : scopeStatusReport(whole, scope);

  const errStyle = await createStyle(detectColorLevel(Boolean(context.stderr.isTTY), context.env));
  if (format === 'json') {
    await writePiecesAs(context.stdout, 'json', statusJsonPieces(report));
  } else if (format === 'markdown') {
    // Each format's renderer is loaded when asked for: JSON needs neither (nor string-width).
    const { renderStatusMarkdown } = await import('../render/markdown.js');
    const linkBase = await workspaceLinkBase(options.linkBase, root, context.cwd, context.env);
    context.stdout.write(renderStatusMarkdown(report, { linkBase, maxLength }));
  } else {
    const { renderStatusText } = await import('../render/text.js');
    const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    const width = context.stdout.isTTY && context.stdout.columns ? context.stdout.columns : null;
    context.stdout.write(renderStatusText(report, { style, width }));
  }
  if (report.notice) context.stderr.write(`note: ${sanitizeLine(report.notice)}\n`);
  if (format === 'text') context.stderr.write((await import('../render/text.js')).renderProblemsText(report.problems, errStyle, pathFromCwd(root, context.cwd)));
  const failing = failingKeyResults(report, options.failOn);
  if (failing > 0) {
    const words = options.failOn === 'at-risk' ? 'at risk or off track' : 'off track';
    context.stderr.write(`okr: ${failing} key result${failing === 1 ? ' is' : 's are'} ${words} (--fail-on ${options.failOn})\n`);
  }
  return hasErrors(report.problems) || failing > 0 ? ExitCode.PROBLEMS : ExitCode.OK;
}

function failingKeyResults(report: StatusReport, failOn: FailOn | undefined): number {
  if (failOn === undefined) return 0;
  const statuses: readonly ReportStatus[] = FAIL_ON[failOn];
  return report.objectives.flatMap((o) => o.keyResults).filter((kr) => statuses.includes(kr.status)).length;
}
