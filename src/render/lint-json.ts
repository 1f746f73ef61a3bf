/** Machine output of `okr lint --format json`. */
import type { Problem } from '../model/problem.js';

/** `okr lint --format json`'s version: its fields have kept their meaning since 1. */
export const LINT_SCHEMA_VERSION = 1;

export function renderLintJson(problems: readonly Problem[]): string {
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const document = {
    schemaVersion: LINT_SCHEMA_VERSION,
    errorCount,
    warningCount: problems.length - errorCount,
    problems: problems.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
