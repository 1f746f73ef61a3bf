/**
 * `okr diff` on a real repository: the workspace lives in `okrs/`; a feature branch ticks and
 * reopens tasks, moves a metric, adds and removes key results and renames a task file, while `main`
 * moves on after the branch point; one task is ticked in the work tree without committing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TODAY = ['--today', '2026-11-15'];
let repo: TempRepo;
let commits: Record<string, string>;
let workspace: string;
const env = () => ({ ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined });
const okr = (args: string[], cwd = workspace) => runInProcess(args, { cwd, env: env() });
const json = async (args: string[], cwd?: string) => {
  const result = await okr([...args, '--format', 'json', ...TODAY], cwd);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

beforeAll(() => {
  repo = createRepo();
  workspace = path.join(repo.dir, 'okrs');
  copyInto(repo, path.join(FIXTURES, 'diff', 'workspace'), 'okrs');
  repo.write('README.md', '# Product\n');
  commits = { initial: repo.commit('OKRs for Q4') };
  repo.git('checkout', '-q', '-b', 'feature');

  repo.edit('okrs/tasks/onboarding.md', '- [ ] Welcome email', '- [x] Welcome email');
  repo.edit('okrs/tasks/onboarding.md', '  - [x] Checklist UI', '  - [ ] Checklist UI');
  repo.edit('okrs/tasks/onboarding.md', '- [ ] Old wizard cleanup\n', '- [ ] Product tour\n');
  commits.ticks = repo.commit('Tick onboarding tasks');

  repo.edit('okrs/objectives/growth.md', 'current: 260', 'current: 300');
  commits.metric = repo.commit('Check in signups');

  repo.edit(
    'okrs/objectives/growth.md',
    '  - id: docs\n    title: Publish the docs site\n    done: false\n',
    '  - id: referrals\n    title: Launch referrals\n    done: true\n    weight: 2\n',
  );
  repo.edit('okrs/objectives/reliability.md', 'title: Stay up when it matters', 'title: Stay up when customers need us');
  repo.edit('okrs/objectives/reliability.md', 'target: 99.9\n', 'target: 99.95\n');
  commits.krs = repo.commit('Replace the docs key result with referrals');

  repo.git('mv', 'okrs/tasks/runbooks.md', 'okrs/tasks/on-call-runbooks.md');
  commits.rename = repo.commit('Rename the runbooks task file');

  // main moves on after the branch point: not part of what the branch does.
  repo.git('checkout', '-q', 'main');
  repo.edit('okrs/objectives/reliability.md', 'current: 99.7', 'current: 99.8');
  commits.mainLater = repo.commit('Uptime check-in on main');
  repo.git('checkout', '-q', 'feature');

  repo.edit('okrs/tasks/on-call-runbooks.md', '- [ ] Database failover', '- [x] Database failover');
});

afterAll(() => repo.cleanup());

describe('okr diff between the merge-base and the work tree (defaults)', () => {
  it('compares with the merge-base of HEAD and main', async () => {
    const diff = await json(['diff']);
    expect(diff.base).toEqual({
      revision: null,
      commit: commits.initial,
      description: `${commits.initial!.slice(0, 12)} (merge-base of HEAD and main)`,
      note: 'merge-base of HEAD and main',
    });
    expect(diff.head).toEqual({ revision: null, commit: null, description: 'the working tree', note: null });
  });

  it('reports tasks completed, reopened, added and removed, by text with file and line', async () => {
    const diff = await json(['diff']);
    const tasks = diff.tasks.map(
      (t: { change: string; file: string; line: number; text: string; keyResults: string[] }) => `${t.change} ${t.file}:${t.line} ${t.text} (${t.keyResults.join(', ')})`,
    );
    expect(tasks).toEqual([
      'completed tasks/on-call-runbooks.md:8 Database failover (runbooks)',
      'completed tasks/onboarding.md:9 Welcome email (onboarding)',
      'reopened tasks/onboarding.md:7 Checklist UI (onboarding)',
      'added tasks/onboarding.md:10 Product tour (onboarding)',
      'removed tasks/onboarding.md:10 Old wizard cleanup (onboarding)',
    ]);
  });

  it('reports key results added and removed, and edits of objectives and key results', async () => {
    const diff = await json(['diff']);
    expect(diff.keyResults.added).toMatchObject([
      { id: 'referrals', title: 'Launch referrals', objectiveId: 'growth', file: 'objectives/growth.md', line: 16, progress: 1, status: 'done' },
    ]);
    expect(diff.keyResults.removed).toMatchObject([{ id: 'docs', objectiveId: 'growth', progress: 0, status: 'off-track' }]);
    expect(diff.objectives.added).toEqual([]);
    expect(diff.objectives.removed).toEqual([]);
    expect(diff.objectives.changed).toEqual([
      {
        id: 'reliability',
        title: 'Stay up when customers need us',
        file: 'objectives/reliability.md',
        line: 2,
        changes: [{ field: 'title', before: 'Stay up when it matters', after: 'Stay up when customers need us' }],
      },
    ]);
    expect(diff.keyResults.changed).toEqual([
      { id: 'uptime', title: 'Raise uptime from 99.5% to 99.9%', file: 'objectives/reliability.md', line: 9, changes: [{ field: 'target', before: 99.9, after: 99.95 }] },
    ]);
  });

  it('reports progress before and after with the delta, and status changes', async () => {
    const diff = await json(['diff']);
    const rows = diff.progress.map(
      (p: { id: string; before: { progress: number; status: string }; after: { progress: number; status: string }; delta: number }) =>
        `${p.id} ${p.before.progress.toFixed(4)} ${p.before.status} → ${p.after.progress.toFixed(4)} ${p.after.status} (${p.delta.toFixed(4)})`,
    );
    expect(rows).toEqual([
      // growth: (0.3 + 0.25 + 0) / 3 before; (0.5 + 0.25 + 2·1) / 4 after. Onboarding did not move:
      // one task completed, one reopened, one replaced.
      'growth 0.1833 off-track → 0.6875 on-track (0.5042)',
      'signups 0.3000 at-risk → 0.5000 on-track (0.2000)',
      'reliability 0.5000 on-track → 0.5972 on-track (0.0972)',
      'runbooks 0.5000 on-track → 0.7500 on-track (0.2500)',
      'uptime 0.5000 on-track → 0.4444 on-track (-0.0556)',
    ]);
    const signups = diff.progress.find((p: { id: string }) => p.id === 'signups');
    expect(signups.measure).toEqual({
      before: { kind: 'metric', start: 200, target: 400, current: 260, unit: 'signups' },
      after: { kind: 'metric', start: 200, target: 400, current: 300, unit: 'signups' },
    });
    const runbooks = diff.progress.find((p: { id: string }) => p.id === 'runbooks');
    expect(runbooks.tasks).toEqual({
      before: { done: 2, open: 2, inProgress: 0, cancelled: 0, total: 4 },
      after: { done: 3, open: 1, inProgress: 0, cancelled: 0, total: 4 },
    });
  });

  it('detects the renamed file and does not report its tasks as removed and added', async () => {
    const diff = await json(['diff']);
    expect(diff.renamedFiles).toEqual([{ from: 'tasks/runbooks.md', to: 'tasks/on-call-runbooks.md' }]);
  });

  it('does not include what main did after the branch point', async () => {
    const diff = await json(['diff']);
    expect(diff.progress.find((p: { id: string }) => p.id === 'uptime').measure.after.current).toBe(99.7);
  });

  it('reads the repository without touching the work tree or the index', async () => {
    const status = repo.git('status', '--porcelain=v1', '-z');
    const index = readFileSync(path.join(repo.dir, '.git', 'index'));
    const file = repo.read('okrs/tasks/on-call-runbooks.md');
    await okr(['diff', ...TODAY]);
    await okr(['diff', 'main', 'feature', ...TODAY]);
    expect(repo.git('status', '--porcelain=v1', '-z')).toBe(status);
    expect(readFileSync(path.join(repo.dir, '.git', 'index')).equals(index)).toBe(true);
    expect(repo.read('okrs/tasks/on-call-runbooks.md')).toBe(file);
  });
});

describe('okr diff between revisions', () => {
  it('leaves out the work tree when a head revision is given', async () => {
    const diff = await json(['diff', commits.initial!, 'HEAD']);
    expect(diff.head).toEqual({ revision: 'HEAD', commit: commits.rename, description: `HEAD (${commits.rename!.slice(0, 12)})`, note: null });
    expect(diff.tasks.map((t: { text: string }) => t.text)).not.toContain('Database failover');
  });

  it('shows a pure rename as a rename only', async () => {
    const diff = await json(['diff', 'HEAD~1', 'HEAD']);
    expect(diff.renamedFiles).toEqual([{ from: 'tasks/runbooks.md', to: 'tasks/on-call-runbooks.md' }]);
    expect(diff.tasks).toEqual([]);
    expect(diff.progress).toEqual([]);
    expect(diff.keyResults).toEqual({ added: [], removed: [], changed: [] });
  });

  it('shows one metric check-in', async () => {
    const diff = await json(['diff', commits.ticks!, commits.metric!]);
    expect(diff.progress.map((p: { id: string }) => p.id)).toEqual(['growth', 'signups']);
    expect(diff.tasks).toEqual([]);
  });

  it('takes the workspace from --dir, from the top of the repository', async () => {
    const diff = await json(['diff', 'HEAD~1', 'HEAD', '--dir', 'okrs'], repo.dir);
    expect(diff.renamedFiles).toEqual([{ from: 'tasks/runbooks.md', to: 'tasks/on-call-runbooks.md' }]);
  });

  it('says so when nothing changed', async () => {
    const result = await okr(['diff', 'HEAD', 'HEAD', ...TODAY]);
    expect(result.stdout).toBe(
      `OKR changes from HEAD (${commits.rename!.slice(0, 12)}) to HEAD (${commits.rename!.slice(0, 12)}) · today 2026-11-15\n\nNo changes to objectives, key results or tasks.\n`,
    );
    expect(result.code).toBe(0);
  });

  it('treats a workspace that did not exist at the base as all new', async () => {
    const other = createRepo();
    try {
      other.write('README.md', '# Product\n');
      other.commit('Start');
      copyInto(other, path.join(FIXTURES, 'diff', 'workspace'), 'okrs');
      const diff = await json(['diff', 'HEAD', '--dir', 'okrs'], other.dir);
      expect(diff.objectives.added.map((o: { id: string }) => o.id)).toEqual(['growth', 'reliability']);
      expect(diff.keyResults.added).toHaveLength(5);
      expect(diff.tasks.filter((t: { change: string }) => t.change === 'added')).toHaveLength(9);
      expect(diff.progress).toEqual([]);
    } finally {
      other.cleanup();
    }
  });
});

describe('okr diff output formats', () => {
  const normalize = (text: string) => text.replace(/\b[0-9a-f]{12}\b/g, '<commit>');

  it('text: sections for the reviewer', async () => {
    const result = await okr(['diff', ...TODAY]);
    expect(normalize(result.stdout)).toBe(
      [
        'OKR changes from <commit> (merge-base of HEAD and main) to the working tree · today 2026-11-15',
        '',
        '1 objective edited, 1 key result added, 1 key result removed, 1 key result edited, 2 tasks completed, 1 task reopened, 1 task added, 1 task removed, progress moved on 3 key results, 1 file renamed.',
        '',
        'Files renamed',
        '  tasks/runbooks.md → tasks/on-call-runbooks.md',
        '',
        'Objectives and key results',
        '  ~ objective reliability · Stay up when customers need us  objectives/reliability.md:2',
        '      title: "Stay up when it matters" → "Stay up when customers need us"',
        '  + key result referrals · Launch referrals  in growth, milestone done, 100% done  objectives/growth.md:16',
        '  - key result docs · Publish the docs site  in growth  objectives/growth.md:16',
        '  ~ key result uptime · Raise uptime from 99.5% to 99.9%  objectives/reliability.md:9',
        '      target: 99.9 → 99.95',
        '',
        'Progress',
        '  growth         18% →  68%  +50  off track → on track',
        '    • signups    30% →  50%  +20  at risk → on track  260 / 400 signups → 300 / 400 signups',
        '  reliability    50% →  59%  +9   on track',
        '    • runbooks   50% →  75%  +25  on track  2 of 4 tasks → 3 of 4 tasks',
        '    • uptime     50% →  44%  −6   on track  99.7 / 99.9 % → 99.7 / 99.95 %',
        '',
        'Tasks',
        '  completed  tasks/on-call-runbooks.md:8  Database failover  (runbooks)',
        '  completed  tasks/onboarding.md:9  Welcome email  (onboarding)',
        '  reopened   tasks/onboarding.md:7  Checklist UI  (onboarding)',
        '  added      tasks/onboarding.md:10  Product tour  (onboarding)',
        '  removed    tasks/onboarding.md:10  Old wizard cleanup  (onboarding)',
        '',
      ].join('\n'),
    );
  });

  it('markdown: one comment for the pull request', async () => {
    const result = await okr(['diff', '--format', 'markdown', '--link-base', 'https://github.com/o/r/blob/abc', ...TODAY]);
    expect(result.code).toBe(0);
    const md = normalize(result.stdout);
    expect(md.split('\n').slice(0, 6)).toEqual([
      '## OKR changes',
      '',
      'Comparing `<commit>` (merge-base of HEAD and main) with the working tree · today 2026-11-15',
      '',
      '**1 objective edited, 1 key result added, 1 key result removed, 1 key result edited, 2 tasks completed, 1 task reopened, 1 task added, 1 task removed, progress moved on 3 key results, 1 file renamed.**',
      '',
    ]);
    expect(md).toContain(
      '| ↳ [signups](https://github.com/o/r/blob/abc/okrs/objectives/growth.md?plain=1#L7) Raise weekly signups from 200 to 400 | 30% | 50% | +20 | 🟡 at risk → 🟢 on track | 260 / 400 signups → 300 / 400 signups |',
    );
    expect(md).toContain('- ✅ Completed: Welcome email · [tasks/onboarding.md:9](https://github.com/o/r/blob/abc/okrs/tasks/onboarding.md?plain=1#L9) · `onboarding`');
    expect(md).toContain('- ➖ Removed: Old wizard cleanup · `tasks/onboarding.md:10` · `onboarding`');
    expect(md).toContain('- ➖ Removed key result `docs` Publish the docs site from `growth`');
    expect(md).toContain('### Files renamed\n\n- `tasks/runbooks.md` → `tasks/on-call-runbooks.md`');
  });
});

describe('okr diff errors (exit 2)', () => {
  it('refuses a revision that starts with "-"', () => {
    for (const args of [
      ['diff', ...TODAY, '--', '--output=/tmp/x'],
      ['diff', ...TODAY, 'HEAD', '--', '-p'],
    ]) {
      const result = runCli(args, { cwd: workspace, env: env() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^okr: (base|head) revision "-.*" starts with "-": give a branch, tag or commit\n$/);
    }
  });

  it('names an unknown revision', async () => {
    const result = await okr(['diff', 'no-such-branch', ...TODAY]);
    expect(result).toEqual({ stdout: '', stderr: `okr: unknown revision "no-such-branch": no such branch, tag or commit in ${repo.dir}\n`, code: 2 });
  });

  it('says when the directory is not in a git repository', async () => {
    const result = await okr(['diff', ...TODAY], path.join(FIXTURES, '..', '..', '..'));
    if (result.code === 2 && result.stderr.startsWith('okr: not in a git repository')) return;
    // The checkout itself may sit inside a repository; use a fresh temporary directory then.
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const outside = mkdtempSync(path.join(tmpdir(), 'okr-nogit-'));
    try {
      const again = await okr(['diff', ...TODAY], outside);
      expect(again).toEqual({ stdout: '', stderr: `okr: not in a git repository: ${outside}\n`, code: 2 });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('says when there is no default branch to compare with', async () => {
    const other = createRepo({ defaultBranch: 'trunk' });
    try {
      other.write('okr.config.yaml', '');
      other.commit('empty');
      const result = await okr(['diff', ...TODAY], other.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('okr: no default branch to compare with (tried origin/HEAD, main, master): give the base revision, e.g. okr diff HEAD~1\n');
    } finally {
      other.cleanup();
    }
  });

  it('says when the repository has no commits yet', async () => {
    const other = createRepo();
    try {
      const result = await okr(['diff', ...TODAY], other.dir);
      expect(result).toEqual({ stdout: '', stderr: 'okr: the repository has no commits yet: there is nothing to compare with\n', code: 2 });
    } finally {
      other.cleanup();
    }
  });
});
