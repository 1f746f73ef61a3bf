/**
 * Running a GitHub Actions workflow's (or composite action's) `run:` steps in tests as the runner
 * would: `${{ … }}` expressions replaced from a table the test gives (an unknown one fails the test),
 * the script run by bash with GitHub's default flags for Linux. The environment is the test's.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** One step of a workflow job or a composite action. */
export interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

/** `value` with every `${{ expression }}` replaced by `known[expression]`; throws for one the table lacks. */
export function evaluateExpressions(value: string, known: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const found = known[expression];
    if (found === undefined) throw new Error(`the test does not know the expression ${expression}: add it`);
    return found;
  });
}

/** Runs `script` (a step's `run:`) with bash as GitHub runs it on Linux (`bash --noprofile --norc -eo pipefail`), from a file in `sandbox`. */
export function runBashStep(script: string, options: { sandbox: string; cwd: string; env: Record<string, string> }): { stdout: string; stderr: string; code: number } {
  const file = path.join(options.sandbox, 'step.sh');
  writeFileSync(file, script);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd: options.cwd, env: options.env, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}
