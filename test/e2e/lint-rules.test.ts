/**
 * Every lint rule, triggered by a fixture workspace in test/fixtures/lint/<case>/, with the exact
 * file:line:column, severity and rule of every problem, and the words that say what to do.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { NOBODY, okrRunnableBy } from '../helpers/other-user.js';

interface Expected {
  at: string;
  severity: 'error' | 'warning';
  rule: string;
  /** Words the message must contain. */
  says: string[];
}

const error = (at: string, rule: string, ...says: string[]): Expected => ({ at, severity: 'error', rule, says });
const warning = (at: string, rule: string, ...says: string[]): Expected => ({ at, severity: 'warning', rule, says });

const CASES: Record<string, Expected[]> = {
  clean: [],
  schema: [error('objectives/growth.md:10:14', 'schema', 'key_results[0].current', 'expected a number', 'write it without quotes')],
  'front-matter-language': [error('objectives/growth.md:1:4', 'front-matter-language', '"toml"', 'use YAML')],
  'yaml-syntax': [error('objectives/growth.md:3:8', 'yaml-syntax', 'quote is never closed', 'add the closing quote')],
  'duplicate-key': [error('objectives/growth.md:5:1', 'duplicate-key', 'only once')],
  'yaml-tag': [error('objectives/growth.md:3:8', 'yaml-tag', '"!!js/function"', 'remove the tag')],
  'front-matter-unclosed': [error('objectives/growth.md:1:1', 'front-matter-unclosed', 'add a line "---"')],
  'duplicate-objective-id': [
    error('objectives/a.md:2:5', 'duplicate-id', 'objective id "growth"', 'objectives/b.md:3:5', 'neither counts', 'rename one'),
    error('objectives/b.md:3:5', 'duplicate-id', 'objective id "growth"', 'objectives/a.md:2:5', 'neither counts', 'rename one'),
  ],
  'duplicate-kr-id': [
    error('objectives/a.md:6:9', 'duplicate-id', 'key result id "launch"', 'objectives/b.md:9:9', 'neither counts', 'rename one'),
    error('objectives/b.md:9:9', 'duplicate-id', 'key result id "launch"', 'objectives/a.md:6:9', 'neither counts', 'rename one'),
  ],
  'unknown-kr': [
    error('notes/meeting.md:3:21', 'unknown-kr', '"finances"', 'use the id of a key result'),
    error('tasks/onboarding.md:2:5', 'unknown-kr', '"onbaording"', 'did you mean "onboarding"?'),
  ],
  'unknown-parent': [
    warning('objectives/company.md:3:5', 'objective-not-measured', 'add key results'),
    error('objectives/team.md:5:9', 'unknown-parent', '"company-grwoth"', 'did you mean "company-growth"?'),
  ],
  'parent-cycle': [error('objectives/a.md:5:9', 'parent-cycle', 'alpha → beta → alpha', 'remove or change one')],
  'unknown-contributes-to': [
    warning('objectives/growth.md:6:9', 'rollup-no-contributors', '"active-users"', 'add "contributes_to: active-users"'),
    error('objectives/growth.md:14:21', 'unknown-contributes-to', '"active-userz"', 'did you mean "active-users"?'),
  ],
  'contribution-cycle': [error('objectives/growth.md:9:21', 'contribution-cycle', 'alpha → beta → alpha', 'remove or change one')],
  'rollup-no-contributors': [warning('objectives/growth.md:6:9', 'rollup-no-contributors', 'no key result contributes to it', 'its progress is unknown')],
  'invalid-period': [error('objectives/growth.md:4:9', 'invalid-period', '"2026-Q5"', 'YYYY-Qn')],
  'invalid-date': [error('objectives/growth.md:5:6', 'invalid-date', '"2026-11-31"', 'YYYY-MM-DD')],
  'missing-period': [error('objectives/growth.md:2:1', 'missing-period', 'add "period: 2026-Q4"')],
  'start-equals-target': [error('objectives/growth.md:9:13', 'start-equals-target', '"nps"', 'change "start" or "target"')],
  'zero-weights': [error('objectives/growth.md:6:3', 'zero-weights', 'give at least one a positive weight')],
  'mixed-measure': [error('objectives/growth.md:10:11', 'mixed-measure', 'keep one kind')],
  'incomplete-metric': [error('objectives/growth.md:6:5', 'incomplete-metric', 'without "target"')],
  config: [error('okr.config.yaml:3:3', 'config', '"thresholds.at_rsik"', 'did you mean "at_risk"?')],
  'unknown-key': [warning('objectives/growth.md:10:5', 'unknown-key', '"curent"', 'did you mean "current"?')],
  'kr-no-tasks': [warning('objectives/growth.md:6:9', 'kr-no-tasks', '"onboarding"', 'link a task file with "kr: onboarding"')],
  'tasks-on-measured-kr': [warning('tasks/signups.md:2:5', 'tasks-on-measured-kr', '"signups" is a metric', 'do not count', 'remove the link')],
  'group-done-open-leaves': [warning('tasks/onboarding.md:6:3', 'group-done-open-leaves', '"Checklist"', 'untick the group')],
  'metric-beyond-target': [warning('objectives/growth.md:10:14', 'metric-beyond-target', 'current 250 is beyond the target 300', 'check "current"')],
  'metric-behind-start': [warning('objectives/growth.md:10:14', 'metric-behind-start', 'current 90 is behind the start 100', 'check "current"')],
  // The latest of two check-ins of 2026-11-10 is the last in the list: 170.
  'checkin-not-current': [
    warning('objectives/growth.md:10:14', 'checkin-not-current', 'current is 150', 'latest check-in (2026-11-10) says 170', 'set "current: 170"'),
    warning('objectives/growth.md:17:11', 'checkin-not-current', 'done is false', 'latest check-in (2026-11-12) says true', 'set "done: true"'),
  ],
  'checkins-out-of-order': [warning('objectives/growth.md:14:15', 'checkins-out-of-order', 'check-in of 2026-10-20 comes after one of 2026-11-10', 'date order')],
  'checkin-outside-period': [warning('objectives/growth.md:12:17', 'checkin-outside-period', 'check-in of 2026-09-28', 'period 2026-Q4 (2026-10-01 to 2026-12-31)')],
  'checkin-value-kind': [warning('objectives/growth.md:13:36', 'checkin-value-kind', 'check-in of 2026-11-10 has the value true', 'is a metric: check in a number')],
  'empty-task-file': [warning('tasks/onboarding.md:3:1', 'empty-task-file', 'add "- [ ] ..." items')],
  'objective-not-measured': [warning('objectives/growth.md:3:5', 'objective-not-measured', 'add key results')],
  'front-matter-not-mapping': [warning('notes/list.md:1:1', 'front-matter-not-mapping', 'a list')],
};

