import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const COMPANY = '---\ntype: objective\nid: company\ntitle: Company\nperiod: 2026-Q4\n---\n';
const GROWTH =
  '---\r\ntype: objective\r\nid: growth\r\ntitle: Grow\r\nperiod: 2026-Q4\r\nparent: company\r\nkey_results:\r\n  - id: signups   # 🎉\r\n    title: Sign-ups\r\n    start: 0\r\n    target: 100\r\n---\r\nBody';

const OPS = '---\ntype: objective\nid: ops\ntitle: Ops\nperiod: 2026-Q4\nkey_results:\n  - id: runbooks\n    title: Write runbooks\n---\n';

function workspace(extra: Record<string, string> = {}): TempWorkspace {
  ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/company.md': COMPANY, 'objectives/growth.md': GROWTH, 'objectives/ops.md': OPS, ...extra });
  return ws;
}

async function statusProblems(w: TempWorkspace): Promise<{ severity: string; rule: string; file: string }[]> {
  const status = await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: w.dir });
  // objectives/ops.md has a key result without tasks on purpose; its warning is not what these tests look at.
  return (JSON.parse(status.stdout) as { problems: { severity: string; rule: string; file: string }[] }).problems.filter((p) => p.file !== 'objectives/ops.md');
}

describe('okr new objective', () => {
  it('creates a file from the template in the objectives folder, which okr status reads', async () => {
    const w = workspace();
    const result = await runInProcess(['new', 'objective', '--title', 'Delight: new users 🎉', '--period', '2026-q4', '--owner', 'ana', '--parent', 'company'], { cwd: w.dir });
    expect(result).toEqual({
      stdout: 'Created objective "delight-new-users" in objectives/delight-new-users.md\nNext: add key results with okr new kr delight-new-users\n',
      stderr: '',
      code: 0,
    });
    expect(w.text('objectives/delight-new-users.md')).toBe(
      '---\ntype: objective\nid: delight-new-users\ntitle: "Delight: new users 🎉"\nowner: ana\nperiod: 2026-Q4\nparent: company\n# Add key results with: okr new kr delight-new-users\nkey_results: []\n---\n# Delight: new users 🎉\n\nWhy this objective matters now, and what will be different when it is reached.\n',
    );
  });

  it('never reuses an id: a key result or objective id, or an existing file', async () => {
    const w = workspace({ 'objectives/sign-ups-2.md': 'taken\n' });
    expect((await runInProcess(['new', 'objective', '--title', 'Sign-ups', '--period', '2026-Q4'], { cwd: w.dir })).stdout).toContain(
      'Created objective "sign-ups" in objectives/sign-ups.md',
    );
    expect((await runInProcess(['new', 'objective', '--title', 'Sign ups!', '--period', '2026-Q4'], { cwd: w.dir })).stdout).toContain('Created objective "sign-ups-3"');
    expect(await runInProcess(['new', 'objective', '--title', 'X', '--id', 'growth', '--period', '2026-Q4'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: --id "growth" is already used in this workspace: choose another\n',
      code: 1,
    });
    expect(await runInProcess(['new', 'objective', '--title', 'X', '--id', 'Bad Id', '--period', '2026-Q4'], { cwd: w.dir })).toMatchObject({ code: 2 });
  });

  it('without a terminal, a missing required value is an error naming the flags, and nothing is written', async () => {
    const w = workspace();
    const before = w.snapshot();
    // runCli gives the command a closed, non-terminal stdin.
    expect(await runInProcess(['new', 'objective'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: missing --title and --period: okr asks for them only on a terminal, so pass them on the command line (see okr new objective --help)\n',
      code: 2,
    });
    expect((await runInProcess(['new', 'kr', '--title', 'X', '--start', '1'], { cwd: w.dir })).stderr).toBe(
      'okr: missing <objective-id> and --target: okr asks for them only on a terminal, so pass them on the command line (see okr new kr --help)\n',
    );
    expect((await runInProcess(['new', 'task', 'signups'], { cwd: w.dir })).stderr).toBe(
      'okr: missing --title: okr asks for it only on a terminal, so pass it on the command line (see okr new task --help)\n',
    );
    expect(w.snapshot()).toEqual(before);
  });

  it('validates flags', async () => {
    const w = workspace();
    expect((await runInProcess(['new', 'objective', '--title', 'X', '--period', 'Q4'], { cwd: w.dir })).stderr).toBe(
      'okr: --period expects YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, got "Q4"\n',
    );
    expect((await runInProcess(['new', 'objective', '--title', 'X', '--period', '2026-Q4', '--parent', 'compny'], { cwd: w.dir })).stderr).toBe(
      'okr: --parent "compny" is not an objective in this workspace (did you mean "company"?)\n',
    );
    expect((await runInProcess(['new', 'objective', '--title', ' ', '--period', '2026-Q4'], { cwd: w.dir })).stderr).toBe('okr: --title: title must not be empty\n');
    expect((await runInProcess(['new', 'objective', '--title', 'X', '--period', '2026-Q4', '--file', '../x.md'], { cwd: w.dir })).stderr).toMatch(
      /^okr: .*x\.md is outside the workspace/,
    );
  });

  it('uses a workspace template from .okr/templates, and refuses one that renders an invalid file', async () => {
    const w = workspace({ '.okr/templates/objective.md': '---\ntype: objective\nid: {{id}}\ntitle: {{title}}\nperiod: {{period}}\nteam: platform\n---\nOurs.\n' });
    await runInProcess(['new', 'objective', '--title', 'Ours', '--period', '2026-Q4'], { cwd: w.dir });
    expect(w.text('objectives/ours.md')).toBe('---\ntype: objective\nid: ours\ntitle: Ours\nperiod: 2026-Q4\nteam: platform\n---\nOurs.\n');
    writeFileSync(w.file('.okr/templates/objective.md'), '---\ntype: objective\nid: {{id}}\ntitle: {{title}}\nperiod: 2026-Q9\n---\n');
    const objectives = () => w.snapshot().filter(([file]) => file.startsWith('objectives'));
    const before = objectives();
    expect((await runInProcess(['new', 'objective', '--title', 'Broken', '--period', '2026-Q4'], { cwd: w.dir })).stderr).toBe(
      'okr: .okr/templates/objective.md renders a file with an error (line 5, column 9: "2026-Q9" is not a period: use YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, or "start" and "end" dates): fix the template (nothing written)\n',
    );
    writeFileSync(w.file('.okr/templates/objective.md'), '---\nid: {{id}}\nowner: {{boss}}\n---\n');
    expect((await runInProcess(['new', 'objective', '--title', 'Broken', '--period', '2026-Q4'], { cwd: w.dir })).stderr).toBe(
      'okr: .okr/templates/objective.md:3: unknown placeholder {{boss}} (known: {{id}}, {{title}}, {{owner}}, {{period}}, {{parent}})\n',
    );
    expect(objectives()).toEqual(before);
  });

  it('--dry-run shows the new file as a diff', async () => {
    const w = workspace();
    const before = w.snapshot();
    const result = await runInProcess(['new', 'objective', '--title', 'Dry', '--period', '2026-Q4', '--dry-run'], { cwd: w.dir });
    expect(result.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/objectives\/dry\.md\n@@ -0,0 \+1,11 @@\n\+---\n\+type: objective\n\+id: dry\n/);
    expect(result.stderr).toBe('dry run: nothing written\n');
    expect(w.snapshot()).toEqual(before);
  });
});

describe('okr new kr', () => {
  it('appends a metric to key_results, keeping CRLF, comments and the missing final newline', () => {
    const w = workspace();
    const result = runCli(['new', 'kr', 'growth', '--title', 'Raise activation: 20% → 35%', '--start', '20', '--target', '35', '--unit', '%', '--weight', '2', '--owner', 'ana'], {
      cwd: w.dir,
    });
    expect(result).toEqual({
      stdout: 'Added key result "raise-activation-20-35" (metric) to objectives/growth.md:12\nNext: record progress with okr checkin raise-activation-20-35 <value>\n',
      stderr: '',
      code: 0,
    });
    expect(w.text('objectives/growth.md')).toBe(
      '---\r\ntype: objective\r\nid: growth\r\ntitle: Grow\r\nperiod: 2026-Q4\r\nparent: company\r\nkey_results:\r\n  - id: signups   # 🎉\r\n    title: Sign-ups\r\n    start: 0\r\n    target: 100\r\n' +
        '  - id: raise-activation-20-35\r\n    title: "Raise activation: 20% → 35%"\r\n    owner: ana\r\n    start: 20\r\n    target: 35\r\n    current: 20\r\n    unit: "%"\r\n    weight: 2\r\n---\r\nBody',
    );
  });

  it('adds milestones and task-measured key results, creating key_results when missing', async () => {
    const w = workspace();
    const first = await runInProcess(['new', 'kr', 'company', '--title', 'Ship docs', '--measure', 'milestone'], { cwd: w.dir });
    expect(first.stdout).toBe('Added key result "ship-docs" (milestone) to objectives/company.md:7\nNext: mark it reached with okr checkin ship-docs true\n');
    expect(first.stderr).toBe(
      'note: "company" has 1 aligned objective: its progress now counts them and its key results (each aligned objective as one key result of weight 1); set progress_from in objectives/company.md to choose\n',
    );
    expect((await runInProcess(['new', 'kr', 'company', '--title', 'Sign-ups', '--id', 'launch'], { cwd: w.dir })).stdout).toContain('Added key result "launch" (tasks)');
    expect(w.text('objectives/company.md')).toBe(
      '---\ntype: objective\nid: company\ntitle: Company\nperiod: 2026-Q4\nkey_results:\n  - id: ship-docs\n    title: Ship docs\n    done: false\n  - id: launch\n    title: Sign-ups\n---\n',
    );
    // company has an aligned objective: its progress now counts both, and okr says so.
    expect(await statusProblems(w)).toEqual([expect.objectContaining({ rule: 'progress-from-ambiguous' }), expect.objectContaining({ rule: 'kr-no-tasks' })]);
  });

  it('refuses bad values before touching the file', async () => {
    const w = workspace();
    const before = w.snapshot();
    for (const [args, stderr] of [
      [['new', 'kr', 'growth', '--title', 'X', '--start', '5', '--target', '5'], 'okr: --start and --target must differ: progress is measured from one to the other\n'],
      [['new', 'kr', 'growth', '--title', 'X', '--start', 'five', '--target', '5'], 'okr: --start expects a number, got "five"\n'],
      [
        ['new', 'kr', 'growth', '--title', 'X', '--measure', 'milestone', '--start', '1'],
        'okr: --start, --target, --current and --unit are for a metric, not --measure milestone\n',
      ],
      [['new', 'kr', 'grwth', '--title', 'X'], 'okr: "grwth" is not an objective in this workspace (did you mean "growth"?)\n'],
      [['new', 'kr', 'growth', '--title', 'X', '--id', 'signups'], 'okr: --id "signups" is already used in this workspace: choose another\n'],
    ] as const) {
      expect((await runInProcess(args, { cwd: w.dir })).stderr).toBe(stderr);
    }
    expect(w.snapshot()).toEqual(before);
  });
});

describe('okr new task', () => {
  it('creates a task file for a key result without tasks, then adds to it', async () => {
    const w = workspace();
    mkdirSync(w.file('tasks'));
    await runInProcess(['new', 'kr', 'growth', '--title', 'Onboarding', '--owner', 'tom'], { cwd: w.dir });
    expect(await runInProcess(['new', 'task', 'onboarding', '--title', 'Design the [checklist]'], { cwd: w.dir })).toEqual({
      stdout: 'Created tasks/onboarding.md with the task "Design the [checklist]" for "onboarding" (tasks/onboarding.md:8)\n',
      stderr: '',
      code: 0,
    });
    expect(await runInProcess(['new', 'task', 'onboarding', '--title', 'Build it 🎉'], { cwd: w.dir })).toEqual({
      stdout: 'Added the task "Build it 🎉" for "onboarding" at tasks/onboarding.md:9\n',
      stderr: '',
      code: 0,
    });
    expect(w.text('tasks/onboarding.md')).toBe('---\ntitle: Onboarding\nowner: tom\nkr: onboarding\n---\n# Onboarding\n\n- [ ] Design the [checklist]\n- [ ] Build it 🎉\n');
    expect(await statusProblems(w)).toEqual([]);
  });

  it('adds after the last task of the key result in the file that holds them, in its style', async () => {
    const w = workspace({ 'notes/plan.md': '# Plan <!-- kr: runbooks -->\r\n\r\n1. [x] Draft\r\n2. [ ] Review\r\n   - [ ] nested\r\n\r\nEnd' });
    expect((await runInProcess(['new', 'task', 'runbooks', '--title', 'Publish'], { cwd: w.dir })).stdout).toBe('Added the task "Publish" for "runbooks" at notes/plan.md:6\n');
    expect(w.text('notes/plan.md')).toBe('# Plan <!-- kr: runbooks -->\r\n\r\n1. [x] Draft\r\n2. [ ] Review\r\n   - [ ] nested\r\n3. [ ] Publish\r\n\r\nEnd');
  });

  it('asks for --file when the tasks are in several files; --file may name any file', async () => {
    const w = workspace({ 'a.md': '---\nkr: runbooks\n---\n- [ ] a\n', 'b.md': '---\nkr: runbooks\n---\n- [ ] b\n' });
    expect((await runInProcess(['new', 'task', 'runbooks', '--title', 'c'], { cwd: w.dir })).stderr).toBe(
      'okr: the tasks of "runbooks" are in 2 files (a.md, b.md): choose one with --file\n',
    );
    writeFileSync(w.file('notes.md'), '# Notes\n');
    expect((await runInProcess(['new', 'task', 'runbooks', '--title', 'c', '--file', 'notes.md'], { cwd: w.dir })).code).toBe(0);
    expect(w.text('notes.md')).toBe('# Notes\n\n- [ ] c <!-- kr: runbooks -->\n');
    expect(await statusProblems(w)).toEqual([]);
  });

  it('refuses a key result that is not measured by tasks', async () => {
    const w = workspace();
    expect((await runInProcess(['new', 'task', 'growth', '--title', 'x'], { cwd: w.dir })).stderr).toBe('okr: "growth" is not a key result in this workspace\n');
    expect((await runInProcess(['new', 'task', 'signups', '--title', 'x'], { cwd: w.dir })).stderr).toBe(
      'okr: key result "signups" is a metric: tasks linked to it would not count toward its progress; record progress with okr checkin signups <value>\n',
    );
  });
});
