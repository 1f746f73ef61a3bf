import { chmodSync, statSync, symlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';

/** The CLI in this process: these tests are about the edit, not the process. */
const runCli = (args: readonly string[], options: { cwd: string }) => runInProcess(args, options);
import { tempWorkspace, withBom, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const OBJECTIVE = '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: k\n    title: K\n---\n';

function workspace(tasks: string | Uint8Array): TempWorkspace {
  ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/o.md': OBJECTIVE, 'tasks/k.md': tasks });
  return ws;
}

describe('okr done / okr reopen by file:line: exactly one byte changes', () => {
  it.each([
    ['LF', '---\nkr: k\n---\n- [ ] one\n- [ ] two\n', 'tasks/k.md:5', '---\nkr: k\n---\n- [ ] one\n- [x] two\n'],
    ['CRLF', '---\r\nkr: k\r\n---\r\n- [ ] one\r\n- [ ] two\r\n', 'tasks/k.md:4', '---\r\nkr: k\r\n---\r\n- [x] one\r\n- [ ] two\r\n'],
    ['no final newline', '---\nkr: k\n---\n- [ ] one\n- [/] two', 'tasks/k.md:5', '---\nkr: k\n---\n- [ ] one\n- [x] two'],
    ['emoji and other non-ASCII', '---\nkr: k   # ключ\n---\n- [ ] 🎉 Fête naïve 👩‍💻\n', 'tasks/k.md:4', '---\nkr: k   # ключ\n---\n- [x] 🎉 Fête naïve 👩‍💻\n'],
    ['trailing spaces and tabs', '---\nkr: k\n---\n*\t[-]\tcancelled   \n', 'tasks/k.md:4', '---\nkr: k\n---\n*\t[x]\tcancelled   \n'],
  ])('%s', async (_name, before, ref, after) => {
    const w = workspace(before);
    const result = await runCli(['done', ref], { cwd: w.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Ticked tasks\/k\.md:\d+ {2}\S.*\n$/);
    expect(w.text('tasks/k.md')).toBe(after);
  });

  it('keeps a BOM', async () => {
    const w = workspace(withBom('---\r\nkr: k\r\n---\r\n- [x] one'));
    const result = await runCli(['reopen', 'tasks/k.md:4'], { cwd: w.dir });
    expect(result).toEqual({ stdout: 'Reopened tasks/k.md:4  one\n', stderr: '', code: 0 });
    expect(w.bytes('tasks/k.md')).toEqual(withBom('---\r\nkr: k\r\n---\r\n- [ ] one'));
  });

  it('takes paths relative to the working directory, and a file:line:column from lint', async () => {
    const w = workspace('---\nkr: k\n---\n- [ ] one\n');
    const result = await runCli(['done', 'k.md:4:3'], { cwd: w.file('tasks') });
    expect(result).toEqual({ stdout: 'Ticked k.md:4  one\n', stderr: '', code: 0 });
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [x] one\n');
  });

  it('says when the task is already in that state, exits 0 and writes nothing', async () => {
    const w = workspace('---\nkr: k\n---\n- [X] one\n- [/] two\n');
    const before = w.snapshot();
    expect(await runCli(['done', 'tasks/k.md:4'], { cwd: w.dir })).toEqual({ stdout: 'Already done, nothing to change: tasks/k.md:4  one\n', stderr: '', code: 0 });
    expect(await runCli(['reopen', 'tasks/k.md:5'], { cwd: w.dir })).toEqual({ stdout: 'Already open (in progress), nothing to change: tasks/k.md:5  two\n', stderr: '', code: 0 });
    expect(w.snapshot()).toEqual(before);
  });

  it('reopens a cancelled task', async () => {
    const w = workspace('---\nkr: k\n---\n- [-] one\n');
    expect((await runCli(['reopen', 'tasks/k.md:4'], { cwd: w.dir })).stdout).toBe('Reopened (was cancelled) tasks/k.md:4  one\n');
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [ ] one\n');
  });
});

describe('groups: only the named box changes, and okr says what it left alone', () => {
  const tasks = '---\nkr: k\n---\n- [ ] Launch\n  - [x] Write the post\n  - [ ] Send the email\n';

  it('ticking the last open leaf leaves the group open and says how to tick it', async () => {
    const w = workspace(tasks);
    const result = await runCli(['done', 'tasks/k.md:6'], { cwd: w.dir });
    expect(result).toEqual({
      stdout: 'Ticked tasks/k.md:6  Send the email\n',
      stderr: 'note: every sub-task of "Launch" (tasks/k.md:4) is closed now, but its own box is left as it was: run "okr done tasks/k.md:4" to tick it too\n',
      code: 0,
    });
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [ ] Launch\n  - [x] Write the post\n  - [x] Send the email\n');
  });

  it('ticking a group with open sub-tasks ticks only the group and says progress is unchanged', async () => {
    const w = workspace(tasks);
    const result = await runCli(['done', 'tasks/k.md:4'], { cwd: w.dir });
    expect(result.stderr).toBe('note: "Launch" is a group: only its sub-tasks count, and 1 of them is still open (line 6), so progress is unchanged\n');
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [x] Launch\n  - [x] Write the post\n  - [ ] Send the email\n');
  });

  it('reopening a leaf under a ticked group says how to reopen the group', async () => {
    const w = workspace('---\nkr: k\n---\n- [x] Launch\n  - [x] Write the post\n');
    const result = await runCli(['reopen', 'tasks/k.md:5'], { cwd: w.dir });
    expect(result.stderr).toBe('note: "Launch" (tasks/k.md:4) is still ticked though it now has an open sub-task: run "okr reopen tasks/k.md:4" to reopen it too\n');
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [x] Launch\n  - [ ] Write the post\n');
  });
});

describe('okr done --kr <id> <text>', () => {
  const tasks = '---\nkr: k\n---\n- [ ] Write the launch post\n- [ ] Send the launch email\n- [x] Launch\n';

  it('ticks the one task whose text holds the words, ignoring case', async () => {
    const w = workspace(tasks);
    const result = await runCli(['done', '--kr', 'k', 'LAUNCH', 'EMAIL'], { cwd: w.dir });
    expect(result).toEqual({ stdout: 'Ticked tasks/k.md:5  Send the launch email\n', stderr: '', code: 0 });
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [ ] Write the launch post\n- [x] Send the launch email\n- [x] Launch\n');
  });

  it('prefers an exact match over tasks that merely contain the text', async () => {
    const w = workspace(tasks);
    expect((await runCli(['reopen', '--kr', 'k', 'launch'], { cwd: w.dir })).stdout).toBe('Reopened tasks/k.md:6  Launch\n');
  });

  it('lists the candidates when the text matches several tasks, and writes nothing', async () => {
    const w = workspace(tasks);
    const before = w.snapshot();
    const result = await runCli(['done', '--kr', 'k', 'the launch'], { cwd: w.file('tasks') });
    expect(result).toEqual({
      stdout: '',
      stderr:
        'okr: "the launch" matches 2 tasks of key result "k": give more of the text, or one of these as file:line:\n' +
        '  k.md:4  [ ] Write the launch post\n' +
        '  k.md:5  [ ] Send the launch email\n',
      code: 1,
    });
    expect(w.snapshot()).toEqual(before);
  });

  it('says when nothing matches, and when the key result is unknown or not measured by tasks', async () => {
    const w = workspace(tasks);
    expect(await runCli(['done', '--kr', 'k', 'zebra'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: no task of key result "k" contains "zebra" (it has 3 tasks; matching ignores case)\n',
      code: 1,
    });
    expect((await runCli(['done', '--kr', 'kk', 'x'], { cwd: w.dir })).stderr).toBe('okr: "kk" is not a key result in this workspace (did you mean "k"?)\n');
    expect(await runCli(['done', '--kr', 'k'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: give the text of the task after --kr k, e.g. okr done --kr k "sample data"\n',
      code: 2,
    });
  });
});

describe('refusals: one line, file:line, nothing written', () => {
  it('a line without a task item names the nearest ones', async () => {
    const w = workspace('---\nkr: k\n---\n- [ ] one\n\ntext\n\n- [ ] two\n');
    const before = w.snapshot();
    expect(await runCli(['done', 'tasks/k.md:6'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: tasks/k.md:6: no task item starts on this line: the nearest task items are on lines 4 and 8\n',
      code: 1,
    });
    expect((await runCli(['done', 'tasks/k.md:99'], { cwd: w.dir })).stderr).toBe('okr: tasks/k.md:99: the file has only 8 lines\n');
    expect(w.snapshot()).toEqual(before);
  });

  it('a task item inside a code block is not a task', async () => {
    const w = workspace('---\nkr: k\n---\n```\n- [ ] not a task\n```\n');
    expect((await runCli(['done', 'tasks/k.md:5'], { cwd: w.dir })).stderr).toBe('okr: tasks/k.md:5: no task item starts on this line: the file has no task items\n');
  });

  it('a file that is not valid UTF-8 is not edited', async () => {
    const w = workspace(Buffer.concat([Buffer.from('---\nkr: k\n---\n- [ ] caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const before = w.snapshot();
    expect(await runCli(['done', 'tasks/k.md:4'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: tasks/k.md:4:10: file is not valid UTF-8: okr does not edit it (nothing written); save it as UTF-8 first\n',
      code: 1,
    });
    expect(w.snapshot()).toEqual(before);
  });

  it('bad references are usage errors', async () => {
    const w = workspace('- [ ] a\n');
    expect(await runCli(['done'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: which task? give path/to/file.md:LINE, or --kr <id> <text> (see okr done --help)\n',
      code: 2,
    });
    expect((await runCli(['done', 'tasks/k.md'], { cwd: w.dir })).stderr).toBe('okr: expected path/to/file.md:LINE (a line number after the colon), got "tasks/k.md"\n');
    expect((await runCli(['done', 'tasks/k.md:0'], { cwd: w.dir })).code).toBe(2);
    expect(await runCli(['done', 'nope.md:1'], { cwd: w.dir })).toEqual({ stdout: '', stderr: 'okr: nope.md: no such file or directory\n', code: 1 });
  });
});

describe('how the file is written', () => {
  it('--dry-run prints a unified diff and writes nothing', async () => {
    const w = workspace('---\r\nkr: k\r\n---\r\n- [ ] one\r\n- [ ] two');
    const before = w.snapshot();
    const result = await runCli(['done', 'tasks/k.md:5', '--dry-run'], { cwd: w.dir });
    expect(result).toEqual({
      stdout:
        '--- a/tasks/k.md\n+++ b/tasks/k.md\n@@ -2,4 +2,4 @@\n kr: k\r\n ---\r\n - [ ] one\r\n-- [ ] two\n\\ No newline at end of file\n+- [x] two\n\\ No newline at end of file\n',
      stderr: 'dry run: nothing written\n',
      code: 0,
    });
    expect(w.snapshot()).toEqual(before);
  });

  it('keeps the mode and edits the target of a symlink', async () => {
    const w = workspace('---\nkr: k\n---\n- [ ] one\n');
    chmodSync(w.file('tasks/k.md'), 0o600);
    symlinkSync('k.md', w.file('tasks/link.md'));
    expect((await runCli(['done', 'tasks/link.md:4'], { cwd: w.dir })).code).toBe(0);
    expect(lstatSync(w.file('tasks/link.md')).isSymbolicLink()).toBe(true);
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [x] one\n');
    expect(statSync(w.file('tasks/k.md')).mode & 0o777).toBe(0o600);
  });

  it('the result reads back in okr status', async () => {
    const w = workspace('---\nkr: k\n---\n- [ ] one\n- [x] two\n');
    await runCli(['done', 'tasks/k.md:4'], { cwd: w.dir });
    writeFileSync(w.file('okr.config.yaml'), '');
    const status = JSON.parse((await runCli(['status', '--json', '--today', '2026-11-15'], { cwd: w.dir })).stdout) as { objectives: { keyResults: { tasks: unknown }[] }[] };
    expect(status.objectives[0]!.keyResults[0]!.tasks).toEqual({ done: 2, open: 0, inProgress: 0, cancelled: 0, total: 2 });
  });
});

describe('several refs in one call, okr start and okr cancel', () => {
  const twoFiles = () => {
    ws = tempWorkspace({
      'okr.config.yaml': '',
      'objectives/o.md': OBJECTIVE,
      'tasks/k.md': '---\nkr: k\n---\n- [ ] one\n- [ ] two\n- [ ] three\n',
      'tasks/l.md': '---\nkr: k\n---\n- [ ] four\n',
    });
    return ws;
  };

  it('ticks several items of several files, each file written once', async () => {
    const w = twoFiles();
    const result = await runCli(['done', 'tasks/k.md:4', 'tasks/l.md:4', 'tasks/k.md:6', 'tasks/k.md:4'], { cwd: w.dir });
    expect(result).toEqual({ stdout: 'Ticked tasks/k.md:4  one\nTicked tasks/k.md:6  three\nTicked tasks/l.md:4  four\n', stderr: '', code: 0 });
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [x] one\n- [ ] two\n- [x] three\n');
    expect(w.text('tasks/l.md')).toBe('---\nkr: k\n---\n- [x] four\n');
  });

  it('writes nothing when any ref does not resolve, even in a file that comes later', async () => {
    const w = twoFiles();
    const before = w.snapshot();
    expect(await runCli(['done', 'tasks/k.md:4', 'tasks/l.md:9'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: tasks/l.md:9: the file has only 4 lines\n',
      code: 1,
    });
    expect((await runCli(['done', 'tasks/k.md:4', 'tasks/k.md'], { cwd: w.dir })).code).toBe(2);
    expect(w.snapshot()).toEqual(before);
  });

  it('--dry-run prints one diff per file and the note once', async () => {
    const w = twoFiles();
    const before = w.snapshot();
    const result = await runCli(['cancel', 'tasks/k.md:5', 'tasks/l.md:4', '--dry-run'], { cwd: w.dir });
    expect(result.stdout.match(/^--- a\//gm)).toHaveLength(2);
    expect(result.stderr).toBe('dry run: nothing written\n');
    expect(w.snapshot()).toEqual(before);
  });

  it('start marks [/], cancel marks [-], and each says when there is nothing to do', async () => {
    const w = workspace('---\nkr: k\n---\n- [ ] one\n- [x] two\n');
    expect(await runCli(['start', 'tasks/k.md:4'], { cwd: w.dir })).toEqual({ stdout: 'Started tasks/k.md:4  one\n', stderr: '', code: 0 });
    expect(await runCli(['cancel', 'tasks/k.md:5'], { cwd: w.dir })).toEqual({ stdout: 'Cancelled tasks/k.md:5  two\n', stderr: '', code: 0 });
    expect(w.text('tasks/k.md')).toBe('---\nkr: k\n---\n- [/] one\n- [-] two\n');
    expect((await runCli(['start', 'tasks/k.md:4'], { cwd: w.dir })).stdout).toBe('Already in progress, nothing to change: tasks/k.md:4  one\n');
    expect((await runCli(['cancel', 'tasks/k.md:5'], { cwd: w.dir })).stdout).toBe('Already cancelled, nothing to change: tasks/k.md:5  two\n');
  });

  it('--kr passes over tasks already in the new state', async () => {
    const w = workspace('---\nkr: k\n---\n- [x] Deploy to staging\n- [ ] Deploy to production\n- [-] Old cluster\n');
    expect((await runCli(['done', '--kr', 'k', 'deploy'], { cwd: w.dir })).stdout).toBe('Ticked tasks/k.md:5  Deploy to production\n');
    expect((await runCli(['start', '--kr', 'k', 'deploy'], { cwd: w.dir })).stderr).toMatch(/matches 2 tasks/);
    expect((await runCli(['reopen', '--kr', 'k', 'staging'], { cwd: w.dir })).stdout).toBe('Reopened tasks/k.md:4  Deploy to staging\n');
    expect((await runCli(['done', '--kr', 'k', 'deploy'], { cwd: w.dir })).stdout).toBe('Ticked tasks/k.md:4  Deploy to staging\n');
    // When every match is in the new state already, okr says so.
    expect((await runCli(['cancel', '--kr', 'k', 'old'], { cwd: w.dir })).stdout).toBe('Already cancelled, nothing to change: tasks/k.md:6  Old cluster\n');
  });
});
