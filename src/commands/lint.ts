/** `okr lint [dir]`: every problem in a workspace (or in its files under `dir`), located at file:line:column. */
import { scopeProblems } from '../compute/scope.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { LintFormat } from '../options.js';
import { ExitCode } from '../exit-codes.js';
import { lintWorkspace } from '../io/lint-workspace.js';
import { annotationBase, pathMapper } from '../io/repository-root.js';
import { readSourceLines } from '../io/source-lines.js';
import { renderGithubAnnotations } from '../render/github-annotations.js';
import { lintJsonPieces } from '../render/lint-json.js';
import { renderLintText, summaryLine } from '../render/lint-text.js';
import { createStyle, detectColorLevel, plainStyle } from '../render/style.js';
import { plural } from '../render/words.js';
import { declaresAnything, pathFromCwd, requireWorkspace, resolveWorkspace } from './shared.js';
import { writeAs, writePiecesAs } from '../output.js';

export interface LintOptions {
  format?: LintFormat;
  /** Same as `format: 'json'`. */
  json?: boolean;
  maxWarnings?: string;
}

export async function runLint(dir: string | undefined, options: LintOptions, context: CommandContext): Promise<ExitCode> {
  // --format is checked by the command line (src/options.ts).
  const format = options.json ? 'json' : (options.format ?? 'text');
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const location = await resolveWorkspace(dir, context);
  const { root, scope } = location;

  // Problems need no task item, only their counts (see LoadOptions.taskItems).
  const { problems: all, workspace } = await lintWorkspace(root, { ...context.load, taskItems: false });
  const { config, files, model } = workspace;
  requireWorkspace(location, declaresAnything(model));
  const problems = scope === null ? all : scopeProblems(all, scope);

  if (format === 'json') {
    await writePiecesAs(context.stdout, 'json', lintJsonPieces(problems));
  } else if (format === 'github') {
    const base = await annotationBase(root, context.cwd, context.env);
    writeAs(context.stdout, 'workflow-commands', renderGithubAnnotations(problems, { repositoryPath: await pathMapper(root, base) }));
    if (problems.length > 0) context.stderr.write(`okr lint: ${summaryLine(problems, plainStyle)}\n`);
  } else {
    const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    const sourceLine = readSourceLines(
      root,
      files,
      problems.map((p) => p.file),
      config.maxFileSize,
    );
    context.stdout.write(renderLintText(problems, { style, sourceLine, showPath: pathFromCwd(root, context.cwd) }));
  }

  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (errors > 0) return ExitCode.PROBLEMS;
  if (maxWarnings !== null && warnings > maxWarnings) {
    context.stderr.write(`okr: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings} allows\n`);
    return ExitCode.PROBLEMS;
  }
  return ExitCode.OK;
}

function parseMaxWarnings(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number of 0 or more, got "${value}"`);
  return Number(value);
}
