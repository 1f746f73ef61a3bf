/** `okr new objective --from <id> --period <p>`: carrying what was not done into the next period. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const WORKSPACE = path.join(FIXTURES, 'carry-over', 'workspace');

const NEW_OBJECTIVE = `---
type: objective
id: activation-2027-q1
title: "Make new users successful: week one"
owner: growth-team
period: 2027-Q1
continues: activation
# Add key results with: okr new kr activation-2027-q1
key_results:
  - id: activation-rate-2027-q1
    title: Raise activation from 22 % to 35 %
    start: 27
    target: 35
    current: 27
    unit: "%"
    weight: 2
  - id: docs-site-2027-q1
    title: Publish the docs
    done: false
  - id: onboarding-2027-q1
    title: Ship onboarding
  - id: uptime-2027-q1
    title: Keep the sign-up flow up
    current: 99.95
    unit: "%"
    keep_above: 99.9
---
# Make new users successful: week one

Why this objective matters now, and what will be different when it is reached.
`;

const NEW_TASKS = `---
title: Ship onboarding
kr: onboarding-2027-q1
---
# Ship onboarding

- [ ] Write the welcome email
- [ ] Build the checklist
- [ ] Ask for *feedback* on day 3
`;

function withWorkspace(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const { dir, cleanup } = copyToTemp(WORKSPACE);
    try {
      await run(dir);
    } finally {
      cleanup();
    }
  };
}

describe('okr new objective --from', () => {
  it(
    'carries the key results not done, with new ids, metrics from where they ended and open tasks in a new task file',
    withWorkspace(async (dir) => {
      const before = readFileSync(path.join(dir, 'objectives/activation.md'), 'utf8');
      const result = await runInProcess(['new', 'objective', '--from', 'activation', '--period', '2027-Q1', '--no-input'], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        [
          'Created objective "activation-2027-q1" in objectives/activation-2027-q1.md, continuing "activation" into 2027-Q1',
          '  carried activation-rate → activation-rate-2027-q1',
          '  carried docs-site → docs-site-2027-q1',
          '  carried onboarding → onboarding-2027-q1 (3 open tasks)',
          '  carried uptime → uptime-2027-q1',
          '  left pricing-page: done',
          '  tasks in tasks/onboarding-2027-q1.md',
          '',
        ].join('\n'),
      );
      expect(readFileSync(path.join(dir, 'objectives/activation-2027-q1.md'), 'utf8')).toBe(NEW_OBJECTIVE);
      expect(readFileSync(path.join(dir, 'tasks/onboarding-2027-q1.md'), 'utf8')).toBe(NEW_TASKS);
      // The old objective is left as it was.
      expect(readFileSync(path.join(dir, 'objectives/activation.md'), 'utf8')).toBe(before);

      const lint = await runInProcess(['lint', '--format', 'json'], { cwd: dir });
      expect(lint.code).toBe(0);
      expect((JSON.parse(lint.stdout) as { problems: unknown[] }).problems).toEqual([]);
      const status = await runInProcess(['status', '--json', '--period', '2027-Q1', '--today', '2027-01-05'], { cwd: dir });
      const report = JSON.parse(status.stdout) as { objectives: { id: string; keyResults: { id: string; progress: number; tasks?: { total: number } }[] }[] };
      expect(report.objectives.map((o) => o.id)).toEqual(['activation-2027-q1']);
      expect(report.objectives[0]!.keyResults.map((kr) => [kr.id, kr.progress, kr.tasks?.total ?? null])).toEqual([
        ['activation-rate-2027-q1', 0, null],
        ['docs-site-2027-q1', 0, null],
        ['onboarding-2027-q1', 0, 3],
        ['uptime-2027-q1', 1, null],
      ]);
    }),
  );

  it(
    '--dry-run prints both new files and writes nothing',
    withWorkspace(async (dir) => {
      const result = await runInProcess(['new', 'objective', '--from', 'activation', '--period', '2027-Q1', '--id', 'activation-next', '--dry-run'], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('dry run: nothing written\n');
      expect(result.stdout).toContain('+++ b/objectives/activation-next.md');
      expect(result.stdout).toContain('+continues: activation');
      expect(result.stdout).toContain('+++ b/tasks/onboarding-2027-q1.md');
      expect(existsSync(path.join(dir, 'objectives/activation-next.md'))).toBe(false);
      expect(existsSync(path.join(dir, 'tasks/onboarding-2027-q1.md'))).toBe(false);
    }),
  );

  it(
    'refuses an unknown objective, a missing or bad period, and a file that exists (nothing written)',
    withWorkspace(async (dir) => {
      const unknown = await runInProcess(['new', 'objective', '--from', 'activaton', '--period', '2027-Q1'], { cwd: dir });
      expect([unknown.code, unknown.stderr]).toEqual([1, 'okr: --from "activaton" is not an objective in this workspace (did you mean "activation"?)\n']);
      const noPeriod = await runInProcess(['new', 'objective', '--from', 'activation', '--no-input'], { cwd: dir });
      expect([noPeriod.code, noPeriod.stderr]).toEqual([2, 'okr: --from needs --period: the period the objective continues into, such as 2027-Q1\n']);
      const badPeriod = await runInProcess(['new', 'objective', '--from', 'activation', '--period', '2027-Q5'], { cwd: dir });
      expect(badPeriod.code).toBe(2);
      expect(badPeriod.stderr).toContain('--period expects');
      const twoLines = await runInProcess(['new', 'objective', '--from', 'activation', '--period', '2027-Q1', '--title', 'a\nb'], { cwd: dir });
      expect([twoLines.code, twoLines.stderr]).toEqual([2, 'okr: --title: title must be a single line\n']);
      const first = await runInProcess(
        ['new', 'objective', '--from', 'activation', '--period', '2027-Q1', '--file', 'objectives/next.md', '--title', 'Keep going', '--owner', 'ana'],
        {
          cwd: dir,
        },
      );
      expect(first.code).toBe(0);
      expect(readFileSync(path.join(dir, 'objectives/next.md'), 'utf8')).toMatch(
        /^---\ntype: objective\nid: activation-2027-q1\ntitle: Keep going\nowner: ana\nperiod: 2027-Q1\ncontinues: activation\n/,
      );
      const again = await runInProcess(['new', 'objective', '--from', 'activation', '--period', '2027-Q1', '--file', 'objectives/next.md'], { cwd: dir });
      expect([again.code, again.stderr]).toEqual([1, 'okr: objectives/next.md already exists: okr does not overwrite it (choose another --id or --file)\n']);
    }),
  );
});
