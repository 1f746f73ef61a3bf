/** `okr html [dir]`: the status report as one self-contained HTML page, written to a file. */
import path from 'node:path';
import { keyResultTasks } from '../compute/key-result-tasks.js';
import { buildStatusReport, parsePeriodSelection, PERIOD_SELECTION_FORMATS } from '../compute/report.js';
import { scopeStatusReport } from '../compute/scope.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { writeOutputFile } from '../io/output-file.js';
import { workspaceLinkBase } from '../io/repository-root.js';
import { writeAs } from '../output.js';
import { isSafeLinkBase } from '../render/html/escape.js';
import { renderStatusHtml } from '../render/html/document.js';
import { plural } from '../render/words.js';
import { sanitizeLine } from '../safe-text.js';
import { declaresAnything, requireWorkspace, resolveToday, resolveWorkspace } from './shared.js';

export interface HtmlOptions {
  output?: string;
  today?: string;
  period?: string;
  owner?: string;
  linkBase?: string;
  json?: boolean;
}

/** The page's file name when `-o` is not given, in the current directory. */
export const DEFAULT_HTML_OUTPUT = 'okr-report.html';

/**
 * Writes the page for the workspace around `dir` (or the folder `dir` inside one) to `-o` (default
 * `okr-report.html` in the working directory), atomically; says what it wrote (`--json`: as JSON).
 * Problems in the workspace are on the page and do not fail the command (`okr lint` is the gate).
 * Throws a UsageError for a bad `--period`, `--today` or `--link-base`, a UserError when the file
 * cannot be written.
 */
export async function runHtml(dir: string | undefined, options: HtmlOptions, context: CommandContext): Promise<ExitCode> {
  const today = resolveToday(options.today, context);
  const period = parsePeriodSelection(options.period ?? 'current');
  if (!period) throw new UsageError(`--period expects ${PERIOD_SELECTION_FORMATS}; got "${options.period}"`);
  if (options.linkBase !== undefined && options.linkBase !== '' && !isSafeLinkBase(options.linkBase)) {
    throw new UsageError(`--link-base expects an http or https URL, got "${options.linkBase}"`);
  }
  const output = options.output ?? DEFAULT_HTML_OUTPUT;
  if (output === '') throw new UsageError('-o expects a file name');
  const location = await resolveWorkspace(dir, context);
  const { root, scope } = location;

  const { config, model } = await loadWorkspace(root, context.load);
  requireWorkspace(location, declaresAnything(model));
  const whole = buildStatusReport(model, { today, period, owner: options.owner ?? null, thresholds: config.thresholds });
  const report = scope === null ? whole : scopeStatusReport(whole, scope);
  const linkBase = await workspaceLinkBase(options.linkBase, root, context.cwd, context.env);
  // History charts when the workspace is in a git repository (okr history's series).
  const ids = report.objectives.flatMap((o) => (o.id === null ? [] : [o.id]));
  const { historyIfInGit } = await import('../io/history.js');
  const series = ids.length === 0 ? null : await historyIfInGit(root, ids, { env: context.env, load: context.load, today });
  const page = renderStatusHtml(report, { linkBase, tasksOf: keyResultTasks(model), ...(series ? { series } : {}) });
  const bytes = new TextEncoder().encode(page);
  if (output === '-') {
    // The page itself on stdout (for a pipe); what okr says about it stays on stderr.
    // As a patch: its bytes as they are, but workflow commands neutralised under GitHub Actions.
    writeAs(context.stdout, 'patch', page);
    if (report.notice) context.stderr.write(`note: ${sanitizeLine(report.notice)}\n`);
    return ExitCode.OK;
  }
  await writeOutputFile(path.resolve(context.cwd, output), bytes, output);

  const keyResults = report.objectives.reduce((sum, o) => sum + o.keyResults.length, 0);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (options.json) {
    const summary = { schemaVersion: 1, file: output, bytes: bytes.length, objectives: report.objectives.length, keyResults, problems: report.problems.length };
    writeAs(context.stdout, 'json', `${JSON.stringify(summary, null, 2)}\n`);
  } else {
    context.stdout.write(
      `wrote ${sanitizeLine(output)}: ${plural(report.objectives.length, 'objective')}, ${plural(keyResults, 'key result')}, ${formatKilobytes(bytes.length)}\n`,
    );
  }
  if (report.notice) context.stderr.write(`note: ${sanitizeLine(report.notice)}\n`);
  if (errors > 0) context.stderr.write(`note: the page lists ${plural(errors, 'error')} in the workspace; okr lint shows them\n`);
  return ExitCode.OK;
}

function formatKilobytes(size: number): string {
  return `${Math.max(1, Math.round(size / 1024))} kB`;
}
