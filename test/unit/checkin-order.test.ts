/** Check-ins kept in date order: the ordering helpers, the planner's inserts, and the lint of a history. */
import { describe, expect, it } from 'vitest';
import { checkinInsertIndex, firstCheckinOutOfOrder, latestCheckinIndex } from '../../src/model/checkins.js';
import { checkinEdit, planCheckin, verifyCheckin, type CheckinRecord } from '../../src/edit/checkin.js';
import { applySplices } from '../../src/edit/splice.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

const objective = (keyResults: string[], eol = '\n') => ['---', 'id: o', 'title: O', 'period: 2026-Q4', 'key_results:', ...keyResults, '---', '# Body', ''].join(eol);

/** The edited text; the plan verifies and the result has no problems at all. */
function checkin(text: string, krId: string, record: CheckinRecord): string {
  const plan = planCheckin(text, krId, record);
  expect(verifyCheckin(text, plan, krId, record)).toBeNull();
  const after = applySplices(text, plan.splices);
  expect(parseOkrText('o.md', after).problems).toEqual([]);
  return after;
}

const metric = ['  - id: a', '    title: A', '    start: 0', '    target: 100', '    current: 40', '    checkins:'];
const dates = (...items: [string, number][]) => items.map(([date, value]) => `      - { date: ${date}, value: ${value} }`);

describe('the order of a checkins list', () => {
  const list = [{ date: '2026-11-01' }, { date: '2026-11-10', value: 1 }, { date: '2026-11-10', value: 2 }, { date: 'soon' }, { date: '2026-11-20' }];

  it('the latest is the greatest date, the last in the list among equal dates', () => {
    expect(latestCheckinIndex(list)).toBe(4);
    expect(latestCheckinIndex(list.slice(0, 3))).toBe(2);
    expect(latestCheckinIndex([{ date: '2026-11-20' }, { date: '2026-11-01' }])).toBe(0);
    expect(latestCheckinIndex([{ date: 'x' }, null, 3])).toBe(-1);
    expect(latestCheckinIndex(list, (entry) => (entry as { value?: number }).value !== 2)).toBe(4);
  });

  it('finds the first entry dated before one above it, skipping entries without a date', () => {
    expect(firstCheckinOutOfOrder(list)).toBeNull();
    expect(firstCheckinOutOfOrder([{ date: '2026-11-10' }, { date: 'x' }, { date: '2026-11-12' }, { date: '2026-11-11' }, { date: '2026-11-01' }])).toEqual({
      index: 3,
      after: '2026-11-12',
    });
  });

  it('inserts before the first entry dated after the new one, else at the end', () => {
    expect(checkinInsertIndex(list, '2026-10-01')).toBe(0);
    expect(checkinInsertIndex(list, '2026-11-05')).toBe(1);
    expect(checkinInsertIndex(list, '2026-11-10')).toBe(4);
    expect(checkinInsertIndex(list, '2026-11-20')).toBe(5);
    expect(checkinInsertIndex([], '2026-11-20')).toBe(0);
  });
});

