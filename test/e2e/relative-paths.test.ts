/** Paths in text output are relative to the working directory when it is inside the workspace, as eslint's are. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];
let ws: TempWorkspace;
beforeAll(() => {
  ws = tempWorkspace({
    'okrs/okr.config.yaml': '',
    'okrs/objectives/o.md': '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: k\n    title: K\n---\n',
    'okrs/tasks/k.md': '---\nkr: nope\n---\n- [ ] one\n',
    'okrs/tasks/l.md': '---\nkr: k\n---\n- [ ] two\n',
  });
});
afterAll(() => ws.cleanup());

describe('paths relative to the working directory', () => {
  it('okr lint and okr status from a subdirectory of the workspace', async () => {
    const cwd = ws.file('okrs/objectives');
    const lint = await runInProcess(['lint'], { cwd });
    expect(lint.stdout).toMatch(/^\.\.\/tasks\/k\.md\n {2}2:5 {2}error/);
    const status = await runInProcess(['status', ...TODAY], { cwd });
    expect(status.stderr).toMatch(/^\.\.\/tasks\/k\.md:2:5 {2}error/m);
  });

  it('JSON and GitHub annotations keep workspace-relative paths; from outside the workspace nothing changes', async () => {
    const json = JSON.parse((await runInProcess(['lint', '--json'], { cwd: ws.file('okrs/objectives') })).stdout) as { problems: { file: string }[] };
    expect(json.problems.map((p) => p.file)).toEqual(['tasks/k.md']);
    expect((await runInProcess(['lint', 'okrs'], { cwd: ws.dir })).stdout).toMatch(/^tasks\/k\.md\n/);
  });

  it('edit messages name a file elsewhere in the workspace relative to the working directory', async () => {
    const ticked = await runInProcess(['done', '../tasks/l.md:4'], { cwd: ws.file('okrs/objectives') });
    expect(ticked).toEqual({ stdout: 'Ticked ../tasks/l.md:4  two\n', stderr: '', code: 0 });
    expect((await runInProcess(['done', '../tasks/l.md:9'], { cwd: ws.file('okrs/objectives') })).stderr).toBe('okr: ../tasks/l.md:9: the file has only 4 lines\n');
  });
});
