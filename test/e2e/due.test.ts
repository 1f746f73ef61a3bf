/**
 * `okr due`: who owes a check-in, by the config's cadence and objectives' overrides, on a real
 * repository with dated commits (task-measured key results are due when no task item moved).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { commitAt } from '../helpers/dated-commits.js';
import { runInProcess } from '../helpers/run-in-process.js';
import * as library from '../../src/index.js';

const objective = (id: string, extra: string, keyResults: string) => `---
id: ${id}
title: Objective ${id}
owner: team-${id}
period: 2026-Q4
${extra}key_results:
${keyResults}---
`;

const GROWTH = objective(
  'growth',
  '',
  `  - id: signups
    title: Reach 500 signups
    start: 0
    target: 500
    current: 100
    checkins:
      - { date: 2026-11-10, value: 100, confidence: 0.6 }
  - id: fresh
    title: Fresh metric
    owner: bea
    start: 0
    target: 10
    current: 3
    checkins:
      - { date: 2026-11-28, value: 3 }
  - id: launch
    title: Launch the docs
    done: false
  - id: shipped
    title: Already shipped
    done: true
  - id: onboarding
    title: Onboarding tasks
  - id: quiet
    title: Quiet tasks
`,
);
const PLATFORM = objective(
  'platform',
  'cadence: monthly\n',
  `  - id: uptime
    title: Uptime
    start: 99
    target: 99.9
    current: 99.5
    checkins:
      - { date: 2026-11-10, value: 99.5 }
`,
);
const TASKS = `---
kr: onboarding
---
- [ ] Welcome email
- [ ] Checklist
`;
const QUIET = `---
kr: quiet
---
- [ ] Nothing moves here
`;

let repo: TempRepo;
const env = () => ({ ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined });
const okr = (args: string[], cwd = repo.dir) => runInProcess(args, { cwd, env: env() });
const dueJson = async (args: string[], cwd?: string) => {
  const result = await okr(['due', '--json', ...args], cwd);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    schemaVersion: number;
    today: string;
    due: { id: string; objective: string; owner: string | null; lastCheckin: string | null; daysSince: number; cadenceDays: number }[];
  };
};

beforeAll(() => {
  repo = createRepo();
  repo.write('okr.config.yaml', 'checkins:\n  cadence: weekly\n');
  repo.write('objectives/growth.md', GROWTH);
  repo.write('objectives/platform.md', PLATFORM);
  repo.write('tasks/onboarding.md', TASKS);
  repo.write('tasks/quiet.md', QUIET);
  commitAt(repo, 'OKRs for Q4', '2026-10-01T09:00:00Z');
  repo.edit('tasks/onboarding.md', '- [ ] Welcome email', '- [x] Welcome email');
  commitAt(repo, 'Tick the welcome email', '2026-11-26T09:00:00Z');
});
afterAll(() => repo.cleanup());

describe('okr due', () => {
  it('lists metric and milestone key results whose latest check-in is older than the cadence, and task ones that did not move', async () => {
    const doc = await dueJson(['--today', '2026-11-30']);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.today).toBe('2026-11-30');
    expect(doc.due).toEqual([
      { id: 'signups', objective: 'growth', owner: 'team-growth', lastCheckin: '2026-11-10', daysSince: 20, cadenceDays: 7 },
      // No check-in: counted from the period's start.
      { id: 'launch', objective: 'growth', owner: 'team-growth', lastCheckin: null, daysSince: 60, cadenceDays: 7 },
      { id: 'quiet', objective: 'growth', owner: 'team-growth', lastCheckin: null, daysSince: 60, cadenceDays: 7 },
    ]);
    // fresh: checked in 2 days ago; shipped: done; onboarding: a task was ticked 4 days ago;
    // uptime: 20 days under its objective's monthly cadence.
  });

  it('keeps to the objective override: monthly is 30 days', async () => {
    const doc = await dueJson(['--today', '2026-12-10']);
    expect(doc.due.find((item) => item.id === 'uptime')).toEqual({
      id: 'uptime',
      objective: 'platform',
      owner: 'team-platform',
      lastCheckin: '2026-11-10',
      daysSince: 30,
      cadenceDays: 30,
    });
    // The onboarding tick is now 14 days old: more than a week.
    expect(doc.due.map((item) => item.id)).toContain('onboarding');
  });

  it('counts a check-in exactly the cadence old as due, one a day younger as not', async () => {
    expect((await dueJson(['--today', '2026-11-17'])).due.map((item) => item.id)).toContain('signups');
    expect((await dueJson(['--today', '2026-11-16'])).due.map((item) => item.id)).not.toContain('signups');
  });

  it("narrows to an owner: the key result's, else its objective's", async () => {
    const bea = await dueJson(['--today', '2026-12-06', '--owner', 'bea']);
    expect(bea.due.map((item) => item.id)).toEqual(['fresh']);
    expect(bea.due[0]).toMatchObject({ owner: 'bea', lastCheckin: '2026-11-28', daysSince: 8 });
    const none = await dueJson(['--today', '2026-11-30', '--owner', 'nobody']);
    expect(none.due).toEqual([]);
  });

  it('prints text and Markdown, exits 0, and 1 with --fail-on-due when something is due', async () => {
    const text = await okr(['due', '--today', '2026-11-30']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 check-ins due on 2026-11-30:');
    expect(text.stdout).toMatch(/signups \(growth\) {2}owner: team-growth {2}last check-in 2026-11-10, 20 days ago/);
    const markdown = await okr(['due', '--today', '2026-11-30', '--format', 'markdown']);
    expect(markdown.stdout).toContain('## Check-ins due on 2026-11-30');
    expect(markdown.stdout).toContain('| Key result | Objective | Owner | Last check-in | Days since | Cadence |');
    expect((await okr(['due', '--today', '2026-11-30', '--fail-on-due'])).code).toBe(1);
    const early = await okr(['due', '--today', '2026-10-03', '--fail-on-due']);
    expect(early.code).toBe(0);
    expect(early.stdout).toBe('No check-ins due on 2026-10-03.\n');
  });
});

describe('a folder inside the workspace', () => {
  it('lists only the key results declared under it', async () => {
    expect((await dueJson(['objectives', '--today', '2026-11-30'])).due.map((item) => item.id)).toEqual(['signups', 'launch', 'quiet']);
    expect((await dueJson(['tasks', '--today', '2026-11-30'])).due).toEqual([]);
  });
});

describe('the library', () => {
  it('lists what okr due --json lists', async () => {
    const today = '2026-11-30';
    const { model, config } = await library.loadWorkspace(repo.dir, { cache: false, env: env() });
    const moves = await library.taskMovesWithin(repo.dir, model, today, library.taskCadences(model, today, config.cadenceDays), { env: env() });
    const due = library.findDue(model, { today, cadenceDays: config.cadenceDays, owner: null, thresholds: config.thresholds, tasksMoved: moves });
    const cli = await okr(['due', '--json', '--today', today]);
    expect(library.renderDueJson(due, { today, owner: null })).toBe(cli.stdout);
  });
});

describe('cadence words and numbers', () => {
  const cases: [string, number][] = [
    ['weekly', 7],
    ['biweekly', 14],
    ['monthly', 30],
    ['10', 10],
  ];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'okr-due-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [word, days] of cases) {
    it(`checkins.cadence: ${word} is ${days} days (outside git: task-measured key results are left out)`, async () => {
      const root = path.join(dir, word);
      mkdirSync(path.join(root, 'objectives'), { recursive: true });
      writeFileSync(path.join(root, 'okr.config.yaml'), `checkins:\n  cadence: ${word}\n`);
      writeFileSync(path.join(root, 'objectives', 'growth.md'), GROWTH);
      const at = (date: string) => dueJson(['--today', date], root);
      const day = (n: number) => new Date(Date.UTC(2026, 10, 10 + n)).toISOString().slice(0, 10);
      expect((await at(day(days))).due.find((item) => item.id === 'signups')).toMatchObject({ cadenceDays: days, daysSince: days });
      expect((await at(day(days - 1))).due.map((item) => item.id)).not.toContain('signups');
      expect((await at(day(days))).due.map((item) => item.id)).not.toContain('quiet');
    });
  }

  it('refuses an unknown cadence with the words it takes', async () => {
    const root = path.join(dir, 'bad');
    mkdirSync(path.join(root, 'objectives'), { recursive: true });
    writeFileSync(path.join(root, 'okr.config.yaml'), 'checkins:\n  cadence: daily\n');
    writeFileSync(path.join(root, 'objectives', 'growth.md'), GROWTH);
    const result = await okr(['lint', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/checkins\.cadence: .*write weekly, biweekly, monthly or a whole number of days/);
  });
});
