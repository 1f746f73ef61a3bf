/**
 * Guardrail key results (`keep_above`/`keep_below`) and roll-up key results (`measure: rollup`,
 * `contributes_to`), on the hand-computed workspace in test/fixtures/kr-kinds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const WORKSPACE = path.join(FIXTURES, 'kr-kinds', 'workspace');

interface KrJson {
  id: string;
  measure: string;
  progress: number | null;
  status: string;
  invalid: string | null;
  keepAbove?: number | null;
  keepBelow?: number | null;
  current?: number;
  unit?: string | null;
  contributors?: string[];
  uncountedContributors?: number;
}

async function statusJson(dir: string) {
  const result = await runInProcess(['status', '--json', '--today', '2026-11-15', dir], { cwd: dir });
  const report = JSON.parse(result.stdout) as { objectives: { id: string; progress: number | null; status: string; keyResults: KrJson[] }[] };
  const kr = (id: string) => report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;
  const objective = (id: string) => report.objectives.find((o) => o.id === id)!;
  return { result, kr, objective };
}

describe('guardrail key results', () => {
  it('hold at or above keep_above, at or below keep_below (equal counts as held), on or off track whatever the date', async () => {
    const { kr } = await statusJson(WORKSPACE);
    // 99.95 >= 99.9: held
    expect(kr('uptime')).toMatchObject({ measure: 'guardrail', keepAbove: 99.9, keepBelow: null, current: 99.95, unit: '%', progress: 1, status: 'on-track' });
    // 300 <= 300: on the edge, held
    expect(kr('latency')).toMatchObject({ measure: 'guardrail', keepAbove: null, keepBelow: 300, current: 300, unit: 'ms', progress: 1, status: 'on-track' });
    // 1.5 > 1: broken
    expect(kr('error-rate')).toMatchObject({ keepBelow: 1, progress: 0, status: 'off-track' });
    // 9.99 < 10: broken
    expect(kr('stock')).toMatchObject({ keepAbove: 10, unit: null, progress: 0, status: 'off-track' });
  });

  it('are shown as "current ≥ bound unit" in text', async () => {
    const { stdout } = await runInProcess(['status', '--today', '2026-11-15', WORKSPACE], { cwd: WORKSPACE, env: { COLUMNS: '200' } });
    expect(stdout).toMatch(/uptime · .*on track\s+99\.95 ≥ 99\.9 %/);
    expect(stdout).toMatch(/latency · .*on track\s+300 ≤ 300 ms/);
    expect(stdout).toMatch(/error-rate · .*off track\s+1\.5 > 1 % \(breached\)/);
    expect(stdout).toMatch(/stock · .*off track\s+9\.99 < 10 \(breached\)\n/);
  });

  it('take check-ins as metrics do, and go off track when one crosses the bound', async () => {
    const { dir, cleanup } = copyToTemp(WORKSPACE);
    try {
      const result = await runInProcess(['checkin', 'latency', '310', '--date', '2026-11-14', '--today', '2026-11-15'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('latency: 300 ms → 310 ms (100% → 0%)');
      const text = readFileSync(path.join(dir, 'objectives/company.md'), 'utf8');
      expect(text).toContain('    keep_below: 300\n    current: 310\n');
      expect(text).toContain('    unit: ms\n    checkins:\n      - { date: 2026-11-14, value: 310 }\n');
      const { kr } = await statusJson(dir);
      expect(kr('latency')).toMatchObject({ progress: 0, status: 'off-track', current: 310 });
      const bad = await runInProcess(['checkin', 'latency', 'fast', '--today', '2026-11-15'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe('okr: key result "latency" is a guardrail (310 > 300 ms (breached)): "fast" is not a number\n');
    } finally {
      cleanup();
    }
  });
});

describe('okr new kr --keep-above / --keep-below', () => {
  it('adds a guardrail, and refuses what a guardrail cannot be', async () => {
    const { dir, cleanup } = copyToTemp(WORKSPACE);
    try {
      const args = ['new', 'kr', 'team-a', '--title', 'Keep p99 under 800 ms', '--id', 'p99', '--no-input'];
      const result = await runInProcess([...args, '--keep-below', '800', '--current', '650', '--unit', 'ms'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('Added key result "p99" (guardrail) to objectives/team-a.md:19\nNext: record progress with okr checkin p99 <value>\n');
      expect(readFileSync(path.join(dir, 'objectives/team-a.md'), 'utf8')).toContain(
        '    contributes_to: active-users\n  - id: p99\n    title: Keep p99 under 800 ms\n    current: 650\n    unit: ms\n    keep_below: 800\n---\n',
      );
      const { kr } = await statusJson(dir);
      expect(kr('p99')).toMatchObject({ measure: 'guardrail', keepBelow: 800, current: 650, progress: 1, status: 'on-track' });
      const refusals: [string[], string][] = [
        [['--keep-below', '800'], 'okr: a guardrail needs --current: the value it holds now\n'],
        [['--measure', 'guardrail', '--current', '1'], 'okr: --measure guardrail needs --keep-above <n> or --keep-below <n>, and --current <n>\n'],
        [['--keep-above', '1', '--keep-below', '2', '--current', '1'], 'okr: give --keep-above or --keep-below, not both: a guardrail holds one bound\n'],
        [['--keep-above', '1', '--target', '2', '--current', '1'], 'okr: --keep-above makes a guardrail, which has no --start or --target: give --current\n'],
        [['--keep-above', '1', '--measure', 'metric', '--current', '1'], 'okr: --keep-above is for a guardrail, not --measure metric\n'],
        [['--keep-above', 'high', '--current', '1'], 'okr: --keep-above expects a number, got "high"\n'],
      ];
      for (const [flags, message] of refusals) {
        const refused = await runInProcess([...args.slice(0, 5), '--id', 'p99b', '--no-input', ...flags], { cwd: dir });
        expect([refused.code, refused.stderr]).toEqual([2, message]);
      }
    } finally {
      cleanup();
    }
  });
});

describe('roll-up key results', () => {
  it('take the weighted mean of their contributors, two levels deep, leaving invalid ones out', async () => {
    const { kr, objective } = await statusJson(WORKSPACE);
    // b-onboarding 1 (weight 1), b-emails 0 (weight 3), b-broken invalid: (1 + 0) / 4 = 0.25
    expect(kr('a-retention')).toMatchObject({
      measure: 'rollup',
      progress: 0.25,
      contributors: ['b-onboarding', 'b-emails', 'b-broken'],
      uncountedContributors: 1,
    });
    // a-signups 0.5 (weight 3), a-retention 0.25 (weight 1): (1.5 + 0.25) / 4 = 0.4375
    expect(kr('active-users')).toMatchObject({ measure: 'rollup', contributors: ['a-signups', 'a-retention'], uncountedContributors: 0 });
    expect(kr('active-users').progress).toBeCloseTo(0.4375, 12);
    // uptime 1, latency 1, error-rate 0, stock 0, active-users 0.4375 x 2: 2.875 / 6
    expect(objective('company').progress).toBeCloseTo(2.875 / 6, 12);
  });

  it('is shown with its number of contributors in text', async () => {
    const { stdout } = await runInProcess(['status', '--today', '2026-11-15', WORKSPACE], { cwd: WORKSPACE, env: { COLUMNS: '200' } });
    expect(stdout).toMatch(/active-users · .*roll-up of 2 key results\n/);
    expect(stdout).toMatch(/a-retention · .*roll-up of 3 key results \(1 not counted\)\n/);
  });

  it('okr show names its contributors', async () => {
    const { stdout } = await runInProcess(['show', 'a-retention', '--today', '2026-11-15', WORKSPACE], { cwd: WORKSPACE });
    expect(stdout).toContain('  measure    roll-up: the weighted mean of b-onboarding, b-emails, b-broken; 1 not counted\n');
    const guard = await runInProcess(['show', 'uptime', '--today', '2026-11-15', WORKSPACE], { cwd: WORKSPACE });
    expect(guard.stdout).toContain('  measure    guardrail: 99.95 ≥ 99.9 % (to hold at or above the bound)\n');
  });

  it('without contributors is a warning and counts as unknown, never 0', async () => {
    const { dir, cleanup } = copyToTemp(WORKSPACE);
    try {
      const file = path.join(dir, 'objectives/team-a.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('    contributes_to: active-users\n', ''));
      const team = path.join(dir, 'objectives/team-b.md');
      writeFileSync(team, readFileSync(team, 'utf8').replaceAll('    contributes_to: a-retention\n', ''));
      const { kr } = await statusJson(dir);
      expect(kr('a-retention')).toMatchObject({ progress: null, status: 'invalid', invalid: 'no key result contributes to it', contributors: [] });
      // Only a-retention contributes now, and it is unknown: so is active-users.
      expect(kr('active-users')).toMatchObject({ progress: null, status: 'invalid', invalid: 'none of its 1 contributing key results can be counted', uncountedContributors: 1 });
    } finally {
      cleanup();
    }
  });
});
