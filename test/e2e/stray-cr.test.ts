/**
 * Lone CRs inside LF files (test/fixtures/stray-cr): every `file:line` okr prints is the line
 * `grep -n` names, and `okr done file:LINE` ticks that line, or refuses when two items share it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOkrFile } from '../../src/parse/file-facts.js';
import { copyToTemp, FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const CASE = path.join(FIXTURES, 'stray-cr');
const WORKSPACE = path.join(CASE, 'workspace');
const expected = JSON.parse(readFileSync(path.join(CASE, 'expected.json'), 'utf8')) as {
  status: Record<string, unknown>;
  lint: string[];
  tasks: Record<string, string[]>;
};

let temp: { dir: string; cleanup: () => void } | undefined;
afterEach(() => temp?.cleanup());

function grepLine(file: string, pattern: string): number {
  const result = spawnSync('grep', ['-n', '-F', pattern, file], { encoding: 'utf8' });
  return Number(result.stdout.split(':')[0]);
}

describe('lines with a stray CR are numbered as grep -n numbers them', () => {
  it('status --json gives the objective and key results at their grep lines', async () => {
    const result = await runInProcess(['status', '--json', '--today', '2026-11-15', 'workspace'], { cwd: CASE });
    expect(JSON.parse(result.stdout)).toMatchObject(expected.status);
  });

  it('lint --format json puts every problem on its grep line', async () => {
    const result = await runInProcess(['lint', '--format', 'json', 'workspace'], { cwd: CASE });
    const report = JSON.parse(result.stdout) as { problems: { file: string; line: number; column: number; severity: string; rule: string }[] };
    expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(expected.lint);
    expect(result.code).toBe(1);
  });

  it('lint shows the grep line, the CR made visible, under its line number', async () => {
    const result = await runInProcess(['lint', 'workspace'], { cwd: CASE });
    expect(result.stdout).toContain('    14 │ Why it matters.\\x0d## Plan <!-- kr: plannig -->\n');
  });

  it('task items are at their grep lines and columns', () => {
    for (const [file, items] of Object.entries(expected.tasks)) {
      const facts = parseOkrFile(file, readFileSync(path.join(WORKSPACE, file)));
      expect(facts.tasks.map((task) => `${task.line}:${task.column} ${task.text}`)).toEqual(items);
      for (const task of facts.tasks) expect(grepLine(path.join(WORKSPACE, file), task.text)).toBe(task.line);
    }
  });
});

describe('okr done file:LINE with a stray CR', () => {
  it('ticks the item on the line grep -n names', async () => {
    temp = copyToTemp(WORKSPACE);
    const file = path.join(temp.dir, 'tasks/onboarding.md');
    const line = grepLine(file, 'Launch');
    expect(line).toBe(9);
    const before = readFileSync(file);
    const result = await runInProcess(['done', `tasks/onboarding.md:${line}`], { cwd: temp.dir });
    expect(result).toEqual({ stdout: 'Ticked tasks/onboarding.md:9  Launch\n', stderr: '', code: 0 });
    const after = readFileSync(file);
    expect(after.toString('latin1')).toBe(before.toString('latin1').replace('- [ ] Launch', '- [x] Launch'));
    expect(after.toString('latin1')).toBe(
      '---\nkr: onboarding\n---\n# Onboarding\r\n\n- [x] Design\r- [ ] Build\n- [ ] Ship <!-- kr: onbaording -->\n- [ ] Test\r  - [x] Unit\n- [x] Launch\n',
    );
  });

  it('refuses a line that holds two items, naming both, and writes nothing', async () => {
    temp = copyToTemp(WORKSPACE);
    const file = path.join(temp.dir, 'tasks/onboarding.md');
    const before = readFileSync(file);
    const result = await runInProcess(['done', 'tasks/onboarding.md:6'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'okr: tasks/onboarding.md:6: 2 task items start on this line; okr cannot tell which one to change: give one as file:LINE:COLUMN\n' +
        '  tasks/onboarding.md:6:1  Design\n' +
        '  tasks/onboarding.md:6:14  Build\n',
    );
    expect(readFileSync(file)).toEqual(before);
  });

  it.each([
    ['file:LINE:COLUMN of the second item', ['done', 'tasks/onboarding.md:6:14']],
    ['a column inside the second item', ['done', 'tasks/onboarding.md:6:20']],
    ['--kr and the text', ['done', '--kr', 'onboarding', 'Build']],
  ])('picks one of the items on a shared line by %s', async (_name, args) => {
    temp = copyToTemp(WORKSPACE);
    const file = path.join(temp.dir, 'tasks/onboarding.md');
    const result = await runInProcess(args, { cwd: temp.dir });
    expect(result).toEqual({ stdout: 'Ticked tasks/onboarding.md:6  Build\n', stderr: '', code: 0 });
    expect(readFileSync(file, 'latin1')).toBe(
      '---\nkr: onboarding\n---\n# Onboarding\r\n\n- [x] Design\r- [x] Build\n- [ ] Ship <!-- kr: onbaording -->\n- [ ] Test\r  - [x] Unit\n- [ ] Launch\n',
    );
  });

  it('picks the first item on a shared line by its column', async () => {
    temp = copyToTemp(WORKSPACE);
    const result = await runInProcess(['reopen', 'tasks/onboarding.md:6:1'], { cwd: temp.dir });
    expect(result).toEqual({ stdout: 'Reopened tasks/onboarding.md:6  Design\n', stderr: '', code: 0 });
  });

  it('lists ten of the items of a CR-only file, which is one line', async () => {
    temp = copyToTemp(WORKSPACE);
    const items = Array.from({ length: 12 }, (_, i) => `- [ ] item ${i}`).join('\r');
    writeFileSync(path.join(temp.dir, 'tasks/cr-only.md'), `${items}\r`);
    const result = await runInProcess(['done', 'tasks/cr-only.md:1'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('okr: tasks/cr-only.md:1: 12 task items start on this line; okr cannot tell which one to change: give one as file:LINE:COLUMN');
    expect(lines.slice(1, 3)).toEqual(['  tasks/cr-only.md:1:1  item 0', '  tasks/cr-only.md:1:14  item 1']);
    expect(lines.slice(10)).toEqual(['  tasks/cr-only.md:1:118  item 9', '  … and 2 more', '']);
    expect(await runInProcess(['done', 'tasks/cr-only.md:1:120'], { cwd: temp.dir })).toEqual({ stdout: 'Ticked tasks/cr-only.md:1  item 9\n', stderr: '', code: 0 });
  });

  it('counts the lines of a file as grep -c and wc -l do when the line is past the end', async () => {
    temp = copyToTemp(WORKSPACE);
    const result = await runInProcess(['done', 'tasks/onboarding.md:11'], { cwd: temp.dir });
    expect(result).toMatchObject({ code: 1, stderr: 'okr: tasks/onboarding.md:11: the file has only 9 lines\n' });
  });
});
