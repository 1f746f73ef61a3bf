/** `okr diff [<base>] [<head>]`: what changed in the OKRs between two revisions, for reviewers. */
import { diffWorkspaces } from '../compute/diff.js';
import { isInScope, scopeDiff, scopeModelProblems } from '../compute/scope.js';
import type { WorkspaceModel } from '../model/link.js';
import type { CommandContext } from '../context.js';
import type { DiffFormat } from '../options.js';
import { ExitCode } from '../exit-codes.js';
import { checkRevisionArgument } from '../io/git.js';
import { loadRevisionPair } from '../io/revision-workspaces.js';
import { parseSince, SINCE_FORMATS } from '../compute/since.js';
import type { WeeklyReview } from '../compute/review.js';
import { UsageError } from '../errors.js';
import { workspaceLinkBase } from '../io/repository-root.js';
import { renderDiffJson } from '../render/diff-json.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { declaresAnything, parseMaxLength, requireWorkspace, resolveToday, resolveWorkspace } from './shared.js';
import { writeAs } from '../output.js';

export interface DiffOptions {
  today?: string;
  format?: DiffFormat;
  /** Same as `format: 'json'`. */
  json?: boolean;
  dir?: string;
  linkBase?: string;
  maxLength?: string;
  /** `7d`, `2w` or YYYY-MM-DD: compare the working tree with the last commit at or before then (the weekly review). */
  since?: string;
}

export async function runDiff(base: string | undefined, head: string | undefined, options: DiffOptions, context: CommandContext): Promise<ExitCode> {
  // --format is checked by the command line (src/options.ts).
  const format = options.json ? 'json' : (options.format ?? 'text');
  const maxLength = parseMaxLength(options.maxLength, format);
  const today = resolveToday(options.today, context);
  if (base !== undefined) checkRevisionArgument(base, 'base');
  if (head !== undefined) checkRevisionArgument(head, 'head');
  const since = options.since === undefined ? null : parseSince(options.since, today);
  if (options.since !== undefined && since === null) throw new UsageError(`--since expects ${SINCE_FORMATS}, not after --today, got "${options.since}"`);
  if (since !== null && base !== undefined)
    throw new UsageError('--since and a base revision are exclusive: --since compares the working tree with the last commit at or before its date');
  const location = await resolveWorkspace(options.dir, context);
  const { root, scope } = location;

  // The weekly review and each output's renderer are loaded only when asked for: a diff between two
  // commits in JSON loads no more than it needs.
  const weekly = since === null ? null : await import('../io/weekly-review.js');
  const sincePair = since === null ? null : await weekly!.loadSincePair(root, since, { env: context.env, load: context.load });
  const sides = sincePair ?? (await loadRevisionPair(root, base, head, { env: context.env, load: context.load }));
  const [before, after] = [sides.base.workspace, sides.head.workspace];
  requireWorkspace(location, declaresAnything(before.model) || declaresAnything(after.model));
  const scoped = (model: WorkspaceModel) => (scope === null ? model : scopeModelProblems(model, scope));
  const whole = diffWorkspaces(
    { model: scoped(before.model), thresholds: before.config.thresholds },
    { model: scoped(after.model), thresholds: after.config.thresholds },
    { today },
  );
  const diff = scope === null ? whole : scopeDiff(whole, scope);
  let review: WeeklyReview | undefined;
  if (since !== null && sincePair !== null) {
    const found = await weekly!.weeklyReview(sincePair, whole, since, today, after.config.thresholds);
    const inScope = (file: string) => scope === null || isInScope(file, scope);
    review = { ...found, authors: found.authors.filter((a) => inScope(a.file)), stalled: found.stalled.filter((kr) => inScope(kr.file)) };
  }

  const labels = { base: sides.base.label, head: sides.head.label };
  if (format === 'json') {
    writeAs(context.stdout, 'json', renderDiffJson(diff, labels, review));
  } else if (format === 'markdown') {
    const linkBase = await workspaceLinkBase(options.linkBase, root, context.cwd, context.env);
    const [{ renderDiffMarkdown }, { renderReviewMarkdown }] = await Promise.all([import('../render/diff-markdown.js'), import('../render/review.js')]);
    context.stdout.write(renderDiffMarkdown(diff, { ...labels, linkBase, maxLength }) + (review ? renderReviewMarkdown(review, linkBase) : ''));
  } else {
    const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    const [{ renderDiffText }, { renderReviewText }] = await Promise.all([import('../render/diff-text.js'), import('../render/review.js')]);
    context.stdout.write(renderDiffText(diff, { ...labels, style }) + (review ? renderReviewText(review, style) : ''));
  }
  return ExitCode.OK;
}
