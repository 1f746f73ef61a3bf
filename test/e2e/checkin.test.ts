import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, withBom, type TempWorkspace } from '../helpers/temp-workspace.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

function workspace(objective: string | Uint8Array): TempWorkspace {
  ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/o.md': objective, 'tasks/t.md': '---\nkr: t\n---\n- [ ] one\n' });
  return ws;
}

const lines = (...items: string[]) => items.join('\n');

describe('okr checkin: the value changes in place and one record is appended', () => {
  it('keeps comments, quoting, key order and indentation (LF)', async () => {
    const before = lines(
      '---',
      'type: objective   # an objective',
      'id: o',
      "title: 'Grow: fast'",
      'period: 2026-Q4',
      'key_results:',
      '  # The number the board asks about.',
      '  - id: m',
      '    title: "Activation, week 1"',
      '    start: 22',
      '    target: 35   # by December',
      '    current: 30',
      '    unit: "%"',
      '    weight: 2',
      '  - id: t',
      '    title: Tasks',
      '---',
      'Body with émoji 🎉 and trailing spaces   ',
      '',
    );
    const w = workspace(before);
    const result = await runInProcess(['checkin', 'm', '31.5', '--confidence', '0.7', '--note', 'cohort "B" is live', '--date', '2026-11-25', '--today', '2026-11-30'], {
      cwd: w.dir,
    });
    expect(result).toEqual({ stdout: 'm: 30 % → 31.5 % (61% → 73%); check-in of 2026-11-25 recorded in objectives/o.md:8\n', stderr: '', code: 0 });
    expect(w.text('objectives/o.md')).toBe(
      lines(
        '---',
        'type: objective   # an objective',
        'id: o',
        "title: 'Grow: fast'",
        'period: 2026-Q4',
        'key_results:',
        '  # The number the board asks about.',
        '  - id: m',
        '    title: "Activation, week 1"',
        '    start: 22',
        '    target: 35   # by December',
        '    current: 31.5',
        '    unit: "%"',
        '    weight: 2',
        '    checkins:',
        '      - { date: 2026-11-25, value: 31.5, confidence: 0.7, note: "cohort \\"B\\" is live" }',
        '  - id: t',
        '    title: Tasks',
        '---',
        'Body with émoji 🎉 and trailing spaces   ',
        '',
      ),
    );
    // A second check-in adds one more line to the same list.
    expect((await runInProcess(['checkin', 'm', '33', '--date', '2026-12-02', '--today', '2026-12-02'], { cwd: w.dir })).code).toBe(0);
    expect(w.text('objectives/o.md')).toContain(
      '    current: 33\n    unit: "%"\n    weight: 2\n    checkins:\n      - { date: 2026-11-25, value: 31.5, confidence: 0.7, note: "cohort \\"B\\" is live" }\n      - { date: 2026-12-02, value: 33 }\n  - id: t\n',
    );
  });

  it('keeps CRLF, a BOM and a missing final newline, and inserts a missing current after target', async () => {
    const before =
      '---\r\nid: o\r\ntitle: O\r\nperiod: 2026-Q4\r\nkey_results:\r\n- id: m\r\n  title: Latency\r\n  start: 900\r\n  target: 300  # ms, lower is better\r\n  unit: ms\r\n---\r\nNo final newline';
    const w = workspace(withBom(before));
    expect((await runInProcess(['checkin', 'm', '600', '--date', '2026-11-25', '--today', '2026-11-30'], { cwd: w.dir })).stdout).toBe(
      'm: 900 ms → 600 ms (0% → 50%); check-in of 2026-11-25 recorded in objectives/o.md:6\n',
    );
    expect(w.bytes('objectives/o.md')).toEqual(
      withBom(
        '---\r\nid: o\r\ntitle: O\r\nperiod: 2026-Q4\r\nkey_results:\r\n- id: m\r\n  title: Latency\r\n  start: 900\r\n  target: 300  # ms, lower is better\r\n  current: 600\r\n  unit: ms\r\n  checkins:\r\n    - { date: 2026-11-25, value: 600 }\r\n---\r\nNo final newline',
      ),
    );
  });

  it('keeps flow style', async () => {
    const before = lines(
      '---',
      'id: o',
      'title: O',
      'period: 2026-Q4',
      'key_results:',
      '  - {id: m, title: "Sign-ups", start: 0, target: 100, current: 10}  # flow',
      '  - {id: d, title: Docs, done: false, checkins: []}',
      '---',
      '',
    );
    const w = workspace(before);
    expect((await runInProcess(['checkin', 'm', '25', '--date', '2026-11-25', '--today', '2026-11-30'], { cwd: w.dir })).code).toBe(0);
    expect((await runInProcess(['checkin', 'd', 'true', '--note', 'live: docs.example.com', '--date', '2026-11-26', '--today', '2026-11-30'], { cwd: w.dir })).stdout).toBe(
      'd: open → done (0% → 100%); check-in of 2026-11-26 recorded in objectives/o.md:7\n',
    );
    expect(w.text('objectives/o.md')).toBe(
      lines(
        '---',
        'id: o',
        'title: O',
        'period: 2026-Q4',
        'key_results:',
        '  - {id: m, title: "Sign-ups", start: 0, target: 100, current: 25, checkins: [{ date: 2026-11-25, value: 25 }]}  # flow',
        '  - {id: d, title: Docs, done: true, checkins: [{ date: 2026-11-26, value: true, note: "live: docs.example.com" }]}',
        '---',
        '',
      ),
    );
  });

  it('writes JSON into JSON front-matter', async () => {
    const w = workspace('---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "m", "title": "M", "start": 1, "target": 5}]}\n---\n');
    expect((await runInProcess(['checkin', 'm', '2', '--date', '2026-11-25', '--today', '2026-11-30'], { cwd: w.dir })).code).toBe(0);
    expect(w.text('objectives/o.md')).toBe(
      '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "m", "title": "M", "start": 1, "target": 5, "current": 2, "checkins": [{"date": "2026-11-25", "value": 2}]}]}\n---\n',
    );
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const w = workspace(
      lines('---', 'id: o', 'title: O', 'period: 2026-Q4', 'key_results:', '  - id: m', '    title: M', '    start: 0', '    target: 10', '    current: 1', '---', ''),
    );
    const before = w.snapshot();
    expect(await runInProcess(['checkin', 'm', '2', '--date', '2026-11-25', '--today', '2026-11-30', '--dry-run'], { cwd: w.dir })).toEqual({
      stdout:
        '--- a/objectives/o.md\n+++ b/objectives/o.md\n@@ -7,5 +7,7 @@\n     title: M\n     start: 0\n     target: 10\n-    current: 1\n+    current: 2\n+    checkins:\n+      - { date: 2026-11-25, value: 2 }\n ---\n',
      stderr: 'dry run: nothing written\n',
      code: 0,
    });
    expect(w.snapshot()).toEqual(before);
  });
});

