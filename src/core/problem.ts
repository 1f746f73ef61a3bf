/** A finding about the workspace, located at file:line:column (1-based; column in UTF-16 code units). */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

export interface Location {
  line: number;
  column: number;
}

export const START_OF_FILE: Location = { line: 1, column: 1 };

export function problem(
  file: string,
  at: Location,
  severity: Severity,
  rule: string,
  message: string,
): Problem {
  return { file, line: at.line, column: at.column, severity, rule, message };
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-point order, independent of locale, so output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