describe('planCheckin keeps the list in date order', () => {
  const text = objective([...metric, ...dates(['2026-10-05', 10], ['2026-11-10', 30], ['2026-11-20', 40])]);

  it('inserts an older check-in at the start and leaves current alone', () => {
    const plan = planCheckin(text, 'a', { date: '2026-10-01', value: 5 });
    expect(plan).toMatchObject({ index: 0, backdatedBefore: '2026-11-20', previous: 40 });
    expect(checkin(text, 'a', { date: '2026-10-01', value: 5 })).toBe(
      objective([...metric, ...dates(['2026-10-01', 5], ['2026-10-05', 10], ['2026-11-10', 30], ['2026-11-20', 40])]),
    );
  });

  it('inserts in the middle', () => {
    expect(checkin(text, 'a', { date: '2026-11-10', value: 33, note: 'same day, later' })).toBe(
      objective([...metric, ...dates(['2026-10-05', 10], ['2026-11-10', 30]), '      - { date: 2026-11-10, value: 33, note: "same day, later" }', ...dates(['2026-11-20', 40])]),
    );
  });

  it('appends the latest and sets current', () => {
    const after = checkin(text, 'a', { date: '2026-11-25', value: 45 });
    expect(after).toBe(
      objective([...metric.map((line) => line.replace('current: 40', 'current: 45')), ...dates(['2026-10-05', 10], ['2026-11-10', 30], ['2026-11-20', 40], ['2026-11-25', 45])]),
    );
  });

  it('appends one of the same date as the latest after it and sets current: it is then the latest', () => {
    const plan = planCheckin(text, 'a', { date: '2026-11-20', value: 42 });
    expect(plan).toMatchObject({ index: 3, backdatedBefore: null });
    expect(checkin(text, 'a', { date: '2026-11-20', value: 42 })).toContain('    current: 42\n');
  });

  it('keeps comments where they are: one above an item stays above it', () => {
    const commented = objective([...metric, '      # kick-off', '      - {date: 2026-10-05, value: 10}   # first', '      # the pilot', '      - {date: 2026-11-20, value: 40}']);
    expect(checkin(commented, 'a', { date: '2026-11-01', value: 20 })).toBe(
      objective([
        ...metric,
        '      # kick-off',
        '      - {date: 2026-10-05, value: 10}   # first',
        '      - { date: 2026-11-01, value: 20 }',
        '      # the pilot',
        '      - {date: 2026-11-20, value: 40}',
      ]),
    );
    expect(checkin(commented, 'a', { date: '2026-10-01', value: 5 })).toContain(
      '      # kick-off\n      - { date: 2026-10-01, value: 5 }\n      - {date: 2026-10-05, value: 10}   # first\n',
    );
  });

  it('inserts among block-mapping entries in their indentation', () => {
    const block = objective([...metric, '      - date: 2026-10-05', '        value: 10', '      - date: 2026-11-20', '        value: 40', '    weight: 2']);
    expect(checkin(block, 'a', { date: '2026-11-01', value: 20 })).toBe(
      objective([
        ...metric,
        '      - date: 2026-10-05',
        '        value: 10',
        '      - { date: 2026-11-01, value: 20 }',
        '      - date: 2026-11-20',
        '        value: 40',
        '    weight: 2',
      ]),
    );
  });

  it('keeps CRLF line endings', () => {
    const crlf = objective([...metric, ...dates(['2026-10-05', 10], ['2026-11-20', 40])], '\r\n');
    expect(checkin(crlf, 'a', { date: '2026-10-01', value: 5 })).toBe(objective([...metric, ...dates(['2026-10-01', 5], ['2026-10-05', 10], ['2026-11-20', 40])], '\r\n'));
    expect(checkin(crlf, 'a', { date: '2026-11-01', value: 20 })).toBe(objective([...metric, ...dates(['2026-10-05', 10], ['2026-11-01', 20], ['2026-11-20', 40])], '\r\n'));
  });

  it('inserts into a flow list, at the start and in the middle', () => {
    const flow = objective(['  - {id: a, title: A, start: 0, target: 100, current: 40, checkins: [{date: 2026-10-05, value: 10}, {date: 2026-11-20, value: 40}]}']);
    expect(checkin(flow, 'a', { date: '2026-10-01', value: 5 })).toBe(
      objective([
        '  - {id: a, title: A, start: 0, target: 100, current: 40, checkins: [{ date: 2026-10-01, value: 5 }, {date: 2026-10-05, value: 10}, {date: 2026-11-20, value: 40}]}',
      ]),
    );
    expect(checkin(flow, 'a', { date: '2026-11-01', value: 20 })).toBe(
      objective([
        '  - {id: a, title: A, start: 0, target: 100, current: 40, checkins: [{date: 2026-10-05, value: 10}, { date: 2026-11-01, value: 20 }, {date: 2026-11-20, value: 40}]}',
      ]),
    );
  });

  it('inserts JSON into JSON front-matter', () => {
    const json =
      '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "a", "title": "A", "start": 0, "target": 9, "current": 4, "checkins": [{"date": "2026-11-20", "value": 4}]}]}\n---\n';
    expect(checkin(json, 'a', { date: '2026-11-01', value: 2 })).toBe(json.replace('"checkins": [', '"checkins": [{"date": "2026-11-01", "value": 2}, '));
  });

  it('leaves a milestone’s done alone when backdated', () => {
    const milestone = objective(['  - id: m', '    title: M', '    done: true', '    checkins:', '      - { date: 2026-11-20, value: true }']);
    const plan = planCheckin(milestone, 'm', { date: '2026-11-01', value: false });
    expect(plan).toMatchObject({ kind: 'milestone', backdatedBefore: '2026-11-20', previous: true });
    expect(checkin(milestone, 'm', { date: '2026-11-01', value: false })).toBe(
      objective(['  - id: m', '    title: M', '    done: true', '    checkins:', '      - { date: 2026-11-01, value: false }', '      - { date: 2026-11-20, value: true }']),
    );
  });

  it('verify refuses an entry placed out of date order, or taken for the latest when it is not', () => {
    const record = { date: '2026-11-01', value: 20 };
    // The right splices, but the plan claims the end of the list: the data no longer matches.
    expect(verifyCheckin(text, { ...planCheckin(text, 'a', record), index: 3 }, 'a', record)).toBe('the front-matter would change in an unplanned way');
    // A plan that appends an older check-in and sets current (what planning by the wrong date would do).
    const redated = (from: string, plan: ReturnType<typeof planCheckin>) => ({
      ...plan,
      splices: plan.splices.map((s) => ({ ...s, insert: s.insert.replace(from, record.date) })),
    });
    expect(verifyCheckin(text, redated('2026-11-25', planCheckin(text, 'a', { date: '2026-11-25', value: 20 })), 'a', record)).toBe(
      'the check-ins would no longer be in date order',
    );
    // In a list already out of order, the same mistake is caught by the latest's date.
    const unordered = objective([...metric, ...dates(['2026-11-20', 40], ['2026-10-05', 10])]);
    expect(verifyCheckin(unordered, redated('2026-11-25', planCheckin(unordered, 'a', { date: '2026-11-25', value: 20 })), 'a', record)).toBe(
      'the new check-in would be placed out of date order',
    );
    const before = { text, facts: parseOkrText('o.md', text) };
    const after = applySplices(text, planCheckin(text, 'a', record).splices);
    expect(checkinEdit(before, 'a', record).verify(before, { text: after, facts: parseOkrText('o.md', after) })).toBeNull();
  });
});

