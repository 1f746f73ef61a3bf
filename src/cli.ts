/** The command line: parses arguments, runs one command, and alone decides the exit code. */
import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import { processContext, type CommandContext } from './context.js';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { WriteHooks } from './io/edit-file.js';
import { CHECKIN_STATUSES } from './model/types.js';
import { COMPLETION_SHELLS, DIFF_FORMATS, FAIL_ON_CHOICES, HISTORY_FORMATS, LINT_FORMATS, MEASURE_KINDS, SCHEMA_KINDS, STATUS_FORMATS, type CompletionShell } from './options.js';
import type { CheckinOptions } from './commands/checkin.js';
import type { CloseOptions } from './commands/close.js';
import type { DiffOptions } from './commands/diff.js';
import type { HtmlOptions as HtmlCommandOptions } from './commands/html.js';
import type { HistoryOptions } from './commands/history.js';
import type { DueOptions } from './commands/due.js';
import type { TaskRefOptions } from './commands/done.js';
import type { InitOptions } from './commands/init.js';
import type { LintOptions } from './commands/lint.js';
import type { NewKeyResultOptions } from './commands/new-key-result.js';
import type { NewObjectiveOptions } from './commands/new-objective.js';
import type { NewTaskOptions } from './commands/new-task.js';
import type { ScoreOptions } from './commands/score.js';
import type { ShowOptions } from './commands/show.js';
import type { StatusOptions } from './commands/status.js';
import { guardContext } from './output.js';
import { sanitizeForTerminal } from './safe-text.js';
import { readVersion } from './version.js';

