/**
 * `okr new` on a terminal: the real @inquirer/prompts are driven with keystrokes, in-process through
 * TTY-like streams and, where `script` (util-linux) provides a pseudo-terminal, through the built CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runNewKeyResult } from '../../src/commands/new-key-result.js';
import { runNewObjective } from '../../src/commands/new-objective.js';
import { runNewTask } from '../../src/commands/new-task.js';
import { UserError } from '../../src/errors.js';
import { terminalPrompter } from '../../src/io/prompter.js';
import { FakeTerminal, KEYS, terminalContext } from '../helpers/fake-terminal.js';
import { BIN } from '../helpers/run-cli.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const COMPANY = '---\ntype: objective\nid: company\ntitle: Company\nperiod: 2026-Q4\n---\n';
const GROWTH = '---\ntype: objective\nid: growth\ntitle: Grow\nperiod: 2026-Q4\nkey_results:\n  - id: launch\n    title: Launch\n---\n';

function workspace(): TempWorkspace {
  ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/company.md': COMPANY, 'objectives/growth.md': GROWTH });
  return ws;
}

describe('okr new asks on a terminal for what is missing (in-process)', () => {
  it('new objective: title, period (offering the current quarter), owner, parent', async () => {
    const w = workspace();
    const terminal = new FakeTerminal();
    const { context, stdout } = terminalContext(w.dir);
    const run = runNewObjective({}, context, terminalPrompter({ input: terminal.input, output: terminal.output }));
    await terminal.answer('Title of the objective', 'Delight new users 🎉' + KEYS.enter);
    await terminal.waitFor('(2026-Q4)');
    terminal.type(KEYS.enter);
    await terminal.answer('Owner (optional, Enter to skip)', 'ana' + KEYS.enter);
    await terminal.answer('Aligned under which objective?', KEYS.down + KEYS.enter);
    expect(await run).toBe(0);
    expect(stdout()).toBe('Created objective "delight-new-users" in objectives/delight-new-users.md\nNext: add key results with okr new kr delight-new-users\n');
    expect(w.text('objectives/delight-new-users.md')).toMatch(
      /^---\ntype: objective\nid: delight-new-users\ntitle: Delight new users 🎉\nowner: ana\nperiod: 2026-Q4\nparent: company\n/,
    );
  });

  it('new objective: asks again after an invalid answer, and asks only for what flags leave out', async () => {
    const w = workspace();
    const terminal = new FakeTerminal();
    const { context } = terminalContext(w.dir);
    const run = runNewObjective({ title: 'Given', owner: 'bo' }, context, terminalPrompter({ input: terminal.input, output: terminal.output }));
    await terminal.answer('Period', 'next quarter' + KEYS.enter);
    await terminal.answer('use YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, such as 2026-Q4', '\x7f'.repeat(12) + '2027-Q1' + KEYS.enter);
    await terminal.answer('Aligned under which objective?', KEYS.enter);
    expect(await run).toBe(0);
    expect(terminal.text).not.toContain('Title of the objective');
    expect(terminal.text).not.toContain('Owner');
    expect(w.text('objectives/given.md')).toMatch(/\nowner: bo\nperiod: 2027-Q1\n# Add key results/);
  });

  it('new kr: objective, title, measure, start, target, unit, owner', async () => {
    const w = workspace();
    const terminal = new FakeTerminal();
    const { context, stdout } = terminalContext(w.dir);
    const run = runNewKeyResult(undefined, {}, context, terminalPrompter({ input: terminal.input, output: terminal.output }));
    await terminal.answer('Add a key result to which objective?', KEYS.down + KEYS.enter);
    await terminal.answer('Title of the key result', 'Weekly active teams' + KEYS.enter);
    await terminal.answer('How is it measured?', KEYS.enter);
    await terminal.answer('Start value', 'ten' + KEYS.enter);
    await terminal.answer('enter a number', '\x7f\x7f\x7f' + '10' + KEYS.enter);
    await terminal.answer('Target value', '10' + KEYS.enter);
    await terminal.answer('the target must differ from the start', '\x7f\x7f' + '40' + KEYS.enter);
    await terminal.answer('Unit, such as % or users', 'teams' + KEYS.enter);
    await terminal.answer('Owner', KEYS.enter);
    expect(await run).toBe(0);
    expect(stdout()).toContain('Added key result "weekly-active-teams" (metric) to objectives/growth.md:9');
    expect(w.text('objectives/growth.md')).toBe(
      '---\ntype: objective\nid: growth\ntitle: Grow\nperiod: 2026-Q4\nkey_results:\n  - id: launch\n    title: Launch\n  - id: weekly-active-teams\n    title: Weekly active teams\n    start: 10\n    target: 40\n    current: 10\n    unit: teams\n---\n',
    );
  });

  it('new task: key result (only task-measured ones are offered) and the task', async () => {
    const w = workspace();
    const terminal = new FakeTerminal();
    const { context } = terminalContext(w.dir);
    const run = runNewTask(undefined, {}, context, terminalPrompter({ input: terminal.input, output: terminal.output }));
    await terminal.answer('Add a task to which key result?', KEYS.enter);
    await terminal.answer('The task', 'Write the announcement' + KEYS.enter);
    expect(await run).toBe(0);
    expect(w.text('tasks/launch.md')).toBe('---\ntitle: Launch\nkr: launch\n---\n# Launch\n\n- [ ] Write the announcement\n');
  });

  it('Ctrl-C cancels with exit code 130 and writes nothing', async () => {
    const w = workspace();
    const before = w.snapshot();
    const terminal = new FakeTerminal();
    const { context } = terminalContext(w.dir);
    const run = runNewObjective({}, context, terminalPrompter({ input: terminal.input, output: terminal.output }));
    await terminal.answer('Title of the objective', 'Half' + KEYS.ctrlC);
    await expect(run).rejects.toEqual(new UserError('cancelled: nothing written', 130));
    expect(w.snapshot()).toEqual(before);
  });

  it('--no-input never asks, even on a terminal', async () => {
    const w = workspace();
    const { context } = terminalContext(w.dir);
    const failing = { text: () => Promise.reject(new Error('asked')), select: () => Promise.reject(new Error('asked')) };
    await expect(runNewObjective({ input: false }, context, failing)).rejects.toThrow('missing --title and --period');
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasScript)('okr new on a pseudo-terminal (script)', () => {
  it('asks, answers and creates the file through the built CLI', async () => {
    const w = workspace();
    const command = [process.execPath, BIN, 'new', 'kr', 'company', '--measure', 'milestone'].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: w.dir, env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let consumed = 0;
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      for (const waiter of [...waiters]) waiter();
    });
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const at = screen.indexOf(text, consumed);
          if (at === -1) return;
          consumed = at + text.length;
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor('Title of the key result');
    child.stdin.write('Publish the pricing FAQ\r');
    await waitFor('Owner');
    child.stdin.write('\r');
    await waitFor('Added key result');
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(screen).toContain('Added key result "publish-the-pricing-faq" (milestone) to objectives/company.md:7');
    expect(w.text('objectives/company.md')).toBe(
      '---\ntype: objective\nid: company\ntitle: Company\nperiod: 2026-Q4\nkey_results:\n  - id: publish-the-pricing-faq\n    title: Publish the pricing FAQ\n    done: false\n---\n',
    );
  });
});
