/**
 * okr as a library: `import { loadWorkspace, buildStatusReport, lintWorkspace, diffWorkspaces } from 'okr'`.
 *
 * These are the functions the command line itself runs (src/commands compose them), re-exported
 * with their types. Paths are absolute directories unless said otherwise; `today` is an ISO date
 * (YYYY-MM-DD) that the caller passes, never read from a clock; progress is a fraction 0..1.
 * Problems in the workspace's files are data (`Problem`: file, line, column, severity, rule,
 * message), never exceptions; what a user can fix outside the files (no such directory, an unknown
 * git revision, an edit that is refused) throws a `UserError` (a `UsageError` for bad arguments)
 * whose message is one line.
 *
 * ```js
 * import { loadWorkspace, buildStatusReport, parsePeriodSelection } from 'okr';
 * const { model, config } = await loadWorkspace('/path/to/okrs');
 * const report = buildStatusReport(model, { today: '2026-11-25', period: parsePeriodSelection('current'), owner: null, thresholds: config.thresholds });
 * ```
 */

// Loading a workspace: from a directory, or from a git revision.

/**
 * `loadWorkspace(root, options?)`: reads the workspace at `root` (okr.config.yaml and every `*.md`
 * outside dot-folders and node_modules), links it and returns `{ root, config, model, files }`; the
 * model's `problems` hold everything wrong with it. `options` (LoadOptions): `cache` (default true:
 * the facts cache under OKR_CACHE_DIR, XDG_CACHE_HOME or ~/.cache), `env`, `workers`, `maxFileSize`.
 */
export { loadWorkspace, type LoadedWorkspace } from './io/load-workspace.js';
export type { LoadOptions } from './io/load-options.js';
/**
 * `locateWorkspace(dir)`: the workspace around `dir` — `{ root, configFile, scope }`: the nearest
 * folder at or above it holding okr.config.yaml or okr.config.yml (else `dir`), and `dir`'s place
 * below it (commands report only what is under `scope`, with scopeStatusReport / scopeProblems).
 */
export { locateWorkspace, type WorkspaceLocation } from './io/find-root.js';
export { scopeStatusReport, scopeProblems, scopeDiff, isInScope } from './compute/scope.js';
/**
 * `loadWorkspaceAtRevision(root, revision, { env?, load? })`: the workspace at `root` as it is at a
 * git revision (read from git objects, never fetched); `loadRevisionPair(root, base, head, options)`:
 * the two sides `okr diff` compares, with their labels.
 */
export { loadRevisionPair, loadWorkspaceAtRevision, type RevisionLoadOptions, type RevisionSide } from './io/revision-workspaces.js';
// `okr history` and `okr status --at`: the workspace through its git history.
export {
  historyIfInGit,
  loadWorkspaceAtDatedRevision,
  readHistory,
  resolveHistoryBound,
  walkWorkspaceHistory,
  type HistoryBound,
  type HistoryWalkOptions,
  type WorkspaceHistory,
  type WorkspacePoint,
} from './io/history.js';
export { historySeries, itemsAt, sparkline, type HistoryPoint, type HistorySeries, type HistorySnapshot, type ItemAt } from './compute/history.js';
export { renderHistoryCsv, renderHistoryJson, renderHistoryMarkdown, renderHistoryText } from './render/history.js';

// Reports.

/**
 * `buildStatusReport(model, { today, period, owner, thresholds })`: progress and health of the
 * objectives of the period (`parsePeriodSelection('current' | 'all' | '2026-Q4' | …)`), as `okr status`
 * shows them. Pure.
 */
export {
  buildStatusReport,
  parsePeriodSelection,
  type KeyResultReport,
  type ObjectiveReport,
  type PeriodSelection,
  type StatusOptions,
  type StatusReport,
} from './compute/report.js';
/** `lintWorkspace(root, options?)`: `{ problems, workspace }`, the problems sorted as `okr lint` lists them. */
export { lintWorkspace, type LintResult } from './io/lint-workspace.js';
/**
 * `diffWorkspaces({ model, thresholds }, { model, thresholds }, { today })`: what changed between two
 * workspaces (objectives, key results, progress, tasks, problem counts), as `okr diff` shows it. Pure.
 */
export { diffWorkspaces, isEmptyDiff, type WorkspaceDiff, type WorkspaceSnapshot } from './compute/diff.js';

/**
 * `findDue(model, { today, cadenceDays, owner, thresholds, tasksMoved })`: the key results that owe
 * a check-in, as `okr due` lists them (pure); `taskMovesWithin(root, model, today, cadences)` tells
 * which task-measured key results moved in git within each cadence (null outside git).
 */
export { findDue, taskCadences, type DueItem, type DueOptions } from './compute/due.js';
export { taskMovesWithin } from './io/task-moves.js';
export { cadenceDays, CADENCE_DAYS } from './model/cadence.js';
/**
 * `loadSincePair(root, since)`: the two sides of `okr diff --since` (the last commit at or before the
 * date, else the empty tree; the working tree); `weeklyReview(pair, diff, since, today, thresholds)`:
 * who moved each item and what stalled. `parseSince('7d' | '2w' | 'YYYY-MM-DD', today)` gives the date.
 */
export { loadSincePair, weeklyReview, type SincePair } from './io/weekly-review.js';
export { parseSince } from './compute/since.js';
export type { ItemAuthors, StalledKeyResult, WeeklyReview } from './compute/review.js';
/** `renderDueJson`, `renderDueText`, `renderDueMarkdown`: `okr due`'s outputs. */
export { renderDueJson, renderDueMarkdown, renderDueText } from './render/due.js';

// Rendering, as the command line prints them.