// Through require(): commander is CommonJS, and its ES module wrapper costs start-up time.
const { Argument, Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
type Command = Commander.Command;

export async function main(argv: readonly string[], outerContext: CommandContext = processContext()): Promise<number> {
  let exitCode: number = ExitCode.OK;
  // Everything written from here on goes through the output guard (src/output.ts).
  const context: CommandContext = guardContext(outerContext);
  // Warnings of loading (a cache folder that is not used), each once per run.
  const warn = (message: string) => context.stderr.write(`okr: warning: ${message}\n`);
  // How commands load a workspace; the global options are added before the command runs.
  context.load = { env: context.env, warn };
  const program = buildProgram(context, warn, (code) => {
    exitCode = code;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, context);
  }
}

function buildProgram(context: CommandContext, warn: (message: string) => void, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('okr')
    .description('OKRs as code: objectives, key results and tasks in Markdown files')
    .version(readVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-cache', 'parse every file instead of reusing facts cached by earlier runs')
    .option('--max-file-size <size>', 'skip Markdown files larger than this, e.g. "20 MB" (default: OKR_MAX_FILE_SIZE, else 5 MB; okr.config.yaml may only lower it)')
    .showSuggestionAfterError(true)
    // Each command's help lists the global options too (--no-cache).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    // Subcommands created after this inherit the output settings and the exit override.
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: (text, write) => write(sanitizeLines(text.replace(/^error: /, 'okr: '))),
    });
  // Global options reach every command that loads a workspace through the command context.
  program.hook('preAction', async () => {
    const global = program.opts<{ cache: boolean; maxFileSize?: string }>();
    const maxFileSize = global.maxFileSize === undefined ? undefined : (await import('./io/max-file-size.js')).parseSizeOption(global.maxFileSize, '--max-file-size');
    context.load = { env: context.env, warn, cache: global.cache, maxFileSize };
  });
  program.addHelpText('after', WORKFLOWS);

  program
    .command('status')
    .description('show progress and health of the objectives in a workspace')
    .argument('[dir]', 'a workspace, or a folder inside one to show only what is under it (default: the workspace around the current directory)')
    .option('--today <date>', 'the date to measure against, as YYYY-MM-DD (default: today)')
    .option('--period <period>', 'current, all, or a period such as 2026-Q4', 'current')
    .option('--owner <name>', 'only objectives and key results owned by this owner')
    .addOption(new Option('--format <format>', 'output format').choices(STATUS_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--fail-on <status>', 'exit 1 when a shown key result is at this status or worse').choices(FAIL_ON_CHOICES))
    .option(
      '--link-base <url>',
      'Markdown: link files under this URL of the repository root, e.g. https://github.com/OWNER/REPO/blob/SHA (default: links relative to the workspace)',
    )
    .option('--max-length <bytes>', 'Markdown: cut long lists, saying so, to fit in this many bytes (default: 1000000, within the 1 MiB of a job summary)')
    .option('--at <rev>', "the report as it stood at this git revision (today: the revision's committer date, unless --today is given)")
    .addHelpText(
      'after',
      '\nExamples:\n  okr status\n  okr status --at HEAD~5\n  okr status --period all --owner growth-team\n  okr status --json > status.json\n  okr status --format markdown >> "$GITHUB_STEP_SUMMARY"\n  okr status --fail-on off-track',
    )
    .action(async (dir: string | undefined, options: StatusOptions) => {
      const { runStatus } = await import('./commands/status.js');
      setExitCode(await runStatus(dir, options, context));
    });

  program
    .command('html')
    .description('write the status report as one self-contained HTML page (no server, no network) for people who do not use a terminal')
    .argument('[dir]', 'a workspace, or a folder inside one to show only what is under it (default: the workspace around the current directory)')
    .option('-o, --output <file>', 'the page to write (replaced atomically); - for standard output', 'okr-report.html')
    .option('--today <date>', 'the date to measure against, as YYYY-MM-DD (default: today)')
    .option('--period <period>', 'current, all, or a period such as 2026-Q4', 'current')
    .option('--owner <name>', 'only objectives and key results owned by this owner')
    .option('--link-base <url>', 'link files under this http(s) URL of the repository root, e.g. https://github.com/OWNER/REPO/blob/SHA')
    .option('--json', 'say what was written as JSON')
    .addHelpText('after', '\nExamples:\n  okr html\n  okr html -o public/index.html --period all\n  okr html --link-base "https://github.com/acme/okrs/blob/$(git rev-parse HEAD)"')
    .action(async (dir: string | undefined, options: HtmlCommandOptions) => {
      const { runHtml } = await import('./commands/html.js');
      setExitCode(await runHtml(dir, options, context));
    });

  program
    .command('show')
    .description('show one objective or key result in full: its numbers, task items and check-ins, or its key results and aligned objectives')
    .argument('<id>', 'an objective or key result id')
    .argument('[dir]', 'workspace directory (default: nearest ancestor with okr.config.yaml, else the current directory)')
    .option('--today <date>', 'the date to measure against, as YYYY-MM-DD (default: today)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExamples:\n  okr show activation-rate\n  okr show activation --json')
    .action(async (id: string, dir: string | undefined, options: ShowOptions) => {
      const { runShow } = await import('./commands/show.js');
      setExitCode(await runShow(id, dir, options, context));
    });

  program
    .command('score')
    .description("score a period's objectives and key results (0.0 to 1.0, graded red, yellow or green): frozen once closed, else as if closed today")
    .argument('[period]', 'a period such as 2026-Q4, or current (default: the period of the current objectives)')
    .argument('[dir]', 'the workspace (default: the workspace around the current directory)')
    .option('--today <date>', 'the date to score on, as YYYY-MM-DD (default: today)')
    .addOption(new Option('--format <format>', 'output format').choices(STATUS_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .addHelpText('after', '\nExamples:\n  okr score\n  okr score 2026-Q4 --json\n  okr score 2026-Q4 --format markdown >> "$GITHUB_STEP_SUMMARY"')
    .action(async (period: string | undefined, dir: string | undefined, options: ScoreOptions) => {
      const { runScore } = await import('./commands/score.js');
      setExitCode(await runScore(period, dir, options, context));
    });

  program
    .command('lint')
    .description('check a workspace and report every problem at its file:line:column')
    .argument('[dir]', 'a workspace, or a folder inside one to show only what is under it (default: the workspace around the current directory)')
    .addOption(new Option('--format <format>', 'text (grouped by file), json, or github (workflow commands for GitHub Actions)').choices(LINT_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('--max-warnings <n>', 'also exit 1 when there are more than n warnings')
    .addHelpText('after', '\nExamples:\n  okr lint\n  okr lint okrs --max-warnings 0\n  okr lint --json\n  okr lint --format github')
    .action(async (dir: string | undefined, options: LintOptions) => {
      const { runLint } = await import('./commands/lint.js');
      setExitCode(await runLint(dir, options, context));
    });

  program
    .command('diff')
    .description('show what changed in the OKRs between two git revisions (for reviewing pull requests)')
    .argument('[base]', 'base revision (default: the merge-base of HEAD with origin/HEAD, else main, else master)')
    .argument('[head]', 'head revision (default: the working tree)')
    .option('--dir <dir>', 'a workspace, or a folder inside one to show only what changed under it (default: the workspace around the current directory)')
    .option('--today <date>', 'the date to measure against, as YYYY-MM-DD (default: today)')
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option(
      '--link-base <url>',
      'Markdown: link files under this URL of the repository root, e.g. https://github.com/OWNER/REPO/blob/SHA (default: links relative to the workspace)',
    )
    .option('--max-length <bytes>', 'Markdown: cut long lists, saying so, to fit in this many bytes (default: 64000, within the 65,536 characters of a comment)')
    .option(
      '--since <when>',
      'the weekly review: compare the working tree with the last commit at or before 7d, 2w or YYYY-MM-DD ago, with who moved what and what stalled (not with a base)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  okr diff\n  okr diff main\n  okr diff --since 7d --format markdown\n  okr diff v1.2.0 HEAD --json\n  okr diff origin/main HEAD --format markdown > okr-diff.md',
    )
    .action(async (base: string | undefined, head: string | undefined, options: DiffOptions) => {
      const { runDiff } = await import('./commands/diff.js');
      setExitCode(await runDiff(base, head, options, context));
    });

  program
    .command('history')
    .description('show how progress and status moved, one point per commit that changed the workspace (first-parent history of HEAD), plus the working tree')
    .argument('[ids...]', 'objectives or key results (default: every objective of the current period); a last argument naming a directory is the workspace')
    .option('--dir <dir>', 'the workspace, or a folder inside it (default: the workspace around the current directory)')
    .option('--since <date|rev>', 'only commits from this date (YYYY-MM-DD) or revision on')
    .option('--until <date|rev>', 'only commits up to this date or revision (and not the working tree)')
    .option('--today <date>', "the working tree's date, as YYYY-MM-DD (default: today)")
    .addOption(new Option('--format <format>', 'output format').choices(HISTORY_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      '\nExamples:\n  okr history\n  okr history activation-rate --since 2026-10-01\n  okr history --since v1.0 --until HEAD~3 --json\n  okr history --format csv > history.csv\n  okr history --format markdown >> "$GITHUB_STEP_SUMMARY"',
    )
    .action(async (ids: string[], options: HistoryOptions) => {
      const { runHistory } = await import('./commands/history.js');
      setExitCode(await runHistory(ids, options, context));
    });

  program
    .command('due')
    .description('list the key results of the current period whose owners owe a check-in (by the cadence in okr.config.yaml or the objective)')
    .argument('[dir]', 'a workspace, or a folder inside one to list only what is under it (default: the workspace around the current directory)')
    .option('--owner <name>', "only key results owned by this owner (the key result's, else its objective's)")
    .option('--today <date>', 'the date to measure against, as YYYY-MM-DD (default: today)')
    .addOption(new Option('--format <format>', 'output format (markdown: the body of a "check-ins due" issue)').choices(STATUS_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('--fail-on-due', 'exit 1 when any check-in is due')
    .option('--link-base <url>', 'Markdown: link files under this URL of the repository root, e.g. https://github.com/OWNER/REPO/blob/SHA')
    .addHelpText('after', '\nExamples:\n  okr due\n  okr due --owner growth-team\n  okr due --json\n  okr due --format markdown > due.md\n  okr due --fail-on-due')
    .action(async (dir: string | undefined, options: DueOptions) => {
      const { runDue } = await import('./commands/due.js');
      setExitCode(await runDue(dir, options, context));
    });

  const workspaceOption = '--dir <dir>';
  const workspaceHelp = 'the workspace, or a folder inside it (default: the workspace around the current directory: the nearest folder with okr.config.yaml or .yml)';
  const dryRunHelp = 'print the change as a unified diff and write nothing';

  const taskCommands = {
    done: ['tick task items ([x])', 'runDone'],
    reopen: ['untick task items, cancelled ones too ([ ])', 'runReopen'],
    start: ['mark task items as in progress ([/])', 'runStart'],
    cancel: ['cancel task items ([-]): they no longer count toward progress', 'runCancel'],
  } as const;
  for (const [action, [description, run]] of Object.entries(taskCommands)) {
    program
      .command(action)
      .description(description)
      .argument('[ref...]', "path/to/file.md:LINE (one or more; every file is checked before any is written), or with --kr a part of the task's text")
      .option('--kr <id>', 'find the task among the tasks of this key result by a part of its text (case-insensitive; tasks already in the new state are passed over)')
      .option(workspaceOption, `${workspaceHelp}; used with --kr`)
      .option('--force', 'edit even when the objective was closed with okr close (its scores stay frozen)')
      .option('--dry-run', dryRunHelp)
      .addHelpText(
        'after',
        `\nExamples:\n  okr ${action} tasks/onboarding-flow.md:17\n  okr ${action} tasks/onboarding-flow.md:17 tasks/onboarding-flow.md:18\n  okr ${action} --kr onboarding-flow "sample dataset"`,
      )
      .action(async (ref: string[], options: TaskRefOptions) => {
        const commands = await import('./commands/done.js');
        setExitCode(await commands[run](ref, options, context, testWriteHooks(context)));
      });
  }

  program
    .command('checkin')
    .description("record a check-in: set a metric key result's current value (or a milestone's done) and log it")
    .argument('<kr-id>', 'the key result')
    .argument('<value>', 'a number for a metric; true or false for a milestone')
    .option('--confidence <0..1>', 'how confident you are of reaching the target, from 0 to 1')
    .option('--note <text>', 'a short note kept with the check-in')
    .addOption(new Option('--status <status>', 'your call, beside the status okr computes').choices(CHECKIN_STATUSES))
    .option('--date <date>', 'the date of the check-in, as YYYY-MM-DD (default: today); not after today')
    .option('--today <date>', 'the date taken as today, as YYYY-MM-DD (default: today)')
    .option(workspaceOption, workspaceHelp)
    .option('--force', 'edit even when the objective was closed with okr close (its scores stay frozen)')
    .option('--dry-run', dryRunHelp)
    .addHelpText(
      'after',
      '\nExamples:\n  okr checkin activation-rate 31 --confidence 0.7 --note "cohort B is live" --status at-risk\n  okr checkin docs-site true\n  okr checkin logo-churn 2.4 --date 2026-11-30',
    )
    .action(async (krId: string, value: string, options: CheckinOptions) => {
      const { runCheckin } = await import('./commands/checkin.js');
      setExitCode(await runCheckin(krId, value, options, context, testWriteHooks(context)));
    });

  program
    .command('close')
    .description('close a period: freeze the scores of its objectives and key results into their files (closed:, score:, close_note:)')
    .argument('<period>', 'the period to close, such as 2026-Q4')
    .option('--note <text>', 'the closing note (what was learned) of every objective closed; on a terminal okr asks for one per objective')
    .option(
      '--tag',
      'commit the closed files ("okr close <period>") and tag that commit okr/<period>, the tag listing the scores; refused when they or the index have uncommitted changes',
    )
    .option('--today <date>', 'the date of the close, as YYYY-MM-DD (default: today)')
    .option(workspaceOption, workspaceHelp)
    .option('--no-input', 'never ask for closing notes')
    .option('--dry-run', dryRunHelp)
    .addHelpText('after', '\nExamples:\n  okr close 2026-Q4\n  okr close 2026-Q4 --note "Pricing moved us more than onboarding" --tag\n  okr close 2026-Q4 --dry-run --no-input')
    .action(async (period: string, options: CloseOptions) => {
      const { runClose } = await import('./commands/close.js');
      setExitCode(await runClose(period, options, context, undefined, testWriteHooks(context)));
    });

  const create = program
    .command('new')
    .description('create an objective, a key result or a task from a template (asks on a terminal for what is missing)')
    .addHelpText(
      'after',
      '\nExamples:\n  okr new objective\n  okr new kr activation --title "Publish the pricing FAQ" --measure milestone\n  okr new task onboarding-flow --title "Add a progress bar"',
    );
  create
    .command('objective')
    .description('create an objective file')
    .option('--title <text>', 'the objective (required)')
    .option('--period <period>', 'YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM (required; offered: the current quarter)')
    .option('--id <id>', 'its id (default: made from the title)')
    .option('--owner <name>', 'who owns it')
    .option('--parent <objective-id>', 'the objective it is aligned under')
    .option('--from <objective-id>', 'carry over: continue this objective into --period with the key results it did not finish (title and owner from it)')
    .option('--file <path>', 'where to create it (default: <objectives folder>/<id>.md)')
    .option('--today <date>', 'the date that picks the offered period, as YYYY-MM-DD (default: today)')
    .option(workspaceOption, workspaceHelp)
    .option('--no-input', 'never ask; fail when a required value is missing')
    .option('--dry-run', dryRunHelp)
    .addHelpText(
      'after',
      '\nExamples:\n  okr new objective --title "Make onboarding delightful" --period 2026-Q4 --owner growth-team --parent company-growth\n  okr new objective --from activation --period 2027-Q1',
    )
    .action(async (options: NewObjectiveOptions) => {
      const { runNewObjective } = await import('./commands/new-objective.js');
      setExitCode(await runNewObjective(options, context, undefined, testWriteHooks(context)));
    });
  create
    .command('kr')
    .description("add a key result to an objective's key_results")
    .argument('[objective-id]', 'the objective (required)')
    .option('--title <text>', 'the key result (required)')
    .addOption(new Option('--measure <kind>', 'how it is measured (default: metric when --start or --target is given, else tasks)').choices(MEASURE_KINDS))
    .option('--start <number>', 'a metric: the value at the start (required for a metric)')
    .option('--target <number>', 'a metric: the value to reach (required for a metric)')
    .option('--current <number>', 'a metric: the value now (default: the start)')
    .option('--unit <unit>', 'a metric or guardrail: the unit, such as % or users')
    .option('--keep-above <number>', 'a guardrail: hold --current at or above this value')
    .option('--keep-below <number>', 'a guardrail: hold --current at or below this value')
    .option('--weight <number>', "its weight in the objective's progress (default: 1)")
    .option('--id <id>', 'its id (default: made from the title)')
    .option('--owner <name>', 'who owns it')
    .option(workspaceOption, workspaceHelp)
    .option('--force', 'edit even when the objective was closed with okr close (its scores stay frozen)')
    .option('--no-input', 'never ask; fail when a required value is missing')
    .option('--dry-run', dryRunHelp)
    .addHelpText(
      'after',
      '\nExamples:\n  okr new kr activation --title "Raise week-1 retention from 40% to 55%" --start 40 --target 55 --unit %\n  okr new kr activation --title "Publish the pricing FAQ" --measure milestone\n  okr new kr activation --title "Keep sign-up uptime at 99.9%" --keep-above 99.9 --current 99.95 --unit %',
    )
    .action(async (objectiveId: string | undefined, options: NewKeyResultOptions) => {
      const { runNewKeyResult } = await import('./commands/new-key-result.js');
      setExitCode(await runNewKeyResult(objectiveId, options, context, undefined, testWriteHooks(context)));
    });
  create
    .command('task')
    .description('add an open task for a key result')
    .argument('[kr-id]', 'the key result (required)')
    .option('--title <text>', 'the task (required)')
    .option('--file <path>', 'the file to add it to, or to create (default: the file holding its tasks, else <tasks folder>/<kr-id>.md)')
    .option(workspaceOption, workspaceHelp)
    .option('--no-input', 'never ask; fail when a required value is missing')
    .option('--dry-run', dryRunHelp)
    .addHelpText('after', '\nExamples:\n  okr new task onboarding-flow --title "Add a progress bar to the checklist"')
    .action(async (krId: string | undefined, options: NewTaskOptions) => {
      const { runNewTask } = await import('./commands/new-task.js');
      setExitCode(await runNewTask(krId, options, context, undefined, testWriteHooks(context)));
    });

  program
    .command('init')
    .description('create okr.config.yaml and a small starter workspace; never overwrites anything')
    .argument('[dir]', 'where to create it (default: the current directory; created when missing)')
    .option('--period <period>', 'the period of the starter objective (default: the current quarter)')
    .option('--today <date>', 'the date that picks the current quarter, as YYYY-MM-DD (default: today)')
    .option('--dry-run', 'print the files as a unified diff and write nothing')
    .addHelpText('after', '\nExamples:\n  okr init\n  okr init okrs --period 2027-Q1')
    .action(async (dir: string | undefined, options: InitOptions) => {
      const { runInit } = await import('./commands/init.js');
      setExitCode(await runInit(dir, options, context, testWriteHooks(context)));
    });

  program
    .command('schema')
    .description('print the JSON Schema of objective or task front-matter, or of okr.config.yaml, for editors')
    .addArgument(new Argument('<kind>', 'which schema').choices(SCHEMA_KINDS))
    .addHelpText('after', '\nExamples:\n  okr schema config > okr.config.schema.json\n  okr schema objective\n  okr schema task')
    .action(async (kind: (typeof SCHEMA_KINDS)[number]) => {
      const { runSchema } = await import('./commands/schema.js');
      setExitCode(await runSchema(kind, context));
    });

  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish: commands, options, and objective and key result ids')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      '\nExamples:\n  okr completion bash > ~/.local/share/bash-completion/completions/okr\n  source <(okr completion bash)    # or this, in ~/.bashrc\n  source <(okr completion zsh)     # in ~/.zshrc, after compinit\n  okr completion fish > ~/.config/fish/completions/okr.fish',
    )
    .action(async (shell: CompletionShell) => {
      const { runCompletion } = await import('./commands/completion.js');
      setExitCode(runCompletion(shell, context));
    });
  // What the completion scripts call on Tab: `okr __complete <shell> -- <words after okr...>`.
  program
    .command('__complete', { hidden: true })
    .addArgument(new Argument('<shell>').choices(COMPLETION_SHELLS))
    .argument('[words...]')
    .action(async (shell: CompletionShell, words: string[]) => {
      const { runComplete } = await import('./commands/complete.js');
      setExitCode(await runComplete(shell, words, program, context));
    });

  return program;
}

/** The end of `okr --help`: the common workflows, then exit codes. */
const WORKFLOWS = `
Workflows:
  Start a workspace  okr init; okr new objective; okr new kr <objective-id>
  Daily ticks        okr done tasks/<file>.md:LINE ...   (also start, cancel,
                     reopen; or --kr <kr-id> "part of the task's text")
  Weekly check-in    okr due; okr checkin <kr-id> <value> --note "..."
  Weekly review      okr diff --since 7d --format markdown
  PR review          okr diff main --format markdown
  End of a period    okr score; okr close <period> --tag
  CI                 okr lint --format github; okr status --fail-on off-track
  Scripts            okr status --json (lint and diff too; with schemaVersion)

Examples:
  okr status
  okr done tasks/onboarding-flow.md:17 tasks/onboarding-flow.md:18
  okr checkin activation-rate 31

Exit codes: 0 no errors, 1 errors in the workspace, 2 usage errors.
Docs: README.md. Set OKR_DEBUG=1 to see stack traces of unexpected errors.`;

/**
 * A test hook, for the tests of interrupted edits only: with OKR_TEST_PAUSE_BEFORE_COMMIT=1 an edit
 * stops when its new content is in the temporary file (and the file's lock is held), says
 * `okr: test hook: paused before commit` on stderr, and waits there up to 60 s, so that a test can
 * interrupt it at a known point. Without the variable, no hooks.
 */
function testWriteHooks(context: CommandContext): WriteHooks | undefined {
  const value = context.env.OKR_TEST_PAUSE_BEFORE_COMMIT;
  if (value === undefined || value === '' || value === '0') return undefined;
  return {
    beforeCommit: () => {
      context.stderr.write('okr: test hook: paused before commit\n');
      return new Promise((resolve) => setTimeout(resolve, 60_000));
    },
  };
}

function handleError(error: unknown, context: CommandContext): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.OK;
    }
    return ExitCode.USAGE;
  }
  if (error instanceof UserError) {
    context.stderr.write(`okr: ${sanitizeLines(error.message)}\n`);
    return error.exitCode;
  }
  const debug = context.env.OKR_DEBUG !== undefined && context.env.OKR_DEBUG !== '' && context.env.OKR_DEBUG !== '0';
  const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  context.stderr.write(`okr: unexpected error: ${sanitizeLines(detail)}\n${debug ? '' : 'Set OKR_DEBUG=1 to see the stack trace, and please report it.\n'}`);
  return ExitCode.PROBLEMS;
}

/** A message that may quote names and text from files: each of its lines made safe on a terminal. */
function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeForTerminal).join('\n');
}
