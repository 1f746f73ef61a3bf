/**
 * `okr history`, `okr status --at` and `okr show`'s sparkline on a real git repository: a metric, a
 * milestone and a task-measured key result across four dated commits, with points computed by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const OBJECTIVE = `---
id: o
title: Objective O
period: 2026-Q4
key_results:
  - id: m
    title: Metric
    start: 0
    target: 100
    current: 10
  - id: ms
    title: Milestone
    done: false
  - id: t
    title: Tasks
---
`;
const TASKS = '---\nkr: t\n---\n- [ ] a\n- [ ] b\n- [ ] c\n- [ ] d\n';
const CONFIG = 'thresholds:\n  on_track: 0.15\n  at_risk: 0.30\n';

let repo: TempRepo;
let commits: string[];
const cwd = () => path.join(repo.dir, 'okrs');
/** Runs okr in the workspace; `--today` is the day after the last commit unless given. */
const okr = (args: string[], dir = cwd()) =>
  runInProcess(args.includes('--today') || args.includes('--at') ? args : [...args, '--today', '2026-11-21'], { cwd: dir, env: { PATH: process.env.PATH } });
const json = async (args: string[]) => {
  const result = await okr([...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { schemaVersion: number; series: { id: string; kind: string; title: string; points: Point[] }[] };
};
interface Point {
  date: string;
  commit: string | null;
  progress: number | null;
  expected: number | null;
  status: string;
}
const round = (points: Point[]) =>
  points.map((p) => ({ ...p, progress: p.progress === null ? null : Number(p.progress.toFixed(4)), expected: p.expected === null ? null : Number(p.expected.toFixed(4)) }));

beforeAll(() => {
  repo = createRepo();
  repo.write('okrs/okr.config.yaml', CONFIG);
  repo.write('okrs/objectives/o.md', OBJECTIVE);
  repo.write('okrs/tasks/t.md', TASKS);
  const c1 = repo.commit('Set the objective', '2026-10-01T10:00:00Z');
  repo.write('notes.txt', 'outside the workspace\n');
  repo.commit('Not a workspace change', '2026-10-10T10:00:00Z');
  repo.edit('okrs/tasks/t.md', '- [ ] a\n- [ ] b', '- [x] a\n- [x] b');
  const c2 = repo.commit('Tick two tasks', '2026-10-24T10:00:00Z');
  repo.edit('okrs/objectives/o.md', 'current: 10', 'current: 40');
  const c3 = repo.commit('Metric at 40', '2026-11-15T10:00:00Z');
  repo.edit('okrs/objectives/o.md', 'done: false', 'done: true');
  const c4 = repo.commit('Milestone done', '2026-11-20T10:00:00Z');
  commits = [c1, c2, c3, c4];
});
afterAll(() => repo.cleanup());

// 2026-Q4 has 92 days; expected on a date = days from Oct 1, both counted, over 92.
const E1 = Number((1 / 92).toFixed(4));
const E2 = Number((24 / 92).toFixed(4));
const E3 = 0.5;
const E4 = Number((51 / 92).toFixed(4));

describe('okr history', () => {
  it('one point per commit that changed the workspace, each measured on its committer date (hand-computed)', async () => {
    const doc = await json(['history']);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.series.map((s) => [s.id, s.kind, s.title])).toEqual([
      ['o', 'objective', 'Objective O'],
      ['m', 'keyResult', 'Metric'],
      ['ms', 'keyResult', 'Milestone'],
      ['t', 'keyResult', 'Tasks'],
    ]);
    const [c1, c2, c3, c4] = commits;
    const dates = ['2026-10-01', '2026-10-24', '2026-11-15', '2026-11-20'];
    const expected = [E1, E2, E3, E4];
    const points = (progress: number[], statuses: string[]) =>
      progress.map((value, i) => ({ date: dates[i], commit: [c1, c2, c3, c4][i], progress: value, expected: expected[i], status: statuses[i] }));
    const byId = Object.fromEntries(doc.series.map((s) => [s.id, round(s.points)]));
    // m: 10/100, then 40/100 from the third commit.
    expect(byId.m).toEqual(points([0.1, 0.1, 0.4, 0.4], ['on-track', 'at-risk', 'on-track', 'at-risk']));
    // ms: open until the fourth commit.
    expect(byId.ms).toEqual(points([0, 0, 0, 1], ['on-track', 'at-risk', 'off-track', 'done']));
    // t: 0 of 4 tasks, then 2 of 4.
    expect(byId.t).toEqual(points([0, 0.5, 0.5, 0.5], ['on-track', 'on-track', 'on-track', 'on-track']));
    // o: the mean of its three key results.
    expect(byId.o).toEqual(points([0.0333, 0.2, 0.3, 0.6333], ['on-track', 'on-track', 'at-risk', 'on-track']));
  });

  it('ids narrow it: a key result alone, an objective with its key results; an unknown id is an error', async () => {
    expect((await json(['history', 'm'])).series.map((s) => s.id)).toEqual(['m']);
    expect((await json(['history', 't', 'm'])).series.map((s) => s.id)).toEqual(['t', 'm']);
    expect((await json(['history', 'o'])).series.map((s) => s.id)).toEqual(['o', 'm', 'ms', 't']);
    const unknown = await okr(['history', 'mm']);
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr: `okr: "mm" is not an objective or key result in this workspace's history: no point of its history declares it (did you mean "m"?)\n`,
    });
  });

  it('--since and --until by date (a commit exactly at the date is in) and by revision', async () => {
    const dates = async (args: string[]) => (await json(['history', 'm', ...args])).series[0]!.points.map((p) => p.date);
    expect(await dates(['--since', '2026-10-24'])).toEqual(['2026-10-24', '2026-11-15', '2026-11-20']);
    expect(await dates(['--until', '2026-11-15'])).toEqual(['2026-10-01', '2026-10-24', '2026-11-15']);
    expect(await dates(['--since', commits[1]!, '--until', commits[2]!])).toEqual(['2026-10-24', '2026-11-15']);
    expect(await dates(['--since', 'HEAD~1'])).toEqual(['2026-11-15', '2026-11-20']);
    // Starting from a commit that did not change the workspace: the points after it.
    expect(await dates(['--since', 'HEAD~3'])).toEqual(['2026-10-24', '2026-11-15', '2026-11-20']);
    expect((await okr(['history', '--since', 'no-such-rev'])).stderr).toMatch(/^okr: unknown revision "no-such-rev"/);
    expect((await okr(['history', '--since', '2026-02-30'])).stderr).toBe('okr: --since "2026-02-30" is not a date\n');
  });

  it('the working tree is a last point when it differs from HEAD, dated --today, commit null', async () => {
    repo.edit('okrs/tasks/t.md', '- [ ] c', '- [x] c');
    try {
      const points = (await json(['history', 't', '--today', '2026-11-25'])).series[0]!.points;
      expect(points).toHaveLength(5);
      expect(points[4]).toEqual({ date: '2026-11-25', commit: null, progress: 0.75, expected: 56 / 92, status: 'on-track' });
      // --until leaves the working tree out.
      expect((await json(['history', 't', '--until', 'HEAD'])).series[0]!.points).toHaveLength(4);
      const text = await okr(['history', '--today', '2026-11-25']);
      expect(text.stdout).toContain('(the last point is the working tree)');
    } finally {
      repo.git('checkout', '--', 'okrs/tasks/t.md');
    }
  });

  it('text: a sparkline per item with first → last and the expected line', async () => {
    const { stdout, code } = await okr(['history']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'History from 2026-10-01 to 2026-11-20',
        '',
        'o     ▁▂▃▆  3% → 63%  expected 1% → 55%  on track  Objective O',
        '  m   ▁▁▄▄  10% → 40%  expected 1% → 55%  at risk  Metric',
        '  ms  ▁▁▁█  0% → 100%  expected 1% → 55%  done  Milestone',
        '  t   ▁▅▅▅  0% → 50%  expected 1% → 55%  on track  Tasks',
        '',
      ].join('\n'),
    );
  });

  it('CSV: a header, then one row per (id, point)', async () => {
    const { stdout } = await okr(['history', 'm', '--format', 'csv']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id,kind,title,date,commit,progress,expected,status');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(`m,keyResult,Metric,2026-10-01,${commits[0]},0.1,${1 / 92},on-track`);
  });

  it('Markdown: a table per objective and a Mermaid xychart-beta line chart', async () => {
    const { stdout } = await okr(['history', '--format', 'markdown']);
    expect(stdout).toContain('### `o` Objective O\n');
    expect(stdout).toContain('| Date | Commit | `o` | `m` | `ms` | `t` | Expected |\n');
    expect(stdout).toContain(`| 2026-11-20 | \`${commits[3]!.slice(0, 7)}\` | 63% 🟢 on track | 40% 🟡 at risk | 100% ✅ done | 50% 🟢 on track | 55% |\n`);
    expect(stdout).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Objective O"',
        '  x-axis ["2026-10-01", "2026-10-24", "2026-11-15", "2026-11-20"]',
        '  y-axis "Progress (%)" 0 --> 100',
        '  line [3, 20, 30, 63]',
        '  line [10, 10, 40, 40]',
        '  line [0, 0, 0, 100]',
        '  line [0, 50, 50, 50]',
        '  line [1, 26, 50, 55]',
        '```',
      ].join('\n'),
    );
  });

  it('outside a git repository: one line, exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-nogit-'));
    try {
      const result = await okr(['history'], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^okr: not in a git repository: .*\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('okr status --at', () => {
  it('equals okr status on a checkout of that revision, today its committer date', async () => {
    const checkout = mkdtempSync(path.join(tmpdir(), 'okr-at-'));
    try {
      repo.git('worktree', 'add', '-q', '--detach', path.join(checkout, 'wt'), commits[1]!);
      const there = await okr(['status', '--json', '--today', '2026-10-24'], path.join(checkout, 'wt', 'okrs'));
      const at = await okr(['status', '--json', '--at', commits[1]!]);
      expect(at).toEqual(there);
      expect(JSON.parse(at.stdout).today).toBe('2026-10-24');
      // --today wins over the committer date.
      expect(JSON.parse((await okr(['status', '--json', '--at', 'HEAD~2', '--today', '2026-12-01'])).stdout).today).toBe('2026-12-01');
      expect((await okr(['status', '--at', 'nope'])).stderr).toMatch(/^okr: unknown revision "nope"/);
    } finally {
      repo.git('worktree', 'remove', '--force', path.join(checkout, 'wt'));
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});

describe('okr show in a git repository', () => {
  it('adds a one-line sparkline of the item history, and its points to --json', async () => {
    const { stdout } = await okr(['show', 'm', '--today', '2026-11-20']);
    expect(stdout).toContain('  history    ▁▁▄▄  10% → 40%  (4 points, 2026-10-01 to 2026-11-20)\n');
    const doc = JSON.parse((await okr(['show', 'o', '--today', '2026-11-20', '--json'])).stdout);
    expect(doc.history.map((p: Point) => p.date)).toEqual(['2026-10-01', '2026-10-24', '2026-11-15', '2026-11-20']);
  });
});