/** `renderStatusJson(report)`: `okr status --json` (with `schemaVersion`). */
export { renderStatusJson, SCHEMA_VERSION } from './render/json.js';
/** `renderStatusMarkdown(report, { linkBase, maxLength? })`: `okr status --format markdown`. */
export { renderStatusMarkdown, type MarkdownOptions } from './render/markdown.js';
/** `renderStatusText(report, { style: plainStyle, width: null })`: the terminal tree, without colours. */
export { renderStatusText, type TextOptions } from './render/text.js';
export { plainStyle, type Style } from './render/style.js';
/** `renderLintJson(problems)`: `okr lint --format json`. */
export { renderLintJson } from './render/lint-json.js';
/** `renderDiffJson(diff, { base, head })` and `renderDiffMarkdown(diff, { base, head, linkBase })`: `okr diff`'s outputs. */
export { renderDiffJson } from './render/diff-json.js';
export { renderDiffMarkdown, type DiffMarkdownOptions } from './render/diff-markdown.js';
/** Scores and grades (`okr score`): `buildScoreReport(statusReport, period)`, then `renderScoreJson`, `renderScoreText` or `renderScoreMarkdown`. */
export {
  gradeOf,
  keyResultScore,
  objectiveScore,
  expectedFor,
  frozenScoreProblems,
  GRADE_BOUNDS,
  ASPIRATIONAL_SUCCESS,
  type Grade,
  type ScoreSource,
  type KeyResultScore,
  type ObjectiveScore,
} from './compute/score.js';
export { buildScoreReport, type ScoreReport, type ObjectiveScoreRow, type KeyResultScoreRow } from './compute/score-report.js';
export { renderScoreJson, renderScoreText, renderScoreMarkdown } from './render/score.js';
export type { DiffLabels, RevisionLabel } from './render/diff-words.js';
/**
 * `renderStatusHtml(report, { linkBase, tasksOf?, series? })`: `okr html`'s self-contained page (a
 * string; the caller writes it). `keyResultTasks(model)` gives `tasksOf`, the task items the page
 * lists; `series` (`okr history`'s shape) adds a history chart to each item that has one.
 */
export { renderStatusHtml, REPORT_CSP, type HtmlOptions } from './render/html/document.js';
export { keyResultTasks } from './compute/key-result-tasks.js';

// Parsing one file.

/** `parseOkrText(path, text)` / `parseOkrFile(path, bytes)`: one file's facts (objective, key results, task items, problems). Pure. */
export { parseOkrFile, parseOkrText } from './parse/file-facts.js';

// Editing files: planners (pure) and the pipeline that writes their plans.

/**
 * Planners: each takes the file as it is (`{ text, facts }`, an EditSide) and returns its splices
 * with a `verify(before, after)` check. `taskEdit(before, index, 'done' | 'reopen')` ticks or
 * unticks the task item at `index` of `facts.tasks` (`tasksOnLine(facts, line)` finds it);
 * `checkinEdit(before, krId, { date, value, confidence?, note? })` records a check-in;
 * `addKeyResultEdit(before, readKeyResultEntry(origin, yaml, id))` appends a key result;
 * `addTaskEdit(before, krId, title)` adds a task item under the key result's list.
 */
export { taskEdit, tasksOnLine, type TaskAction, type TaskEditPlan, type TaskNote } from './edit/task.js';
export { checkinEdit, type CheckinPlan, type CheckinRecord } from './edit/checkin.js';
export { addKeyResultEdit, type NewKeyResult } from './edit/key-results.js';
export { readKeyResultEntry } from './commands/new-support.js';
export { addTaskEdit, type AddTaskPlan } from './edit/task-list.js';
/**
 * `planCarryOver(objective, computeAllKeyResultProgress(model), newId)`: what `okr new objective
 * --from` carries into the next period (key results not done, with their new start values and
 * open task items), and what it leaves. Pure.
 */
export { planCarryOver, type CarriedKeyResult, type CarryOverPlan, type LeftKeyResult } from './edit/carry-over.js';
/** `computeAllKeyResultProgress(model)`: every key result's progress (roll-ups from their contributors); `guardrailHeld(measure)`. Pure. */
export { computeAllKeyResultProgress, guardrailHeld, type KeyResultProgress } from './compute/progress.js';
export type { EditSide, FileEdit } from './edit/file-edit.js';
/** `applySplices(text, splices)`: a plan's splices applied to a text, for a caller that writes it itself. */
export { applySplices, type Splice } from './edit/splice.js';
/** `editFile(file, makePlan, { root, dryRun?, maxFileSize? })`: plans and writes an edit as `okr done`, `checkin` and `new` do. */
export { editFile, type AppliedEdit, type EditFileOptions } from './api/edit-file.js';

// The shapes of a workspace, and errors.

export type { KeyResult, LinkedTask, Objective, WorkspaceModel } from './model/link.js';
/** `linkedTasksOf(kr)`: a key result's task items; throws when the workspace was loaded with `taskItems: false` (counts only). */
export { linkedTasksOf } from './model/link.js';
export type { TaskCounts } from './model/task-items.js';
export type { FileFacts, FileRole, KeyResultFacts, LinkFact, Measure, ObjectiveFacts, TaskFact, TaskState } from './model/types.js';
export type { Location, Problem, RuleId, Severity } from './model/problem.js';
export type { OkrConfig, Thresholds } from './model/config.js';
export type { Status } from './compute/health.js';
/** `UserError` (a one-line message a user can act on) and `UsageError` (bad arguments), both with the CLI's `exitCode`. */
export { UsageError, UserError } from './errors.js';
export { ExitCode } from './exit-codes.js';