describe('lint of a checkins list', () => {
  const problemsOf = (keyResults: string[]) => parseOkrText('o.md', objective(keyResults)).problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`);

  it('a metric without current compares its start, and is reported at "checkins"', () => {
    expect(problemsOf(['  - id: a', '    title: A', '    start: 0', '    target: 100', '    checkins:', '      - { date: 2026-11-20, value: 40 }'])).toEqual([
      '10:5 checkin-not-current key result "a" has no "current" (so it counts as its start, 0), but the latest check-in (2026-11-20) says 40: set "current: 40"',
    ]);
  });

  it('check-ins of the wrong kind are reported and not taken as the latest', () => {
    expect(
      problemsOf(['  - id: d', '    title: D', '    done: true', '    checkins:', '      - { date: 2026-11-01, value: true }', '      - { date: 2026-11-02, value: 1 }']),
    ).toEqual(['11:36 checkin-value-kind key result "d": the check-in of 2026-11-02 has the value 1, but the key result is a milestone: check in true or false']);
  });

  it('same dates in either order are fine; the last is the latest', () => {
    expect(problemsOf([...metric, ...dates(['2026-11-20', 45], ['2026-11-20', 40])])).toEqual([]);
  });

  it('an explicit period bounds the dates too', () => {
    const text = ['---', 'id: o', 'title: O', 'start: 2026-11-01', 'end: 2026-11-30', 'key_results:', ...metric, ...dates(['2026-12-01', 40]), '---', ''].join('\n');
    expect(parseOkrText('o.md', text).problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([
      '13:17 checkin-outside-period key result "a": the check-in of 2026-12-01 is outside the objective\'s period 2026-11-01..2026-11-30 (2026-11-01 to 2026-11-30): check its date',
    ]);
  });

  it('check-ins on a key result measured by tasks are not checked', () => {
    expect(problemsOf(['  - id: t', '    title: T', '    checkins:', '      - { date: 2020-01-01, value: true }', '      - { date: 2019-01-01, value: 3 }'])).toEqual([]);
  });
});
