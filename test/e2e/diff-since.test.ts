/**
 * `okr diff --since`: the weekly review on a real repository with dated commits by three authors:
 * the base is the last first-parent commit at or before the date (a commit exactly at midnight UTC
 * counts), the empty tree when there is none; who moved each item; what stalled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { commitAt } from '../helpers/dated-commits.js';
import { runInProcess } from '../helpers/run-in-process.js';

const ADA = { name: 'Ada Tester', email: 'ada@example.com' };
const BEA = { name: 'Bea Ops', email: 'bea@example.com' };
const CY = { name: 'Cy Dev', email: 'cy@example.com' };

const GROWTH = `---
id: growth
title: Grow
owner: team-growth
period: 2026-Q4
key_results:
  - id: signups
    title: Reach 500 signups
    start: 0
    target: 500
    current: 0
  - id: launch
    title: Launch the docs
    done: false
  - id: onboarding
    title: Onboarding tasks
---
`;
const STALE = `---
id: stale
title: Keep the lights on
owner: team-ops
period: 2026-Q4
key_results:
  - id: quiet
    title: Quiet metric
    start: 0
    target: 10
    current: 2
---
`;
const TASKS = `---
kr: onboarding
---
- [ ] Welcome email
- [ ] Checklist
`;

let repo: TempRepo;
const commits: Record<string, string> = {};
const env = () => ({ ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined });
const okr = (args: string[]) => runInProcess([...args, '--today', '2026-11-30'], { cwd: repo.dir, env: env() });
interface Review {
  base: { commit: string | null; description: string };
  since: string;
  emptyBase: boolean;
  authors: { kind: string; id: string; authors: string[] }[];
  stalled: { id: string; objectiveId: string; owner: string; lastCheckin: string | null }[];
  checkins: { keyResult: string; note: string | null; value: unknown }[];
  tasks: { change: string; text: string }[];
  progress: { id: string; before: { progress: number }; after: { progress: number } }[];
}
const review = async (since: string): Promise<Review> => {
  const result = await okr(['diff', '--since', since, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Review;
};

beforeAll(() => {
  repo = createRepo();
  repo.write('okr.config.yaml', 'checkins:\n  cadence: weekly\n');
  repo.write('objectives/growth.md', GROWTH);
  repo.write('objectives/stale.md', STALE);
  repo.write('tasks/onboarding.md', TASKS);
  commits.initial = commitAt(repo, 'OKRs for Q4', '2026-11-01T09:00:00Z', ADA);
  repo.edit('objectives/growth.md', '    current: 0\n', '    current: 100\n    checkins:\n      - { date: 2026-11-10, value: 100, note: first cohort }\n');
  commits.first = commitAt(repo, 'Check in signups', '2026-11-10T09:00:00Z', BEA);
  repo.edit('tasks/onboarding.md', '- [ ] Welcome email', '- [x] Welcome email');
  commits.midnight = commitAt(repo, 'Tick the welcome email', '2026-11-16T00:00:00Z', CY);
  repo.edit('objectives/growth.md', '    current: 100\n', '    current: 200\n');
  repo.edit('objectives/growth.md', 'note: first cohort }\n', 'note: first cohort }\n      - { date: 2026-11-20, value: 200, confidence: 0.7, note: cohort B is live }\n');
  commits.second = commitAt(repo, 'Check in signups again', '2026-11-20T10:00:00Z', BEA);
  repo.edit('objectives/growth.md', 'done: false', 'done: true');
  commits.launch = commitAt(repo, 'Docs launched', '2026-11-25T15:00:00Z', CY);
});
afterAll(() => repo.cleanup());

describe('okr diff --since', () => {
  it('takes a commit exactly at the date as the base, and credits who moved what since', async () => {
    const doc = await review('2026-11-16');
    expect(doc.base.commit).toBe(commits.midnight);
    expect(doc.base.description).toContain('last commit at or before 2026-11-16');
    expect(doc.since).toBe('2026-11-16');
    expect(doc.emptyBase).toBe(false);
    expect(doc.authors).toEqual([
      { kind: 'objective', id: 'growth', objectiveId: null, file: 'objectives/growth.md', authors: ['Bea Ops', 'Cy Dev'] },
      { kind: 'key-result', id: 'signups', objectiveId: 'growth', file: 'objectives/growth.md', authors: ['Bea Ops'] },
      { kind: 'key-result', id: 'launch', objectiveId: 'growth', file: 'objectives/growth.md', authors: ['Cy Dev'] },
    ]);
    expect(doc.checkins.map((c) => [c.keyResult, c.value, c.note])).toEqual([['signups', 200, 'cohort B is live']]);
    expect(doc.progress.find((p) => p.id === 'signups')).toMatchObject({ before: { progress: 0.2 }, after: { progress: 0.4 } });
    // The welcome email was ticked in the base commit: onboarding did not move since.
    expect(doc.stalled.map((kr) => kr.id)).toEqual(['onboarding', 'quiet']);
    expect(doc.stalled[1]).toMatchObject({ objectiveId: 'stale', owner: 'team-ops', lastCheckin: null });
  });

  it('takes the last commit before a date without one, and reads 14d and 2w from --today', async () => {
    expect((await review('2026-11-17')).base.commit).toBe(commits.midnight);
    expect((await review('14d')).base.commit).toBe(commits.midnight);
    expect((await review('2w')).base.commit).toBe(commits.midnight);
    const earlier = await review('2026-11-15');
    expect(earlier.base.commit).toBe(commits.first);
    expect(earlier.tasks.map((t) => [t.change, t.text])).toEqual([['completed', 'Welcome email']]);
    expect(earlier.authors.find((a) => a.id === 'onboarding')?.authors).toEqual(['Cy Dev']);
    expect(earlier.stalled.map((kr) => kr.id)).toEqual(['quiet']);
  });

  it('compares with the empty tree when no commit is at or before the date, and says so', async () => {
    const doc = await review('2026-10-01');
    expect(doc.base.commit).toBeNull();
    expect(doc.emptyBase).toBe(true);
    expect(doc.base.description).toBe('the empty tree (no commit at or before 2026-10-01: compared with the empty tree)');
    expect(doc.authors.find((a) => a.id === 'growth')?.authors).toEqual(['Ada Tester', 'Bea Ops', 'Cy Dev']);
    expect(doc.stalled).toEqual([]);
    const text = await okr(['diff', '--since', '2026-10-01']);
    expect(text.stdout).toContain('OKR changes from the empty tree (no commit at or before 2026-10-01: compared with the empty tree) to the working tree');
  });

  it('writes the weekly post in text and Markdown', async () => {
    const text = await okr(['diff', '--since', '7d']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Who moved it (commits since 2026-11-23)');
    expect(text.stdout).toContain('  key result launch: Cy Dev');
    expect(text.stdout).toContain('Stalled (no movement since 2026-11-23)');
    expect(text.stdout).toMatch(/ {2}signups \(growth\) {2}40 ?% .*last check-in 2026-11-20/);
    const markdown = await okr(['diff', '--since', '7d', '--format', 'markdown']);
    expect(markdown.stdout).toContain('### Who moved it (commits since 2026-11-23)');
    expect(markdown.stdout).toContain('- key result `launch`: Cy Dev');
    expect(markdown.stdout).toContain('| Key result | Objective | Owner | Progress | Status | Last check-in |');
  });

  it('refuses --since with a base revision, and what it cannot read', async () => {
    const both = await okr(['diff', 'main', '--since', '7d']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('okr: --since and a base revision are exclusive: --since compares the working tree with the last commit at or before its date\n');
    const bad = await okr(['diff', '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('okr: --since expects a number of days or weeks (7d, 2w) or a date (YYYY-MM-DD), not after --today, got "last week"\n');
  });
});
