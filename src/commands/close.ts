/**
 * `okr close <period>`: freezes the scores of a period. Writes `closed:` and `score:` (and
 * `close_note:`) into every objective of the period and `score:` into each of its key results, and
 * `progress_at_close:` into those whose score was set by hand.
 * Refuses, writing nothing, when an objective of the period has errors or the period is closed.
 * Every file is planned and verified before any is written; a write that fails stops the close and
 * says which files were written and which were not (a second run closes the rest). `--tag`, as
 * `npm version`: refuses when the files or the index have uncommitted changes, then commits the
 * closed files and tags that commit.
 */
import path from 'node:path';
import { closeEdit, roundScore } from '../edit/close.js';
import { buildStatusReport } from '../compute/report.js';
import { buildScoreReport, type ObjectiveScoreRow } from '../compute/score-report.js';
import { gradeOf } from '../compute/score.js';
import { parsePeriodLabel, PERIOD_FORMATS } from '../model/period.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import { releaseSnapshot, type WriteHooks } from '../io/edit-file.js';
import { terminalPrompter, type Prompter } from '../io/prompter.js';
import { formatScore } from '../render/score-words.js';
import { renderCloseTagMessage } from '../render/score.js';
import { sanitizeLine } from '../safe-text.js';
import { noteDryRun } from './apply-edit.js';
import { askOptional, isInteractive } from './ask.js';
import { displayPath, type EditFlags } from './edit-support.js';
import { finishEdit, prepareEdit, type PreparedEdit } from './edit-steps.js';
import { refuseClosingErrors } from './close-checks.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';

export interface CloseOptions extends EditFlags {
  today?: string;
  note?: string;
  /** False with --no-input. */
  input?: boolean;
  tag?: boolean;
  dir?: string;
}