describe('okr checkin: values are validated', () => {
  const objective = lines(
    '---',
    'id: o',
    'title: O',
    'period: 2026-Q4',
    'key_results:',
    '  - id: m',
    '    title: M',
    '    start: 0',
    '    target: 10',
    '    unit: "%"',
    '  - id: d',
    '    title: D',
    '    done: false',
    '  - id: t',
    '    title: T',
    '---',
    '',
  );

  it.each([
    [['checkin', 'm', 'ten', '--date', '2026-11-25', '--today', '2026-11-30'], 2, 'okr: key result "m" is a metric (0 → 10 %): "ten" is not a number\n'],
    [
      ['checkin', 'm', '7%', '--date', '2026-11-25', '--today', '2026-11-30'],
      2,
      'okr: key result "m" is a metric (0 → 10 %): "7%" is not a number: write the number without "%"\n',
    ],
    [['checkin', 'd', 'yes', '--date', '2026-11-25', '--today', '2026-11-30'], 2, 'okr: key result "d" is a milestone: check in true (reached) or false, got "yes"\n'],
    [
      ['checkin', 't', '3', '--date', '2026-11-25', '--today', '2026-11-30'],
      1,
      'okr: key result "t" is measured by its linked tasks, so it has no value to check in: tick its tasks with okr done, or give it "start" and "target" (a metric) or "done" (a milestone) in objectives/o.md\n',
    ],
    [['checkin', 'mm', '3', '--date', '2026-11-25', '--today', '2026-11-30'], 1, 'okr: "mm" is not a key result in this workspace (did you mean "m"?)\n'],
    [['checkin', 'm', '3', '--date', '2026-11-31', '--today', '2026-11-30'], 2, 'okr: --date expects a date as YYYY-MM-DD, got "2026-11-31"\n'],
    [['checkin', 'm', '3', '--date', '2026-11-25', '--today', '2026-11-30', '--confidence', '70%'], 2, 'okr: --confidence expects a number from 0 to 1 (such as 0.7), got "70%"\n'],
    [['checkin', 'm', '3', '--date', '2026-11-25', '--today', '2026-11-30', '--confidence', '1.5'], 2, 'okr: --confidence expects a number from 0 to 1 (such as 0.7), got "1.5"\n'],
  ])('%j', async (args, code, stderr) => {
    const w = workspace(objective);
    const before = w.snapshot();
    expect(await runInProcess(args, { cwd: w.dir })).toEqual({ stdout: '', stderr, code });
    expect(w.snapshot()).toEqual(before);
  });

  it('accepts negative numbers and says when the value falls behind the start', async () => {
    const w = workspace(objective);
    const result = await runInProcess(['checkin', 'm', '-2', '--date', '2026-11-25', '--today', '2026-11-30'], { cwd: w.dir });
    expect(result).toMatchObject({ stdout: 'm: 0 % → -2 % (0% → 0%); check-in of 2026-11-25 recorded in objectives/o.md:6\n', code: 0 });
    // The warning okr status and okr lint give for this value, as a note.
    expect(result.stderr).toMatch(/^note: key result "m": current -2 is behind the start 0\b.*\n$/);
  });

  it('records a check-in that okr status reads without problems', async () => {
    const w = workspace(objective);
    await runInProcess(['checkin', 'm', '5', '--date', '2026-11-25', '--today', '2026-11-30', '--confidence', '0.5', '--note', 'halfway'], { cwd: w.dir });
    await runInProcess(['checkin', 'd', 'true', '--date', '2026-11-25', '--today', '2026-11-30'], { cwd: w.dir });
    const status = await runInProcess(['status', '--json', '--today', '2026-11-25'], { cwd: w.dir });
    const report = JSON.parse(status.stdout) as { objectives: { keyResults: { id: string; progress: number }[] }[]; problems: { rule: string }[] };
    expect(report.objectives[0]!.keyResults.map((kr) => [kr.id, kr.progress])).toEqual([
      ['m', 0.5],
      ['d', 1],
      ['t', 0],
    ]);
    expect(report.problems).toEqual([]);
  });
});

