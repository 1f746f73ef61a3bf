/**
 * A file changed by someone else between okr reading it and writing it back: every editing command
 * says so, exits 1 and leaves the other change in place. The change is made from the write's
 * last moment before the final check, through the commands' write hooks.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheckin } from '../../src/commands/checkin.js';
import { runDone } from '../../src/commands/done.js';
import { runNewKeyResult } from '../../src/commands/new-key-result.js';
import { runNewTask } from '../../src/commands/new-task.js';
import type { CommandContext } from '../../src/context.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const OBJECTIVE = '---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: m\n    title: M\n    start: 0\n    target: 10\n  - id: t\n    title: T\n---\n';
const TASKS = '---\nkr: t\n---\n- [ ] one\n';

function setup(): { w: TempWorkspace; context: CommandContext } {
  const w = tempWorkspace({ 'okr.config.yaml': '', 'objectives/o.md': OBJECTIVE, 'tasks/t.md': TASKS });
  ws = w;
  const context: CommandContext = {
    cwd: w.dir,
    env: {},
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdinIsTTY: false,
    now: () => new Date(2026, 10, 15),
  };
  return { w, context };
}

describe('a concurrent change is never overwritten', () => {
  it.each([
    ['okr done', 'tasks/t.md', (context: CommandContext, hook: () => void) => runDone(['tasks/t.md:4'], {}, context, { beforeCommit: hook })],
    ['okr checkin', 'objectives/o.md', (context: CommandContext, hook: () => void) => runCheckin('m', '3', { date: '2026-11-15' }, context, { beforeCommit: hook })],
    ['okr new kr', 'objectives/o.md', (context: CommandContext, hook: () => void) => runNewKeyResult('o', { title: 'New' }, context, undefined, { beforeCommit: hook })],
    ['okr new task', 'tasks/t.md', (context: CommandContext, hook: () => void) => runNewTask('t', { title: 'two' }, context, undefined, { beforeCommit: hook })],
  ])('%s', async (_name, file, run) => {
    const { w, context } = setup();
    const theirs = `${w.text(file)}<!-- edited meanwhile -->\n`;
    await expect(run(context, () => writeFileSync(w.file(file), theirs))).rejects.toThrow(
      `${file} changed on disk while okr was editing it: nothing written; run the command again`,
    );
    expect(w.text(file)).toBe(theirs);
    expect(readdirSync(w.file(file.split('/')[0]!))).toEqual([file.split('/')[1]]);
  });
});
