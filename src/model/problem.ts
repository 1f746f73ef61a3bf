import type { RuleId, Severity, SeverityOf } from './rules.js';

export type { RuleId, Severity } from './rules.js';

/** A finding about the workspace, located at file:line:column (1-based; column in UTF-16 code units). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** One of the rules of `RULES` (src/model/rules.ts). */
  rule: RuleId;
  message: string;
}

export interface Location {
  line: number;
  column: number;
}

export const START_OF_FILE: Location = { line: 1, column: 1 };

/**
 * A problem of rule `rule` at `at` in `file` (a path relative to the workspace root). `severity`
 * must be the rule's own (src/model/rules.ts), or the call does not compile.
 */
export function problem<R extends RuleId>(file: string, at: Location, severity: SeverityOf<R>, rule: R, message: string): Problem {
  return { file, line: at.line, column: at.column, severity, rule, message };
}

/** The most characters of a file's text that a problem's message quotes. */
export const MAX_EXCERPT = 40;

/**
 * Text from a file as a problem's message may quote it, in double quotes: at most `max`
 * characters (UTF-16 code units, never splitting a surrogate pair), a cut marked with `…`. A
 * message never echoes more of a file than this, whatever the file holds (a secret read by
 * mistake, a 5 MB line). Control characters are left to the renderers, which escape them for the
 * terminal and for Markdown.
 */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  return `"${cutText(text, max)}"`;
}

/** `text` cut to at most `max` UTF-16 code units as excerpt() cuts it, unquoted. */
export function cutText(text: string, max = MAX_EXCERPT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/** Orders problems by file, line, column, rule, then message (code-unit order, not locale). */
export function compareProblems(a: Problem, b: Problem): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message);
}

/** Code-point order, independent of locale, so output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether any problem has severity `error`. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
