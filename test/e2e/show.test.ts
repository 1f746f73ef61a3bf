/** `okr show <id>`: an objective or a key result in full, as text and JSON, and the errors for unknown and duplicated ids. */
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];
const GROWTH = `---
id: growth
title: Grow
owner: team-g
period: 2026-Q4
key_results:
  - id: rate
    title: Raise the rate
    start: 0
    target: 10
    current: 6
    unit: "%"
    weight: 2
    checkins:
      - { date: 2026-11-10, value: 6, confidence: 0.7, note: "cohort B", status: at-risk }
      - { date: 2026-10-20, value: 3 }
  - id: docs
    title: Write the docs
---
`;
const CHILD = `---
id: child
title: Help
owner: kim
period: 2026-Q4
parent: growth
key_results:
  - id: ship
    title: Ship
    done: true
---
`;
const TASKS = '---\nkr: docs\n---\n- [x] Intro\n- [ ] Guide\n- [/] Reference\n';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());
const workspace = (extra: Record<string, string> = {}) =>
  (ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/growth.md': GROWTH, 'objectives/child.md': CHILD, 'tasks/docs.md': TASKS, ...extra }));
const show = (args: string[]) => runInProcess(['show', ...args, ...TODAY], { cwd: ws!.dir });

describe('okr show', () => {
  it('a key result measured by tasks: its fields and task items with state, text and file:line', async () => {
    workspace();
    const result = await show(['docs']);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Key result docs · Write the docs',
        '',
        '  objective  growth · Grow',
        '  owner      —',
        '  period     2026-Q4 (2026-10-01 to 2026-12-31)',
        '  measure    tasks: 1 of 3 done',
        '  progress   33%',
        '  expected   50%',
        '  status     at risk',
        '  weight     1',
        '  file       objectives/growth.md:17',
        '',
        'Task items (1 of 3 done)',
        '  [x] Intro  tasks/docs.md:4',
        '  [ ] Guide  tasks/docs.md:5',
        '  [/] Reference  tasks/docs.md:6',
        '',
        'Check-ins',
        '  none',
        '',
      ].join('\n'),
    });
  });

  it('a metric key result: its check-ins as a table, and the owner’s call beside the status', async () => {
    workspace();
    const { stdout, code } = await show(['rate']);
    expect(code).toBe(0);
    expect(stdout).toContain('  measure    metric: 6 % (from 0 to 10)\n');
    expect(stdout).toContain('  status     on track (owner: at risk)\n');
    expect(stdout).toContain(
      [
        'Check-ins',
        '  date        value  confidence  owner’s call  note',
        '  2026-10-20  3      —           —',
        '  2026-11-10  6      0.7         at risk       cohort B',
        '',
      ].join('\n'),
    );
    expect(stdout).not.toContain('Task items');
  });

  it('an objective: its key results and aligned objectives', async () => {
    workspace();
    const { stdout, code } = await show(['growth']);
    expect(code).toBe(0);
    expect(stdout).toContain('Objective growth · Grow\n');
    expect(stdout).toContain('  progress from  its key results and aligned objectives\n');
    expect(stdout).toContain(['Key results', '  rate  Raise the rate  60%  on track  weight 2', '  docs  Write the docs  33%  at risk   weight 1', ''].join('\n'));
    expect(stdout).toContain(['Aligned objectives', '  child  Help  100%  done  kim', ''].join('\n'));
  });

  it('--json gives the same data, with schemaVersion', async () => {
    workspace();
    const kr = JSON.parse((await show(['docs', '--json'])).stdout);
    expect(kr).toMatchObject({
      schemaVersion: 2,
      today: '2026-11-15',
      kind: 'keyResult',
      id: 'docs',
      objective: { id: 'growth', title: 'Grow', file: 'objectives/growth.md' },
      measure: { kind: 'tasks' },
      period: '2026-Q4',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      progress: 1 / 3,
      status: 'at-risk',
      weight: 1,
      invalid: null,
      taskItems: [
        { state: 'done', text: 'Intro', file: 'tasks/docs.md', line: 4 },
        { state: 'open', text: 'Guide', file: 'tasks/docs.md', line: 5 },
        { state: 'in-progress', text: 'Reference', file: 'tasks/docs.md', line: 6 },
      ],
      checkins: [],
      lastCheckin: null,
      confidence: null,
    });
    const rate = JSON.parse((await show(['rate', '--json'])).stdout);
    expect(rate).toMatchObject({ confidence: 0.7, lastCheckin: { date: '2026-11-10', status: 'at-risk' }, checkins: [{ date: '2026-10-20' }, { date: '2026-11-10' }] });
    const objective = JSON.parse((await show(['growth', '--json'])).stdout);
    expect(objective).toMatchObject({ kind: 'objective', id: 'growth', owner: 'team-g', progressFrom: 'both', parent: null });
    expect(objective.keyResults.map((k: { id: string; weight: number }) => [k.id, k.weight])).toEqual([
      ['rate', 2],
      ['docs', 1],
    ]);
    expect(objective.children).toEqual([{ id: 'child', title: 'Help', owner: 'kim', file: 'objectives/child.md', line: 2, progress: 1, status: 'done' }]);
  });

  it('an invalid key result is shown with why it does not count', async () => {
    workspace({ 'objectives/child.md': CHILD.replace('done: true', 'done: true\n    start: 1\n    target: 2') });
    const { stdout, code } = await show(['ship']);
    expect(code).toBe(0);
    expect(stdout).toContain('  measure    — (cannot be read)\n');
    expect(stdout).toContain('  status     invalid\n');
    expect(stdout).toMatch(/ {2}invalid {4}not counted: .*"done".* \(see okr lint\)\n/);
  });

  it('an unknown id: exit 1 with a suggestion', async () => {
    workspace();
    expect(await show(['grwoth'])).toEqual({ code: 1, stdout: '', stderr: 'okr: "grwoth" is not an objective or key result in this workspace (did you mean "growth"?)\n' });
  });

  it('a duplicated id: exit 1 listing every declaration', async () => {
    workspace({ 'objectives/other.md': CHILD.replace('id: child', 'id: other').replace('parent: growth\n', '').replace('id: ship', 'id: rate') });
    const result = await show(['rate']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'okr: "rate" is declared 2 times (objectives/growth.md:7:9, objectives/other.md:7:9): rename all but one (okr lint lists them)\n',
    });
  });
});
