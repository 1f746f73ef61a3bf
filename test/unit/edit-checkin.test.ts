import { describe, expect, it } from 'vitest';
import { formatCheckinRecord, planCheckin, verifyCheckin, type CheckinRecord } from '../../src/edit/checkin.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { applySplices } from '../../src/edit/splice.js';

function checkin(text: string, krId: string, record: CheckinRecord): string {
  const plan = planCheckin(text, krId, record);
  expect(verifyCheckin(text, plan, krId, record)).toBeNull();
  const after = applySplices(text, plan.splices);
  expect(parseOkrText('o.md', after).problems.filter((p) => p.severity === 'error')).toEqual([]);
  return after;
}

const objective = (keyResults: string, eol = '\n') => ['---', 'id: o', 'title: O', 'period: 2026-Q4', 'key_results:', ...keyResults.split('\n'), '---', '# Body', ''].join(eol);

describe('planCheckin on block key results', () => {
  it('replaces current in place and appends a checkins list after the last key, keeping comments', () => {
    const text = objective(
      [
        '  - id: a',
        '    title: A',
        '    start: 22',
        '    target: 35',
        '    current: 30   # last week',
        '    unit: "%"  # percent',
        '  # next one',
        '  - id: b',
        '    title: B',
      ].join('\n'),
    );
    const after = checkin(text, 'a', { date: '2026-11-25', value: 31, confidence: 0.7, note: 'cohort "B" is live' });
    expect(after).toBe(
      objective(
        [
          '  - id: a',
          '    title: A',
          '    start: 22',
          '    target: 35',
          '    current: 31   # last week',
          '    unit: "%"  # percent',
          '    checkins:',
          '      - { date: 2026-11-25, value: 31, confidence: 0.7, note: "cohort \\"B\\" is live" }',
          '  # next one',
          '  - id: b',
          '    title: B',
        ].join('\n'),
      ),
    );
  });

  it('edits front-matter whose opening line has trailing spaces', () => {
    const text = objective(['  - id: a', '    title: A', '    start: 0', '    target: 10', '    current: 1'].join('\n')).replace(/^---/, '---  ');
    const after = checkin(text, 'a', { date: '2026-11-25', value: 2 });
    expect(after).toBe(text.replace('    current: 1\n', '    current: 2\n    checkins:\n      - { date: 2026-11-25, value: 2 }\n'));
  });

  it('appends to an existing list in its own indentation', () => {
    const text = objective(['- id: a', '  title: A', '  start: 0', '  target: 10', '  current: 2', '  checkins:', '  -   {date: 2026-11-01, value: 2}', '  weight: 2'].join('\n'));
    expect(checkin(text, 'a', { date: '2026-11-08', value: 4 })).toBe(
      objective(
        [
          '- id: a',
          '  title: A',
          '  start: 0',
          '  target: 10',
          '  current: 4',
          '  checkins:',
          '  -   {date: 2026-11-01, value: 2}',
          '  -   { date: 2026-11-08, value: 4 }',
          '  weight: 2',
        ].join('\n'),
      ),
    );
  });

  it('inserts a missing current after target, at its indentation, with CRLF', () => {
    const text = objective(['  - id: a', '    title: A', '    start: 5', '    target: 1  # lower is better', '    unit: ms'].join('\n'), '\r\n');
    expect(checkin(text, 'a', { date: '2026-11-25', value: 3 })).toBe(
      objective(
        [
          '  - id: a',
          '    title: A',
          '    start: 5',
          '    target: 1  # lower is better',
          '    current: 3',
          '    unit: ms',
          '    checkins:',
          '      - { date: 2026-11-25, value: 3 }',
        ].join('\n'),
        '\r\n',
      ),
    );
  });

  it('fills keys that have no value', () => {
    const text = objective(['  - id: a', '    title: A', '    start: 0', '    target: 4', '    current:', '    checkins:   # history'].join('\n'));
    expect(checkin(text, 'a', { date: '2026-11-25', value: 1 })).toBe(
      objective(['  - id: a', '    title: A', '    start: 0', '    target: 4', '    current: 1', '    checkins:   # history', '      - { date: 2026-11-25, value: 1 }'].join('\n')),
    );
  });

  it('turns an empty [] into a block list', () => {
    const text = objective(['  - id: a', '    title: A', '    done: false', '    checkins: []  # none yet'].join('\n'));
    expect(checkin(text, 'a', { date: '2026-11-25', value: true })).toBe(
      objective(['  - id: a', '    title: A', '    done: true', '    checkins:  # none yet', '      - { date: 2026-11-25, value: true }'].join('\n')),
    );
  });

  it('sets a milestone and writes a quoted note safely', () => {
    const text = objective(['  - id: m', '    title: M', '    done: false'].join('\n'));
    expect(checkin(text, 'm', { date: '2026-11-25', value: true, note: 'shipped: 🎉, #1' })).toBe(
      objective(['  - id: m', '    title: M', '    done: true', '    checkins:', '      - { date: 2026-11-25, value: true, note: "shipped: 🎉, #1" }'].join('\n')),
    );
  });
});