export async function runClose(periodArg: string, options: CloseOptions, context: CommandContext, prompter: Prompter = terminalPrompter(), hooks?: WriteHooks): Promise<ExitCode> {
  const period = parsePeriodLabel(periodArg);
  if (!period) throw new UsageError(`expected a period to close (${PERIOD_FORMATS}), got "${periodArg}"`);
  if (options.note !== undefined && options.note.trim() === '') throw new UsageError('--note must not be empty');
  const today = resolveToday(options.today, context);
  const root = await resolveWorkspaceRoot(options.dir, context);
  const { config, model } = await loadWorkspace(root, context.load);
  const report = buildScoreReport(buildStatusReport(model, { today, period: { kind: 'period', period }, owner: null, thresholds: config.thresholds }), period);
  const label = sanitizeLine(period.label);
  if (report.objectives.length === 0) throw new UserError(`no objective of ${label} in ${root}: nothing to close`);

  refuseClosingErrors(model, report, period, today);
  const open = report.objectives.filter((o) => o.closed === null);
  if (open.length === 0) throw new UserError(`${label} is already closed (on ${report.objectives[0]!.closed}): nothing written`);
  const tagName = `okr/${period.label}`;
  const git = options.tag ? await import('../io/git.js') : null;
  const repo = git ? await git.openRepository(root, context.env) : null;
  const tags = repo ? await import('../io/git-tag.js') : null;
  if (repo && tags && (await tags.tagExists(repo, tagName))) throw new UserError(`the tag ${tagName} already exists: nothing written`);
  if (repo && tags) {
    // As npm version: the commit holds the closed files and nothing else, so they must be clean and the index empty.
    const { changed, staged } = await tags.uncommittedChanges(
      repo,
      open.map((o) => path.join(root, o.file)),
    );
    const dirty = changed.map((file) => displayPath(context, file, root)).join(', ');
    if (dirty !== '') throw new UserError(sanitizeLine(`--tag commits the closed files, but ${dirty} has changes not committed: commit or stash them first; nothing written`));
    if (staged.length > 0)
      throw new UserError(sanitizeLine(`--tag commits only the closed files, but changes are staged (${staged.join(', ')}): commit or unstage them first; nothing written`));
  }

  const interactive = isInteractive(context, options);
  for (const o of open) {
    o.closeNote = options.note ?? (interactive ? ((await askOptional(prompter, `Closing note for ${sanitizeLine(o.id ?? o.file)}: what did you learn?`)) ?? null) : null);
  }

  const works: { row: ObjectiveScoreRow; shown: string; prepared?: PreparedEdit<ReturnType<typeof closeEdit>> }[] = open.map((row) => ({
    row,
    shown: displayPath(context, path.join(root, row.file), root),
  }));
  const written: string[] = [];
  const writtenFiles: string[] = [];
  try {
    for (const work of works) {
      const { row } = work;
      // No score (an invalid key result, an objective without key results) is written as none, never 0.
      const scores = row.keyResults.map((kr) => kr.score);
      // A score set by hand never matched the progress: freeze that too, for okr lint to compare with.
      const progress = row.keyResults.map((kr) => (kr.scoreSource === 'manual' ? kr.progress : null));
      const plan = { closed: today, score: row.score, keyResultScores: scores, keyResultProgress: progress, note: row.closeNote };
      const target = { absolutePath: path.join(root, row.file), shown: work.shown, root, maxFileSize: config.maxFileSize };
      work.prepared = await prepareEdit(
        target,
        (before) => {
          if (before.facts.objective?.keyResults.length !== scores.length) throw new UserError(`${work.shown} changed while okr was reading the workspace: run the command again`);
          return closeEdit(before, plan);
        },
        options,
      );
      // What the tag message and the summary show: the scores as frozen.
      row.score = plan.score === null ? null : roundScore(plan.score);
      row.grade = row.score === null ? null : gradeOf(row.score);
      row.closed = today;
      for (const kr of row.keyResults) if (kr.score !== null) kr.grade = gradeOf((kr.score = roundScore(kr.score)));
    }
    for (const work of works) {
      try {
        if (!(await finishEdit(work.prepared!, options, context, hooks))) continue;
        written.push(work.shown);
        writtenFiles.push(path.join(root, work.row.file));
      } catch (error) {
        const notWritten = works.slice(works.indexOf(work)).map((w) => w.shown);
        const reason = error instanceof Error ? error.message : String(error);
        throw new UserError(
          `closing ${label} stopped: ${reason}; written: ${written.length > 0 ? written.join(', ') : 'none'}; not written: ${notWritten.join(', ')}; fix the cause and run okr close ${label} again to close the rest${options.tag ? '; nothing committed, no tag made' : ''}`,
        );
      }
    }
  } finally {
    for (const work of works) if (work.prepared) await releaseSnapshot(work.prepared.snapshot);
  }
  if (options.dryRun) {
    noteDryRun(context);
    if (options.tag) context.stderr.write(`note: would commit the closed files and create the tag ${tagName} on that commit\n`);
    return ExitCode.OK;
  }
  for (const work of works) {
    const { row } = work;
    context.stdout.write(sanitizeLine(`Closed ${row.id ?? row.file} (${work.shown}): score ${formatScore(row.score)} (${row.grade ?? 'no grade'})`) + '\n');
  }
  if (repo && tags) {
    const commit = await tags.commitFiles(repo, writtenFiles, `okr close ${period.label}`).catch((error: unknown) => {
      throw new UserError(`${error instanceof Error ? error.message : String(error)}: the closed files are written but not committed, and no tag was made`, ExitCode.GIT);
    });
    await tags.createAnnotatedTag(repo, tagName, renderCloseTagMessage({ ...report, closed: true }, today), commit).catch((error: unknown) => {
      throw new UserError(`${error instanceof Error ? error.message : String(error)}: the closed files are committed as ${commit.slice(0, 12)}, but not tagged`, ExitCode.GIT);
    });
    context.stdout.write(`Committed the closed files as ${commit.slice(0, 12)} ("okr close ${label}") and tagged it ${tagName}\n`);
  }
  return ExitCode.OK;
}
