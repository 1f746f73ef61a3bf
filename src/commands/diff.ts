/** `okr diff [<base>] [<head>]`: what changed in the OKRs between two revisions, for reviewers. */
import { diffWorkspaces } from '../compute/diff.js';
import type { CommandContext } from '../context.js';
import type { DiffFormat } from '../options.js';
import { ExitCode } from '../exit-codes.js';
import { checkRevisionArgument, defaultBase, openRepository, pathInRepository, requireCommit, shortCommit } from '../io/git.js';
import { loadWorkspaceAtCommit } from '../io/git-workspace.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { workspaceLinkBase } from '../io/repository-root.js';
import { renderDiffJson } from '../render/diff-json.js';
import { renderDiffMarkdown } from '../render/diff-markdown.js';
import { renderDiffText } from '../render/diff-text.js';
import type { RevisionLabel } from '../render/diff-words.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { parseMaxLength, resolveToday, resolveWorkspaceRoot } from './shared.js';
import { writeAs } from '../output.js';

export interface DiffOptions {
  today?: string;
  format?: DiffFormat;
  /** Same as `format: 'json'`. */
  json?: boolean;
  dir?: string;
  linkBase?: string;
  maxLength?: string;
}

export async function runDiff(base: string | undefined, head: string | undefined, options: DiffOptions, context: CommandContext): Promise<ExitCode> {
  // --format is checked by the command line (src/options.ts).
  const format = options.json ? 'json' : (options.format ?? 'text');
  const maxLength = parseMaxLength(options.maxLength, format);
  const today = resolveToday(options.today, context);
  if (base !== undefined) checkRevisionArgument(base, 'base');
  if (head !== undefined) checkRevisionArgument(head, 'head');
  const root = await resolveWorkspaceRoot(options.dir, context);

  const repo = await openRepository(root, context.env);
  const directory = await pathInRepository(repo, root);

  let baseLabel: RevisionLabel;
  let baseCommit: string;
  if (base === undefined) {
    const found = await defaultBase(repo);
    baseCommit = found.commit;
    const note = `merge-base of HEAD and ${found.branch}`;
    baseLabel = { revision: null, commit: found.commit, description: `${shortCommit(found.commit)} (${note})`, note };
  } else {
    baseCommit = await requireCommit(repo, base, 'base');
    baseLabel = { revision: base, commit: baseCommit, description: `${base} (${shortCommit(baseCommit)})`, note: null };
  }
  let headLabel: RevisionLabel = { revision: null, commit: null, description: 'the working tree', note: null };
  let headCommit: string | null = null;
  if (head !== undefined) {
    headCommit = await requireCommit(repo, head, 'head');
    headLabel = { revision: head, commit: headCommit, description: `${head} (${shortCommit(headCommit)})`, note: null };
  }

  const [before, after] = await Promise.all([
    loadWorkspaceAtCommit(repo, baseCommit, directory, context.load),
    headCommit === null ? loadWorkspace(root, context.load) : loadWorkspaceAtCommit(repo, headCommit, directory, context.load),
  ]);
  const diff = diffWorkspaces({ model: before.model, thresholds: before.config.thresholds }, { model: after.model, thresholds: after.config.thresholds }, { today });

  const labels = { base: baseLabel, head: headLabel };
  if (format === 'json') {
    writeAs(context.stdout, 'json', renderDiffJson(diff, labels));
  } else if (format === 'markdown') {
    const linkBase = await workspaceLinkBase(options.linkBase, root, context.cwd, context.env);
    context.stdout.write(renderDiffMarkdown(diff, { ...labels, linkBase, maxLength }));
  } else {
    const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
    context.stdout.write(renderDiffText(diff, { ...labels, style }));
  }
  return ExitCode.OK;
}
