/**
 * okr's exit codes, the one place they are defined (README.md, "Exit codes"). Commands return these
 * names, never number literals; `src/cli.ts` alone turns them into the process's exit code.
 */
export const ExitCode = {
  /** No error-severity problem; an edit done, or nothing to do. */
  OK: 0,
  /** The workspace has errors, a `--fail-on`/`--max-warnings` threshold was crossed, or an edit was refused. */
  PROBLEMS: 1,
  /** Bad arguments or options (unknown option, bad `--today`, missing directory, ...). */
  USAGE: 2,
  /** `okr diff` cannot use git: not installed, not a repository, an unknown revision (shares 2 with USAGE). */
  GIT: 2,
  /** Cancelled at an interactive question (Ctrl-C), as shells report SIGINT: 128 + 2. */
  CANCELLED: 130,
} as const;

/** One of okr's exit codes. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code of a process ended by a signal, as shells report it: 128 + the signal's number
 * (`signalNumber` 2 for SIGINT gives 130).
 */
export function signalExitCode(signalNumber: number): number {
  return 128 + signalNumber;
}
