/**
 * Options for fast-check's `fc.assert` in differential, property and fuzz tests:
 * - `OKR_SEED=<integer>`: the seed (random when unset, so every run tries new cases);
 * - `OKR_RUNS=<integer>`: the number of cases of every property (else each test's fast default),
 *   and of the rounds of the tests that race two okr processes;
 * - `OKR_HUGE=1`: the tests of very large inputs at full size (200,000 items everywhere).
 * A failure says how to repeat it, e.g. `OKR_SEED=123 npx vitest run test/unit/x.test.ts -t "name"`.
 * A long random run: `OKR_RUNS=20000 npx vitest run test/unit/markdown-differential.test.ts`.
 */
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { REPO_ROOT } from './run-cli.js';

function integerFromEnv(name: string): number | null {
  const value = process.env[name];
  if (value === undefined || value === '') return null;
  if (!/^-?\d+$/.test(value.trim())) throw new Error(`${name} must be an integer, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** The seed of this test file's properties: OKR_SEED, else random (fast-check seeds are 32-bit). */
export const SEED: number = integerFromEnv('OKR_SEED') ?? (Math.random() * 0x1_0000_0000) | 0;

/** OKR_RUNS, when set. */
export const RUNS_FROM_ENV: number | null = integerFromEnv('OKR_RUNS');

/** OKR_HUGE=1: very large inputs at full size; else only where that stays fast. */
export const HUGE = process.env.OKR_HUGE === '1';

/** The command line that repeats the current test with this seed (and OKR_RUNS, if set). */
export function rerunCommand(): string {
  const state = expect.getState();
  const file = state.testPath ? path.relative(REPO_ROOT, state.testPath) : '';
  const test = state.currentTestName?.split(' > ').pop();
  const name = test ? ` -t ${shellQuote(test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}` : '';
  const runs = RUNS_FROM_ENV === null ? '' : ` OKR_RUNS=${RUNS_FROM_ENV}`;
  return `OKR_SEED=${SEED}${runs} npx vitest run ${file}${name}`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Rethrows fast-check's report of a failed property with the line that repeats it. */
function rerunReport<Ts>(): fc.PluginInstance<Ts> {
  return {
    onAllRunsComplete(details) {
      if (!details.failed) return;
      throw new Error(`${fc.defaultReportMessage(details)}\n\nRepeat with: ${rerunCommand()}`, { cause: details.errorInstance });
    },
  };
}

/**
 * fast-check parameters: `{ seed, numRuns, plugins }` with the seed above, `defaultRuns` cases
 * (OKR_RUNS overrides it) and a report that names the seed and the command line to repeat a failure.
 */
export function propertyRuns<Ts = unknown>(defaultRuns: number): fc.Parameters<Ts> {
  return { seed: SEED, numRuns: RUNS_FROM_ENV ?? defaultRuns, plugins: [rerunReport] };
}
