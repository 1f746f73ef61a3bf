/** `okr lint` as users run it: output formats, exit codes, paths for GitHub annotations. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

let repo: string;
let workspace: string;

/** A repository (only its `.git` matters here) with the workspace in `okrs/`. */
beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'okr-lint-'));
  workspace = path.join(repo, 'okrs');
  mkdirSync(path.join(repo, '.git'));
  const files: Record<string, string> = {
    'objectives/growth.md': [
      '---',
      'id: growth',
      'title: Grow',
      'period: 2026-Q4',
      '"owner\\nname": x',
      'key_results:',
      '  - id: latency',
      '    title: Cut latency',
      '    start: 900',
      '    target: 300',
      '    current: 250',
      '  - id: onboarding',
      '    title: Onboarding',
      '---',
      '',
    ].join('\n'),
    'tasks/a,b:c.md': '---\nkr: onbaording\n---\n- [ ] \tBuild it\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('okr lint --format github', () => {
  it('prints one workflow command per problem, paths from the repository root, properties and data escaped', () => {
    const result = runCli(['lint', '--format', 'github'], { cwd: workspace, env: { GITHUB_WORKSPACE: undefined } });
    expect(result.stdout.split('\n')).toEqual([
      '::warning file=okrs/objectives/growth.md,line=5,col=1,title=okr%3A unknown-key::unknown objective key "owner%0Aname" is ignored (known keys: type, id, title, owner, period, start, end, parent, progress_from, commitment, closed, score, close_note, continues, cadence, key_results)',
      '::warning file=okrs/objectives/growth.md,line=11,col=14,title=okr%3A metric-beyond-target::key result "latency": current 250 is beyond the target 300, so progress counts as 100%25: check "current", or move the target if it was beaten',
      '::warning file=okrs/objectives/growth.md,line=12,col=9,title=okr%3A kr-no-tasks::key result "onboarding" has no linked tasks and no metric or milestone: link a task file with "kr: onboarding", or give it "start" and "target", or "done"',
      '::error file=okrs/tasks/a%2Cb%3Ac.md,line=2,col=5,title=okr%3A unknown-kr::"onbaording" is not a key result in this workspace (did you mean "onboarding"?)',
      '',
    ]);
    expect(result.stderr).toBe('okr lint: ✖ 4 problems (1 error, 3 warnings)\n');
    expect(result.code).toBe(1);
  });

  it('takes paths relative to $GITHUB_WORKSPACE when the workspace is inside it', () => {
    const result = runCli(['lint', 'okrs', '--format', 'github'], { cwd: repo, env: { GITHUB_WORKSPACE: path.join(repo, 'okrs', 'objectives', '..') } });
    expect(result.stdout.split('\n')[0]).toMatch(/^::warning file=objectives\/growth\.md,line=5,col=1,/);
  });

  it('takes paths relative to the working directory outside a repository', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'okr-lint-'));
    try {
      mkdirSync(path.join(outside, 'plans', 'tasks'), { recursive: true });
      writeFileSync(path.join(outside, 'plans', 'tasks', 'x.md'), '---\nkr: nowhere\n---\n- [ ] a\n');
      const result = await runInProcess(['lint', 'plans', '--format', 'github'], { cwd: outside });
      expect(result.stdout).toBe(
        '::error file=plans/tasks/x.md,line=2,col=5,title=okr%3A unknown-kr::"nowhere" is not a key result in this workspace: use the id of a key result\n',
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('prints nothing and exits 0 on a clean workspace', async () => {
    const result = await runInProcess(['lint', path.join(FIXTURES, 'lint', 'clean'), '--format', 'github'], { cwd: REPO_ROOT });
    expect(result).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});

describe('okr lint --format text', () => {
  it('groups problems by file and shows each offending line with a caret', async () => {
    const result = await runInProcess(['lint'], { cwd: workspace });
    expect(result.stdout).toBe(
      [
        'objectives/growth.md',
        '  5:1  warning  unknown objective key "owner name" is ignored (known keys: type, id, title, owner, period, start, end, parent, progress_from, commitment, closed, score, close_note, continues, cadence, key_results)  (unknown-key)',
        '    5 │ "owner\\nname": x',
        '      │ ^',
        '  11:14  warning  key result "latency": current 250 is beyond the target 300, so progress counts as 100%: check "current", or move the target if it was beaten  (metric-beyond-target)',
        '    11 │     current: 250',
        '       │              ^',
        '  12:9  warning  key result "onboarding" has no linked tasks and no metric or milestone: link a task file with "kr: onboarding", or give it "start" and "target", or "done"  (kr-no-tasks)',
        '    12 │   - id: onboarding',
        '       │         ^',
        '',
        'tasks/a,b:c.md',
        '  2:5  error  "onbaording" is not a key result in this workspace (did you mean "onboarding"?)  (unknown-kr)',
        '    2 │ kr: onbaording',
        '      │     ^',
        '',
        '✖ 4 problems (1 error, 3 warnings)',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('says so when there is nothing to report', async () => {
    const result = await runInProcess(['lint', path.join(FIXTURES, 'lint', 'clean')], { cwd: REPO_ROOT });
    expect(result).toEqual({ stdout: 'No problems found.\n', stderr: '', code: 0 });
  });

  it('colours only on a terminal or when forced', () => {
    const plain = runCli(['lint', path.join(FIXTURES, 'lint', 'kr-no-tasks')]);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = runCli(['lint', path.join(FIXTURES, 'lint', 'kr-no-tasks')], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
  });
});

describe('okr lint --format json', () => {
  it('lists every problem with counts', async () => {
    const result = await runInProcess(['lint', '--format', 'json'], { cwd: workspace });
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.errorCount).toBe(1);
    expect(report.warningCount).toBe(3);
    expect(report.problems[3]).toEqual({
      file: 'tasks/a,b:c.md',
      line: 2,
      column: 5,
      severity: 'error',
      rule: 'unknown-kr',
      message: '"onbaording" is not a key result in this workspace (did you mean "onboarding"?)',
    });
  });
});

describe('okr lint exit codes', () => {
  const warningsOnly = path.join(FIXTURES, 'lint', 'metric-beyond-target');

  it('exits 0 on warnings alone', async () => {
    expect((await runInProcess(['lint', warningsOnly], { cwd: REPO_ROOT })).code).toBe(0);
  });

  it('exits 1 when warnings exceed --max-warnings, and says why', async () => {
    const over = await runInProcess(['lint', warningsOnly, '--max-warnings', '0'], { cwd: REPO_ROOT });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('okr: 1 warning, more than --max-warnings 0 allows\n');
    expect((await runInProcess(['lint', warningsOnly, '--max-warnings', '1'], { cwd: REPO_ROOT })).code).toBe(0);
  });

  it('exits 2 on usage errors', () => {
    for (const args of [
      ['lint', warningsOnly, '--max-warnings', '-1'],
      ['lint', warningsOnly, '--max-warnings', 'many'],
      ['lint', warningsOnly, '--format', 'xml'],
      ['lint', path.join(warningsOnly, 'nope')],
      ['lint', warningsOnly, 'extra'],
    ]) {
      const result = runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^okr: /);
      expect(result.stdout).toBe('');
    }
  });
});
