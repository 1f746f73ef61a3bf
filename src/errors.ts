import { ExitCode } from './exit-codes.js';

/** Errors a user can act on. The CLI prints their message on one line, without a stack trace. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.PROBLEMS) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Bad arguments or options: exit 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.USAGE);
    this.name = 'UsageError';
  }
}