async function lintJson(dir: string) {
  const result = await runInProcess(['lint', dir, '--format', 'json'], { cwd: dir });
  const report = JSON.parse(result.stdout) as {
    errorCount: number;
    warningCount: number;
    problems: { file: string; line: number; column: number; severity: string; rule: string; message: string }[];
  };
  return { result, report };
}

function check(report: Awaited<ReturnType<typeof lintJson>>['report'], expected: Expected[]) {
  expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(expected.map((e) => `${e.at} ${e.severity} ${e.rule}`));
  report.problems.forEach((p, i) => {
    for (const words of expected[i]!.says) expect(p.message).toContain(words);
  });
}

describe('okr lint rules', () => {
  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: ${expected.map((e) => `${e.rule} at ${e.at}`).join(', ') || 'no problems'}`, async () => {
      const { result, report } = await lintJson(path.join(FIXTURES, 'lint', name));
      check(report, expected);
      const errors = expected.filter((e) => e.severity === 'error').length;
      expect(report.errorCount).toBe(errors);
      expect(report.warningCount).toBe(expected.length - errors);
      expect(result.code).toBe(errors > 0 ? 1 : 0);
      expect(result.stderr).toBe('');
    });
  }

  it('every fixture folder has a case', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(FIXTURES, 'lint')).sort()).toEqual(Object.keys(CASES).sort());
  });

  it('invalid-utf8: points at the first bad byte', async () => {
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'lint', 'clean'));
    try {
      writeFileSync(path.join(dir, 'notes.md'), Buffer.concat([Buffer.from('# Notes\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
      const { report } = await lintJson(dir);
      check(report, [error('notes.md:3:4', 'invalid-utf8', 'save it as UTF-8')]);
    } finally {
      cleanup();
    }
  });

  it('an objective with errors keeps its key results linkable: no unknown-kr for their tasks', async () => {
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'lint', 'clean'));
    try {
      const file = path.join(dir, 'objectives/growth.md');
      const { readFileSync } = await import('node:fs');
      writeFileSync(file, readFileSync(file, 'utf8').replace('period: 2026-Q4', 'period: 2026-Q7'));
      const { report } = await lintJson(dir);
      check(report, [error('objectives/growth.md:4:9', 'invalid-period', '"2026-Q7"')]);
      const status = await runInProcess(['status', dir, '--json', '--today', '2026-11-15'], { cwd: dir });
      const json = JSON.parse(status.stdout) as {
        objectives: { id: string; status: string; keyResults: { id: string; status: string; invalid: string; tasks?: { total: number } }[] }[];
      };
      const growth = json.objectives.find((o) => o.id === 'growth')!;
      expect(growth.status).toBe('invalid');
      expect(growth.keyResults.map((kr) => [kr.id, kr.status, kr.invalid, kr.tasks?.total])).toContainEqual([
        'onboarding',
        'invalid',
        'its objective has no period that can be read',
        2,
      ]);
    } finally {
      cleanup();
    }
  });

  // Root reads any file, so the check runs as an unprivileged user when the tests run as root.
  const uid = process.getuid?.() ?? -1;
  it.skipIf(process.platform === 'win32')('unreadable: a file that cannot be read is an error, the rest is still linted', async ({ skip }) => {
    // As that user, okr runs from a copy it can read when the checkout is closed to it.
    const okr = uid === 0 ? okrRunnableBy(NOBODY, NOBODY) : { bin: undefined };
    if ('reason' in okr) return skip(okr.reason);
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'lint', 'clean'));
    try {
      mkdirSync(path.join(dir, 'private'));
      const secret = path.join(dir, 'private', 'secret.md');
      writeFileSync(secret, '- [ ] hidden <!-- kr: onboarding -->\n');
      chmodSync(secret, 0o000);
      chmodSync(dir, 0o755);
      const { runCli } = await import('../helpers/run-cli.js');
      const result = runCli(['lint', dir, '--format', 'json'], { cwd: dir, ...(uid === 0 ? { uid: NOBODY, gid: NOBODY, bin: okr.bin } : {}) });
      const report = JSON.parse(result.stdout) as Awaited<ReturnType<typeof lintJson>>['report'];
      check(report, [error('private/secret.md:1:1', 'unreadable', 'permission denied')]);
      expect(result.code).toBe(1);
    } finally {
      cleanup();
    }
  });
});