describe('planCheckin on flow key results', () => {
  it('adds keys inside a flow mapping', () => {
    const text = objective('  - { id: a, title: A, start: 1, target: 5 }   # c');
    expect(checkin(text, 'a', { date: '2026-11-25', value: 3 })).toBe(
      objective('  - { id: a, title: A, start: 1, target: 5, current: 3, checkins: [{ date: 2026-11-25, value: 3 }] }   # c'),
    );
  });

  it('appends to a flow list, and keeps a flow list of key results flow', () => {
    const text = [
      '---',
      'id: o',
      'title: O',
      'period: 2026-Q4',
      "key_results: [{id: a, title: 'A', start: 1, target: 5, current: 2, checkins: [{date: 2026-11-01, value: 2}]}]",
      '---',
      '',
    ].join('\n');
    expect(checkin(text, 'a', { date: '2026-11-25', value: 4 })).toBe(
      [
        '---',
        'id: o',
        'title: O',
        'period: 2026-Q4',
        "key_results: [{id: a, title: 'A', start: 1, target: 5, current: 4, checkins: [{date: 2026-11-01, value: 2}, { date: 2026-11-25, value: 4 }]}]",
        '---',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON into JSON front-matter', () => {
    const text = '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "a", "title": "A", "start": 1, "target": 5}]}\n---\n';
    expect(checkin(text, 'a', { date: '2026-11-25', value: 3, note: 'x' })).toBe(
      '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "a", "title": "A", "start": 1, "target": 5, "current": 3, "checkins": [{"date": "2026-11-25", "value": 3, "note": "x"}]}]}\n---\n',
    );
  });
});

describe('planCheckin refusals', () => {
  const text = objective(['  - id: t', '    title: T', '  - id: m', '    title: M', '    done: false', '  - id: n', '    title: N', '    start: 0', '    target: 3'].join('\n'));

  it('refuses a task-measured key result, explaining', () => {
    expect(() => planCheckin(text, 't', { date: '2026-11-25', value: 1 })).toThrow(/measured by its linked tasks/);
  });

  it('refuses a value of the wrong kind', () => {
    expect(() => planCheckin(text, 'm', { date: '2026-11-25', value: 1 })).toThrow(/milestone: check in true or false/);
    expect(() => planCheckin(text, 'n', { date: '2026-11-25', value: true })).toThrow(/metric: check in a number/);
  });

  it('refuses an unknown key result and broken front-matter', () => {
    expect(() => planCheckin(text, 'zz', { date: '2026-11-25', value: 1 })).toThrow(/not in this file/);
    expect(() => planCheckin('---\nid: [\n---\n', 'a', { date: '2026-11-25', value: 1 })).toThrow(/front-matter has an error/);
  });
});

describe('formatCheckinRecord', () => {
  it('writes date and value, then confidence and note when given', () => {
    expect(formatCheckinRecord({ date: '2026-11-25', value: -2.5 })).toBe('{ date: 2026-11-25, value: -2.5 }');
    expect(formatCheckinRecord({ date: '2026-11-25', value: 1, confidence: 0, note: 'a\nb' })).toBe('{ date: 2026-11-25, value: 1, confidence: 0, note: "a\\nb" }');
    expect(formatCheckinRecord({ date: '2026-11-25', value: true, status: 'off-track' })).toBe('{ date: 2026-11-25, value: true, status: off-track }');
    expect(formatCheckinRecord({ date: '2026-11-25', value: 2, status: 'at-risk' }, true)).toBe('{"date": "2026-11-25", "value": 2, "status": "at-risk"}');
  });
});

describe('CRLF front-matter', () => {
  it('reads a block whose last line ends in a flow collection', () => {
    const text = '---\r\nid: o\r\ntitle: O\r\nperiod: 2026-Q4\r\nkey_results: [{id: a, title: A, done: false}]\r\n---\r\n';
    expect(parseOkrText('o.md', text).problems).toEqual([]);
    expect(checkin(text, 'a', { date: '2026-11-25', value: true })).toBe(
      '---\r\nid: o\r\ntitle: O\r\nperiod: 2026-Q4\r\nkey_results: [{id: a, title: A, done: true, checkins: [{ date: 2026-11-25, value: true }]}]\r\n---\r\n',
    );
  });
});

describe('check-ins in the schema', () => {
  it('accepts a checkins list without warnings and reports a bad date where it is', () => {
    const good = objective(
      ['  - id: a', '    title: A', '    start: 0', '    target: 3', '    current: 1', '    checkins:', '      - { date: 2026-11-25, value: 1, confidence: 0.5, note: ok }'].join(
        '\n',
      ),
    );
    expect(parseOkrText('o.md', good).problems).toEqual([]);
    const bad = objective(['  - id: a', '    title: A', '    start: 0', '    target: 3', '    checkins:', '      - { date: 2026-13-01, value: 1 }'].join('\n'));
    expect(parseOkrText('o.md', bad).problems).toMatchObject([
      { line: 11, column: 17, severity: 'error', rule: 'schema', message: 'key_results[0].checkins[0].date: expected a date as YYYY-MM-DD' },
    ]);
  });
});
