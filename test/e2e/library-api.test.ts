/**
 * The library API (src/index.ts, the package's `exports`): the functions the command line runs,
 * called with plain options, on real files and a real git repository.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as okr from '../../src/index.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TODAY = '2026-11-15';
let repo: TempRepo;
let root: string;
let first: string;
const env = () => ({ ...process.env, ...GIT_ENV, OKR_CACHE_DIR: path.join(repo.dir, '.cache') });
const load = () => ({ env: env() });

beforeAll(() => {
  repo = createRepo();
  copyInto(repo, path.join(FIXTURES, 'diff', 'workspace'), 'okrs');
  first = repo.commit('OKRs');
  root = path.join(repo.dir, 'okrs');
});

afterAll(() => repo?.cleanup());

describe('the library API', () => {
  it('exports the loaders, reports, lint, diff and edit planners by name', () => {
    const names = ['loadWorkspace', 'loadWorkspaceAtRevision', 'loadRevisionPair', 'locateWorkspace', 'buildStatusReport', 'parsePeriodSelection', 'lintWorkspace'];
    names.push('diffWorkspaces', 'renderStatusJson', 'renderLintJson', 'renderDiffJson', 'parseOkrText', 'taskEdit', 'tasksOnLine', 'checkinEdit', 'addKeyResultEdit');
    names.push('readKeyResultEntry', 'addTaskEdit', 'applySplices', 'editFile', 'UserError', 'UsageError', 'planCarryOver', 'computeAllKeyResultProgress', 'guardrailHeld');
    for (const name of names) expect(typeof (okr as Record<string, unknown>)[name], name).toBe('function');
  });

  it('lints as okr lint does', async () => {
    const { problems } = await okr.lintWorkspace(root, load());
    const cli = await runInProcess(['lint', 'okrs', '--format', 'json'], { cwd: repo.dir, env: env() });
    expect(okr.renderLintJson(problems)).toBe(cli.stdout);
  });

  it('builds the status report okr status --json prints', async () => {
    const { model, config } = await okr.loadWorkspace(root, load());
    const report = okr.buildStatusReport(model, { today: TODAY, period: okr.parsePeriodSelection('current')!, owner: null, thresholds: config.thresholds });
    const cli = await runInProcess(['status', 'okrs', '--json', '--today', TODAY], { cwd: repo.dir, env: env() });
    expect(okr.renderStatusJson(report)).toBe(cli.stdout);
    expect(report.objectives.map((o) => o.id)).toContain('growth');
  });

  it('renders the page okr html writes', async () => {
    const { model, config } = await okr.loadWorkspace(root, load());
    const report = okr.buildStatusReport(model, { today: TODAY, period: okr.parsePeriodSelection('current')!, owner: null, thresholds: config.thresholds });
    // In a git repository the page draws each objective's history, as okr html does.
    const ids = report.objectives.flatMap((o) => (o.id === null ? [] : [o.id]));
    const series = await okr.historyIfInGit(root, ids, { env: env(), load: load(), today: TODAY });
    expect(series).not.toBeNull();
    const page = okr.renderStatusHtml(report, { linkBase: null, tasksOf: okr.keyResultTasks(model), series: series! });
    const out = path.join(repo.dir, '..', `okr-api-${process.pid}.html`);
    const cli = await runInProcess(['html', 'okrs', '-o', out, '--today', TODAY], { cwd: repo.dir, env: env() });
    expect(cli.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(page);
    rmSync(out);
  });

  it('loads a workspace at a git revision and diffs it against the working tree', async () => {
    repo.edit('okrs/tasks/onboarding.md', '- [ ] Welcome email', '- [x] Welcome email');
    const base = await okr.loadWorkspaceAtRevision(root, 'HEAD', { env: env() });
    expect(base.commit).toBe(first);
    const head = await okr.loadWorkspace(root, load());
    const diff = okr.diffWorkspaces({ model: base.model, thresholds: base.config.thresholds }, { model: head.model, thresholds: head.config.thresholds }, { today: TODAY });
    expect(diff.tasks.map((t) => [t.change, t.text])).toEqual([['completed', 'Welcome email']]);
    const pair = await okr.loadRevisionPair(root, 'HEAD', undefined, { env: env() });
    expect(pair.head.label.description).toBe('the working tree');
    expect(
      okr.diffWorkspaces(
        { model: pair.base.workspace.model, thresholds: base.config.thresholds },
        { model: pair.head.workspace.model, thresholds: head.config.thresholds },
        { today: TODAY },
      ),
    ).toEqual(diff);
    repo.git('checkout', '--', '.');
  });

  it('refuses an unknown revision, or one that looks like an option, with a UserError of exit code 2', async () => {
    await expect(okr.loadWorkspaceAtRevision(root, 'no-such-branch', { env: env() })).rejects.toMatchObject({ name: 'UserError', exitCode: okr.ExitCode.USAGE });
    await expect(okr.loadWorkspaceAtRevision(root, '--output=x', { env: env() })).rejects.toThrow(okr.UsageError);
  });

  it('plans and writes edits through the edit pipeline: a tick, a check-in, a new task', async () => {
    const tasks = path.join(root, 'tasks/onboarding.md');
    const before = readFileSync(tasks, 'utf8');
    const dry = await okr.editFile(tasks, (side) => okr.taskEdit(side, okr.tasksOnLine(side.facts, 9)[0]!, 'done'), { root, dryRun: true });
    expect(dry.written).toBe(false);
    expect(dry.after?.text).toBe(before.replace('- [ ] Welcome email', '- [x] Welcome email'));
    expect(readFileSync(tasks, 'utf8')).toBe(before);

    const tick = await okr.editFile(tasks, (side) => okr.taskEdit(side, okr.tasksOnLine(side.facts, 9)[0]!, 'done'), { root });
    expect(tick.written).toBe(true);
    expect(readFileSync(tasks, 'utf8')).toBe(dry.after!.text);

    const added = await okr.editFile(tasks, (side) => okr.addTaskEdit(side, 'onboarding', 'Translate the checklist'), { root });
    expect(added.written).toBe(true);
    expect(readFileSync(tasks, 'utf8')).toContain('- [ ] Translate the checklist');

    const growth = path.join(root, 'objectives/growth.md');
    await okr.editFile(growth, (side) => okr.checkinEdit(side, 'signups', { date: TODAY, value: 300 }), { root });
    expect(readFileSync(growth, 'utf8')).toMatch(/current: 300\n[\s\S]*- \{ date: 2026-11-15, value: 300 \}/);
    repo.git('checkout', '--', '.');
  });

  it('refuses an edit the planner cannot make with a UserError at file:line, writing nothing', async () => {
    const tasks = path.join(root, 'tasks/onboarding.md');
    const before = readFileSync(tasks, 'utf8');
    await expect(okr.editFile(tasks, (side) => okr.checkinEdit(side, 'signups', { date: TODAY, value: 1 }), { root })).rejects.toThrow(okr.UserError);
    expect(readFileSync(tasks, 'utf8')).toBe(before);
  });
});
