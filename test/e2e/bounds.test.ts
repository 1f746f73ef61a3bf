/**
 * Bounded work, end to end: pathological Markdown (built at run time) is reported as
 * `file-too-complex` while the rest of the workspace is still reported, by lint, status and diff;
 * okr.config.yaml cannot raise the size limit, the command line and the environment can.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHOLOGICAL_CASES, taskList } from '../../bench/pathological.mjs';
import { createRepo, GIT_ENV } from '../helpers/git-repo.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];
const OBJECTIVE = `---
type: objective
id: growth
title: Grow
period: 2026-Q4
key_results:
  - id: signups
    title: More signups
---
`;
const TASKS = `---
kr: signups
---
- [x] Launch the page
- [ ] Tell everyone
`;
const cases = Object.fromEntries(PATHOLOGICAL_CASES.map((testCase) => [testCase.name, testCase]));

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanup) clean();
  cleanup = [];
});

function workspace(files: Record<string, string>): TempWorkspace {
  const ws = tempWorkspace(files);
  cleanup.push(() => ws.cleanup());
  return ws;
}

describe('pathological Markdown', () => {
  it('is reported at file:line:column, and the rest of the workspace is still read', async () => {
    const ws = workspace({
      'objectives/growth.md': OBJECTIVE,
      'tasks/signups.md': TASKS,
      'tasks/comments.md': `---\nkr: signups\n---\n${cases['html-comments']!.text()}`,
      'tasks/links.md': cases['unclosed-links']!.text(),
      'notes/definitions.md': cases.definitions!.text(),
    });
    const [lint, text, status] = await Promise.all([
      runCliAsync(['lint', ws.dir, '--format', 'json', '--no-cache']),
      runCliAsync(['lint', ws.dir, '--no-cache']),
      runCliAsync(['status', ws.dir, '--json', '--no-cache', ...TODAY]),
    ]);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toBe('');
    const problems = JSON.parse(lint.stdout).problems;
    expect(problems.map((p: { file: string; line: number; column: number; rule: string }) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'notes/definitions.md:1:1 file-too-complex',
      'tasks/comments.md:4:3 file-too-complex',
      'tasks/links.md:1:3 file-too-complex',
    ]);
    expect(text.stdout).toContain('4:3  error  from this line on, the Markdown takes more than 1,000,000 parsing steps');
    expect(text.stdout).toContain('1:1  error  from this line on, more than 128 kB of Markdown is one block okr cannot split');

    expect(status.code).toBe(1);
    const report = JSON.parse(status.stdout);
    const kr = report.objectives[0].keyResults[0];
    expect(kr.id).toBe('signups');
    expect(kr.tasks).toMatchObject({ done: 1, total: 2 });
  });

  it('the same from the cache: a second run reports the same', () => {
    const ws = workspace({ 'tasks/emphasis.md': cases['nested-emphasis']!.text(), 'objectives/growth.md': OBJECTIVE, 'tasks/signups.md': TASKS });
    const cacheDir = path.join(ws.dir, '.cache');
    const first = runCli(['lint', ws.dir, '--format', 'json'], { env: { OKR_CACHE_DIR: cacheDir } });
    const second = runCli(['lint', ws.dir, '--format', 'json'], { env: { OKR_CACHE_DIR: cacheDir } });
    expect(JSON.parse(first.stdout).problems).toEqual([expect.objectContaining({ file: 'tasks/emphasis.md', rule: 'file-too-complex' })]);
    expect(second.stdout).toBe(first.stdout);
  });

  it('ten long task lists ending in an HTML comment are all read', () => {
    const { text, tasks } = taskList(400_000);
    const files: Record<string, string> = { 'objectives/growth.md': OBJECTIVE };
    for (let i = 0; i < 10; i++) files[`tasks/list-${i}.md`] = `---\nkr: signups\n---\n${text}<!-- end -->\n`;
    const ws = workspace(files);
    const status = runCli(['status', ws.dir, '--json', '--no-cache', ...TODAY]);
    expect(status.stderr).toBe('');
    expect(JSON.parse(status.stdout).objectives[0].keyResults[0].tasks).toMatchObject({ done: 0, total: 10 * tasks });
  });

  it('okr diff reads both revisions in batches and reports what changed', () => {
    const repo = createRepo();
    cleanup.push(() => repo.cleanup());
    const { text, tasks } = taskList(300_000);
    repo.write('objectives/growth.md', OBJECTIVE);
    for (let i = 0; i < 4; i++) repo.write(`tasks/list-${i}.md`, `---\nkr: signups\n---\n${text}<!-- end -->\n`);
    repo.write('tasks/links.md', cases['unclosed-links']!.text());
    const base = repo.commit('base');
    repo.edit('tasks/list-2.md', '- [ ] Task number 7\n', '- [x] Task number 7\n');
    const head = repo.commit('head');
    const diff = runCli(['diff', base, head, '--dir', repo.dir, '--format', 'json', '--no-cache', ...TODAY], { env: { ...GIT_ENV } });
    expect(diff.stderr).toBe('');
    const report = JSON.parse(diff.stdout);
    expect(JSON.stringify(report)).toContain('Task number 7');
    expect(tasks).toBeGreaterThan(10_000);
  });
});

describe('the size limit', () => {
  const big = (size: number) => taskList(size).text;

  it('okr.config.yaml may lower it', () => {
    const ws = workspace({ 'okr.config.yaml': 'max_file_size: 100 kB\n', 'tasks/big.md': big(150_000) });
    const lint = runCli(['lint', ws.dir, '--format', 'json', '--no-cache']);
    expect(JSON.parse(lint.stdout).problems).toEqual([
      expect.objectContaining({ file: 'tasks/big.md', rule: 'file-too-large', message: expect.stringContaining('over the 100 kB limit') }),
    ]);
  });

  it('okr.config.yaml may not raise it: a warning, and the file is skipped', async () => {
    const ws = workspace({ 'okr.config.yaml': 'max_file_size: 10 MB\n' });
    // Its size is the point, not its Markdown: short paragraphs of plain text are quick to read.
    const line = 'Plain notes, a paragraph of one line.\n\n';
    writeFileSync(path.join(ws.dir, 'big.md'), line.repeat(Math.ceil((5.5 * 1024 * 1024) / line.length)));
    // Independent runs at once; the cached run at the higher limit comes after the one at the lower.
    const cacheDir = path.join(ws.dir, '.cache');
    const [lint, cachedLow, ...raisedRuns] = await Promise.all([
      runCliAsync(['lint', ws.dir, '--format', 'json', '--no-cache']),
      runCliAsync(['lint', ws.dir, '--format', 'json'], { env: { OKR_CACHE_DIR: cacheDir } }),
      runCliAsync(['--max-file-size', '20 MB', 'lint', ws.dir, '--format', 'json', '--no-cache']),
      runCliAsync(['lint', ws.dir, '--format', 'json', '--no-cache'], { env: { OKR_MAX_FILE_SIZE: '20MB' } }),
    ]);
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).problems).toEqual([
      expect.objectContaining({ file: 'big.md', rule: 'file-too-large', message: expect.stringContaining('over the 5 MB limit') }),
      expect.objectContaining({
        file: 'okr.config.yaml',
        line: 1,
        column: 16,
        severity: 'warning',
        rule: 'config',
        message:
          'max_file_size: 10 MB is over the limit of 5 MB, which the workspace can lower but not raise: the limit stays 5 MB (raise it with --max-file-size or OKR_MAX_FILE_SIZE)',
      }),
    ]);

    // Raised on the command line or in the environment, the config's own value applies up to it.
    for (const raised of raisedRuns) {
      expect(raised.code).toBe(0);
      expect(JSON.parse(raised.stdout).problems).toEqual([]);
    }
    // With the cache too: the cached config is not the one parsed under another limit.
    const cachedHigh = await runCliAsync(['lint', ws.dir, '--format', 'json', '--max-file-size', '20 MB'], { env: { OKR_CACHE_DIR: cacheDir } });
    expect(cachedLow.code).toBe(1);
    expect(cachedHigh.code).toBe(0);
  });

  it('a size that is not one is a usage error', () => {
    const ws = workspace({ 'tasks/a.md': TASKS });
    expect(runCli(['--max-file-size', 'huge', 'status', ws.dir, ...TODAY])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'okr: --max-file-size: "huge" is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"\n',
    });
    expect(runCli(['lint', ws.dir], { env: { OKR_MAX_FILE_SIZE: '-1' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'okr: OKR_MAX_FILE_SIZE: "-1" is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"\n',
    });
  });
});