describe('okr checkin: check-ins are kept in date order', () => {
  const objective = (checkins: string[], current = '40') =>
    lines(
      '---',
      'id: o',
      'title: O',
      'period: 2026-Q4',
      'key_results:',
      '  - id: m',
      '    title: M',
      '    start: 0',
      '    target: 100',
      `    current: ${current}`,
      '    unit: "%"',
      '    checkins:',
      ...checkins,
      '---',
      '',
    );

  it('inserts a backdated check-in in date order, leaves current alone and says so', async () => {
    const w = workspace(withBom(objective(['      - { date: 2026-10-05, value: 10 }', '      - { date: 2026-11-20, value: 40 }  # pilot']).replaceAll('\n', '\r\n')));
    const result = await runInProcess(['checkin', 'm', '25', '--date', '2026-11-01', '--note', 'late entry', '--today', '2026-11-30'], { cwd: w.dir });
    expect(result).toEqual({
      stdout: 'm: inserted a check-in dated 2026-11-01 before the latest (2026-11-20) in objectives/o.md:6; current stays 40 %\n',
      stderr: '',
      code: 0,
    });
    expect(w.bytes('objectives/o.md')).toEqual(
      withBom(
        '---\r\nid: o\r\ntitle: O\r\nperiod: 2026-Q4\r\nkey_results:\r\n  - id: m\r\n    title: M\r\n    start: 0\r\n    target: 100\r\n    current: 40\r\n    unit: "%"\r\n    checkins:\r\n' +
          '      - { date: 2026-10-05, value: 10 }\r\n      - { date: 2026-11-01, value: 25, note: "late entry" }\r\n      - { date: 2026-11-20, value: 40 }  # pilot\r\n---\r\n',
      ),
    );
    // The history still explains the number: okr lint finds nothing.
    const lint = JSON.parse((await runInProcess(['lint', '--format', 'json'], { cwd: w.dir })).stdout) as { problems: { file: string }[] };
    expect(lint.problems.filter((p) => p.file === 'objectives/o.md')).toEqual([]);
  });

  it('appends a check-in of the same date as the latest after it, and sets current', async () => {
    const w = workspace(objective(['      - { date: 2026-11-20, value: 40 }']));
    expect((await runInProcess(['checkin', 'm', '42', '--date', '2026-11-20', '--today', '2026-11-30'], { cwd: w.dir })).stdout).toBe(
      'm: 40 % → 42 % (40% → 42%); check-in of 2026-11-20 recorded in objectives/o.md:6\n',
    );
    expect(w.text('objectives/o.md')).toBe(objective(['      - { date: 2026-11-20, value: 40 }', '      - { date: 2026-11-20, value: 42 }'], '42'));
  });

  it('refuses a check-in dated after today, writing nothing', async () => {
    const w = workspace(objective(['      - { date: 2026-11-20, value: 40 }']));
    const before = w.snapshot();
    expect(await runInProcess(['checkin', 'm', '50', '--date', '2026-12-01', '--today', '2026-11-30'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: the check-in date 2026-12-01 is after today (2026-11-30): a check-in records where the key result stands, so date it today or earlier\n',
      code: 1,
    });
    expect(w.snapshot()).toEqual(before);
  });

  it('writes a check-in dated outside the period, with a warning on stderr', async () => {
    const w = workspace(objective(['      - { date: 2026-09-20, value: 5 }'], '5'));
    // Only the warning the edit brings is shown: not the one about the older entry.
    expect(await runInProcess(['checkin', 'm', '60', '--date', '2027-01-04', '--today', '2027-01-05'], { cwd: w.dir })).toEqual({
      stdout: 'm: 5 % → 60 % (5% → 60%); check-in of 2027-01-04 recorded in objectives/o.md:6\n',
      stderr: 'note: key result "m": the check-in of 2027-01-04 is outside the objective\'s period 2026-Q4 (2026-10-01 to 2026-12-31): check its date\n',
      code: 0,
    });
    expect(w.text('objectives/o.md')).toBe(objective(['      - { date: 2026-09-20, value: 5 }', '      - { date: 2027-01-04, value: 60 }'], '60'));
  });
});

describe('okr checkin: a backdated milestone check-in', () => {
  it('leaves done alone and says so', async () => {
    const w = workspace(
      lines('---', 'id: o', 'title: O', 'period: 2026-Q4', 'key_results:', '  - {id: d, title: D, done: true, checkins: [{date: 2026-11-20, value: true}]}', '---', ''),
    );
    expect(await runInProcess(['checkin', 'd', 'false', '--date', '2026-11-02', '--today', '2026-11-30'], { cwd: w.dir })).toEqual({
      stdout: 'd: inserted a check-in dated 2026-11-02 before the latest (2026-11-20) in objectives/o.md:6; done stays true\n',
      stderr: '',
      code: 0,
    });
    expect(w.text('objectives/o.md')).toBe(
      lines(
        '---',
        'id: o',
        'title: O',
        'period: 2026-Q4',
        'key_results:',
        '  - {id: d, title: D, done: true, checkins: [{ date: 2026-11-02, value: false }, {date: 2026-11-20, value: true}]}',
        '---',
        '',
      ),
    );
  });
});
