import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

describe('okr init', () => {
  it('creates okr.config.yaml and a starter workspace that okr status reads without problems', async () => {
    ws = tempWorkspace({});
    const result = await runInProcess(['init', '--today', '2026-11-15'], { cwd: ws.dir });
    expect(result).toEqual({
      stdout:
        'Created an okr workspace in . for 2026-Q4:\n  okr.config.yaml\n  objectives/launch.md\n  tasks/launch-checklist.md\n' +
        'Next: okr status, then edit the starter objective or add your own with okr new objective\n',
      stderr: '',
      code: 0,
    });
    const status = await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: ws.dir });
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { objectives: { id: string; period: string; keyResults: { id: string; measure: string }[] }[]; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.objectives.map((o) => [o.id, o.keyResults.map((kr) => kr.measure)])).toEqual([['launch', ['metric', 'milestone', 'tasks']]]);
    // The commands the starter files suggest work on them.
    expect((await runInProcess(['checkin', 'weekly-active-users', '20', '--date', '2026-11-16', '--today', '2026-11-30'], { cwd: ws.dir })).code).toBe(0);
    expect((await runInProcess(['done', '--kr', 'launch-checklist', 'support inbox'], { cwd: ws.dir })).stdout).toBe(
      'Ticked tasks/launch-checklist.md:11  Set up the support inbox\n',
    );
  });

  it('creates the directory, with --period', async () => {
    ws = tempWorkspace({});
    const result = await runInProcess(['init', 'team/okrs', '--period', '2027-h1'], { cwd: ws.dir });
    expect(result.stdout).toBe(
      'Created an okr workspace in team/okrs for 2027-H1:\n  team/okrs/okr.config.yaml\n  team/okrs/objectives/launch.md\n  team/okrs/tasks/launch-checklist.md\n' +
        'Next: okr status team/okrs, then edit the starter objective or add your own with okr new objective\n',
    );
    expect(ws.text('team/okrs/objectives/launch.md')).toContain('\nperiod: 2027-H1\n');
  });

  it('refuses to overwrite anything: exit 1, nothing written', async () => {
    ws = tempWorkspace({ 'objectives/launch.md': 'mine\n', 'notes.md': 'keep\n' });
    const before = ws.snapshot();
    expect(await runInProcess(['init', '--period', '2026-Q4'], { cwd: ws.dir })).toEqual({
      stdout: '',
      stderr: 'okr: objectives/launch.md already exists: okr init does not overwrite anything (nothing written)\n',
      code: 1,
    });
    expect(ws.snapshot()).toEqual(before);
    expect(existsSync(path.join(ws.dir, 'okr.config.yaml'))).toBe(false);
    expect(existsSync(path.join(ws.dir, 'tasks'))).toBe(false);
  });

  it('refuses a path that is a file, and a bad period', async () => {
    ws = tempWorkspace({ 'file.txt': 'x' });
    expect((await runInProcess(['init', 'file.txt', '--period', '2026-Q4'], { cwd: ws.dir })).stderr).toBe('okr: file.txt exists and is not a directory\n');
    expect((await runInProcess(['init', '--period', 'soon'], { cwd: ws.dir })).stderr).toBe('okr: --period expects YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, got "soon"\n');
  });

  it('notes when the new workspace is inside another one', async () => {
    ws = tempWorkspace({ 'okr.config.yaml': '' });
    mkdirSync(path.join(ws.dir, 'sub'));
    writeFileSync(path.join(ws.dir, 'sub', 'README.md'), '# hi\n');
    const result = await runInProcess(['init', 'sub', '--period', '2026-Q4'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: sub is inside the okr workspace in ., which reads these files too: rename the starter ids if they clash there\n');
  });

  it('--dry-run prints every file as a diff and writes nothing', async () => {
    ws = tempWorkspace({});
    const result = await runInProcess(['init', '--period', '2026-Q4', '--dry-run'], { cwd: ws.dir });
    expect(result.stdout.match(/^\+\+\+ .*$/gm)).toEqual(['+++ b/okr.config.yaml', '+++ b/objectives/launch.md', '+++ b/tasks/launch-checklist.md']);
    expect(result.stderr).toBe('dry run: nothing written\n');
    expect(ws.snapshot()).toEqual([]);
  });
});
