/** Machine output of `okr lint --format json`. */
import type { Problem } from '../model/problem.js';
import { SCHEMA_VERSION } from './json.js';

export function renderLintJson(problems: readonly Problem[]): string {
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const document = {
    schemaVersion: SCHEMA_VERSION,
    errorCount,
    warningCount: problems.length - errorCount,
    problems: problems.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
