/**
 * The history walk reads each commit by its changes only (src/io/history.ts): at every commit its
 * workspace must be the one a whole read of that commit gives (git-workspace.ts), through added,
 * changed, renamed and deleted files, `.gitignore` files and `exclude:` globs appearing, and files
 * that are not Markdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatusReport } from '../../src/compute/report.js';
import { firstParentCommits } from '../../src/io/git-history.js';
import { openRepository } from '../../src/io/git.js';
import { loadWorkspaceAtCommit } from '../../src/io/git-workspace.js';
import { walkWorkspaceHistory, type WorkspacePoint } from '../../src/io/history.js';
import { renderStatusJson } from '../../src/render/json.js';
import { createRepo, type TempRepo } from '../helpers/git-repo.js';

const OBJECTIVE = `---
id: o
title: O
period: 2026-Q4
key_results:
  - id: t
    title: Tasks
  - id: m
    title: Metric
    start: 0
    target: 10
    current: 2
---
`;
const tasks = (marks: string) => `---\nkr: t\n---\n${[...marks].map((mark, i) => `- [${mark}] item ${i}`).join('\n')}\n`;

let repo: TempRepo;
beforeAll(() => {
  repo = createRepo();
  repo.write('okr.config.yaml', '');
  repo.write('objectives/o.md', OBJECTIVE);
  repo.write('tasks/a.md', tasks('x  '));
  repo.write('tasks/b.md', tasks(' x'));
  repo.commit('start', '2026-10-02T09:00:00Z');
  repo.write('tasks/c.md', tasks('xxx'));
  repo.edit('tasks/a.md', '- [ ] item 1', '- [x] item 1');
  repo.commit('add c, tick a', '2026-10-05T09:00:00Z');
  repo.git('mv', 'tasks/b.md', 'tasks/b2.md');
  repo.commit('rename b', '2026-10-08T09:00:00Z');
  repo.write('.gitignore', 'tasks/c.md\n');
  repo.commit('ignore c', '2026-10-11T09:00:00Z');
  repo.write('okr.config.yaml', 'exclude:\n  - tasks/a.md\n');
  repo.commit('exclude a', '2026-10-14T09:00:00Z');
  repo.git('rm', '-q', 'tasks/a.md');
  repo.write('notes/readme.txt', 'not markdown\n');
  repo.edit('objectives/o.md', 'current: 2', 'current: 7');
  repo.commit('delete a, metric', '2026-10-17T09:00:00Z');
  repo.write('tasks/.gitignore', 'b2.md\n');
  repo.commit('ignore b2 from inside', '2026-10-20T09:00:00Z');
  repo.edit('tasks/b2.md', '- [ ] item 0', '- [x] item 0');
  repo.commit('tick ignored b2', '2026-10-23T09:00:00Z');
  repo.write('tasks/d.md', tasks('x x'));
  repo.commit('add d', '2026-10-26T09:00:00Z');
});
afterAll(() => repo.cleanup());

describe('history walk', () => {
  it('gives, at every commit, the workspace a whole read of that commit gives', async () => {
    const env = { PATH: process.env.PATH };
    const load = { cache: false, workers: 0 };
    const points: WorkspacePoint[] = [];
    await walkWorkspaceHistory(repo.dir, { env, load, today: '2026-10-30' }, (point) => points.push(point));
    const gitRepo = await openRepository(repo.dir, env);
    const commits = await firstParentCommits(gitRepo, '');
    expect(points.map((p) => p.commit)).toEqual(commits.map((c) => c.commit));
    const report = (p: { model: WorkspacePoint['model']; config: WorkspacePoint['config'] }, today: string) =>
      renderStatusJson(buildStatusReport(p.model, { today, period: { kind: 'all' }, owner: null, thresholds: p.config.thresholds }));
    const progress: (number | null)[] = [];
    for (const point of points) {
      const whole = await loadWorkspaceAtCommit(gitRepo, point.commit!, '', load);
      expect(report(point, point.date), point.date).toBe(report(whole, point.date));
      progress.push(JSON.parse(report(point, point.date)).objectives[0].keyResults[0].progress);
    }
    // a (1 of 3) + b (1 of 2); a 2 of 3 + c 3 of 3; renamed; c ignored; a excluded; a deleted; b2
    // ignored: no task items left; b2 ticked, still ignored; d 2 of 3.
    expect(progress).toEqual([2 / 5, 6 / 8, 6 / 8, 3 / 5, 1 / 2, 1 / 2, 0, 0, 2 / 3]);
  });
});
