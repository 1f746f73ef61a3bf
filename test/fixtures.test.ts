/**
 * Fixture folders: `test/fixtures/<case>/workspace` is run with the arguments in `args.json`;
 * stdout must equal `expected.json` (or `expected.txt`), stderr `expected-stderr.txt` when present,
 * and the exit code `expected-exit` (default 0). `UPDATE=1 npm test` rewrites the expected files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/run-cli.js';
import { runInProcess } from './helpers/run-in-process.js';

const update = process.env.UPDATE === '1';

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(FIXTURES, entry.name, 'args.json')))
  .map((entry) => entry.name);

describe.each(cases)('fixture %s', (name) => {
  const dir = path.join(FIXTURES, name);
  const args = JSON.parse(readFileSync(path.join(dir, 'args.json'), 'utf8')) as string[];

  it('prints the expected output', async () => {
    const result = await runInProcess([...args, 'workspace'], { cwd: dir });
    const isJson = args.includes('--json') || args.includes('json');
    const expectedFile = path.join(dir, isJson ? 'expected.json' : 'expected.txt');
    const exitFile = path.join(dir, 'expected-exit');
    const stderrFile = path.join(dir, 'expected-stderr.txt');
    if (update) {
      writeFileSync(expectedFile, result.stdout);
      writeFileSync(exitFile, `${result.code}\n`);
      if (result.stderr !== '' || existsSync(stderrFile)) writeFileSync(stderrFile, result.stderr);
      return;
    }
    expect(result.stdout).toBe(readFileSync(expectedFile, 'utf8'));
    expect(result.code).toBe(existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8').trim()) : 0);
    if (existsSync(stderrFile)) expect(result.stderr).toBe(readFileSync(stderrFile, 'utf8'));
  });
});

describe('hand-computed numbers', () => {
  it('matches the arithmetic done by hand', async () => {
    const dir = path.join(FIXTURES, 'hand-computed');
    const { stdout } = await runInProcess(['status', '--json', '--today', '2026-11-15', 'workspace'], { cwd: dir });
    const report = JSON.parse(stdout) as {
      objectives: { id: string; progress: number; expected: number; status: string; keyResults: { id: string; progress: number; status: string; tasks?: unknown }[] }[];
    };
    const objective = (id: string) => report.objectives.find((o) => o.id === id)!;
    const kr = (id: string) => report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;
    // 2026-11-15 is day 46 of the 92 days of 2026-Q4.
    expect(objective('company').expected).toBe(0.5);
    // (290 - 200) / (400 - 200) = 0.45; gap 0.05 <= 0.1 (configured on_track)
    expect(kr('signups')).toMatchObject({ progress: 0.45, status: 'on-track' });
    expect(kr('landing-page')).toMatchObject({ progress: 1, status: 'done' });
    // Leaves: design [x], backend [x], frontend [/], emails [ ], bonus [-], legal [X] -> 3 / 5
    expect(kr('referrals')).toMatchObject({ progress: 0.6, status: 'on-track', tasks: { done: 3, open: 1, inProgress: 1, cancelled: 1, total: 5 } });
    // (2 * 0.45 + 1 + 0.6) / 4 = 0.625
    expect(objective('growth')).toMatchObject({ progress: 0.625, status: 'on-track' });
    // (100 - 120) / (40 - 120) = 0.25; gap 0.25 <= 0.25 (configured at_risk)
    expect(kr('open-bugs')).toMatchObject({ progress: 0.25, status: 'at-risk' });
    // The "Flaky tests" section links 2 tasks, 1 done; the "Notes" section links none.
    expect(kr('flaky-tests')).toMatchObject({ progress: 0.5, status: 'on-track', tasks: { done: 1, open: 1, inProgress: 0, cancelled: 0, total: 2 } });
    // (0.25 + 0.5) / 2 = 0.375; gap 0.125
    expect(objective('quality')).toMatchObject({ progress: 0.375, status: 'at-risk' });
    // No key results of its own: mean(0.625, 0.375) = 0.5
    expect(objective('company')).toMatchObject({ progress: 0.5, status: 'on-track' });
  });
});

describe('checkbox edge cases', () => {
  it('counts only what remark-gfm sees as task items, plus [/] and [-]', async () => {
    const dir = path.join(FIXTURES, 'checkboxes');
    const { stdout } = await runInProcess(['status', '--json', '--today', '2026-11-15', 'workspace'], { cwd: dir });
    const kr = (JSON.parse(stdout) as { objectives: { keyResults: { tasks: unknown; progress: number }[] }[] }).objectives[0]!.keyResults[0]!;
    expect(kr.tasks).toEqual({ done: 5, open: 2, inProgress: 1, cancelled: 1, total: 8 });
    expect(kr.progress).toBe(5 / 8);
  });
});
