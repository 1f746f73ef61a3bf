/** Machine output of `okr lint --format json`. */
import type { Problem } from '../model/problem.js';
import { jsonPieces, StreamedArray } from './json-stream.js';

/** `okr lint --format json`'s version: its fields have kept their meaning since 1. */
export const LINT_SCHEMA_VERSION = 1;

/** `okr lint --format json`: the JSON text of `problems` with their counts, ending in a newline. */
export function renderLintJson(problems: readonly Problem[]): string {
  return [...lintJsonPieces(problems)].join('');
}

/** renderLintJson's text in pieces (see jsonPieces): the problems made one at a time as they are written. */
export function lintJsonPieces(problems: readonly Problem[]): Generator<string> {
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const document = {
    schemaVersion: LINT_SCHEMA_VERSION,
    errorCount,
    warningCount: problems.length - errorCount,
    problems: new StreamedArray(problems, ({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
  };
  return jsonPieces(document);
}
