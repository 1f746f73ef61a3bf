/** The pure parts of the review cycle: `okr due`'s list, `--since` dates, blame parsing, stalled key results. */
import { describe, expect, it } from 'vitest';
import { findDue, taskCadences } from '../../src/compute/due.js';
import { findStalled, itemAuthors, itemLines, movedIds } from '../../src/compute/review.js';
import { parseSince, startOfDayUtc } from '../../src/compute/since.js';
import { diffWorkspaces } from '../../src/compute/diff.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { parseBlame } from '../../src/io/line-authors.js';
import { modelOf, objective, taskFile } from '../helpers/workspace.js';

const files = {
  'o.md': objective('o', {
    owner: 'team',
    krs: [
      '{id: metric, title: M, start: 0, target: 10, current: 2, checkins: [{date: 2026-11-01, value: 2}]}',
      '{id: mine, title: Mine, owner: "@Bea", done: false}',
      '{id: work, title: W}',
    ],
  }),
  'p.md': objective('p', { krs: ['{id: later, title: L, start: 0, target: 1}'] }).replace('period: 2026-Q4', 'period: 2026-Q4\ncadence: 3'),
  't.md': taskFile('work', '- [ ] a\n- [x] b\n'),
};

describe('findDue', () => {
  const model = modelOf(files);
  const options = { today: '2026-11-08', cadenceDays: 7, owner: null, thresholds: DEFAULT_THRESHOLDS, tasksMoved: () => false };

  it('lists check-ins a cadence old or more, by the objective cadence where it has one', () => {
    expect(findDue(model, options).map((d) => [d.id, d.owner, d.lastCheckin, d.daysSince, d.cadenceDays])).toEqual([
      ['metric', 'team', '2026-11-01', 7, 7],
      ['mine', '@Bea', null, 38, 7],
      ['work', 'team', null, 38, 7],
      ['later', null, null, 38, 3],
    ]);
    expect(findDue(model, { ...options, today: '2026-11-07' }).map((d) => d.id)).not.toContain('metric');
  });

  it('leaves out task-measured key results that moved, or when that cannot be told', () => {
    expect(findDue(model, { ...options, tasksMoved: (id) => id === 'work' }).map((d) => d.id)).not.toContain('work');
    expect(findDue(model, { ...options, tasksMoved: null }).map((d) => d.id)).not.toContain('work');
  });

  it('narrows to an owner, and lists nothing outside the current period', () => {
    expect(findDue(model, { ...options, owner: 'bea' }).map((d) => d.id)).toEqual(['mine']);
    expect(findDue(model, { ...options, today: '2027-01-20' })).toEqual([]);
    expect(taskCadences(model, '2026-11-08', 7)).toEqual([7]);
  });
});

describe('parseSince', () => {
  it('reads days, weeks and dates from today, and refuses the rest', () => {
    expect(parseSince('7d', '2026-11-30')).toBe('2026-11-23');
    expect(parseSince('2w', '2026-11-30')).toBe('2026-11-16');
    expect(parseSince('0d', '2026-03-01')).toBe('2026-03-01');
    expect(parseSince('2026-11-01', '2026-11-30')).toBe('2026-11-01');
    for (const bad of ['2026-12-01', 'yesterday', '7', '-7d', '2026-02-30']) expect(parseSince(bad, '2026-11-30')).toBeNull();
    expect(startOfDayUtc('2026-11-16')).toBe(Date.UTC(2026, 10, 16) / 1000);
  });
});

describe('parseBlame', () => {
  it('credits each line to its commit author, and boundary or uncommitted lines to nobody', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const zero = '0'.repeat(40);
    const output = [
      `${a} 1 1 2`,
      'author Ada',
      'boundary',
      'filename f',
      '\tfirst',
      `${a} 2 2`,
      '\tsecond',
      `${b} 3 3 1`,
      'author Bea',
      'filename f',
      '\tthird',
      `${zero} 4 4 1`,
      'author Not Committed Yet',
      'filename f',
      '\tfourth',
      '',
    ].join('\n');
    expect(parseBlame(output)).toEqual([
      { author: null, text: 'first' },
      { author: null, text: 'second' },
      { author: 'Bea', text: 'third' },
      { author: null, text: 'fourth' },
    ]);
  });
});

describe('the weekly review', () => {
  const before = modelOf(files);
  const after = modelOf({ ...files, 't.md': taskFile('work', '- [x] a\n- [x] b\n') });
  const diff = diffWorkspaces({ model: before, thresholds: DEFAULT_THRESHOLDS }, { model: after, thresholds: DEFAULT_THRESHOLDS }, { today: '2026-11-08' });
  const moved = movedIds(diff, after);

  it('knows what moved, and lists the rest of a running period as stalled', () => {
    expect([...moved.keyResults]).toEqual(['work']);
    expect([...moved.objectives]).toEqual(['o']);
    const stalled = findStalled(before, after, moved, { since: '2026-11-01', today: '2026-11-08', thresholds: DEFAULT_THRESHOLDS });
    expect(stalled.map((kr) => [kr.id, kr.owner, kr.lastCheckin])).toEqual([
      ['metric', 'team', '2026-11-01'],
      ['mine', '@Bea', null],
      ['later', null, null],
    ]);
  });

  it('credits the authors of the lines of each moved item', () => {
    const lines = itemLines(after, moved, () => 10);
    const authors = new Map([['t.md', [{ author: null }, { author: null }, { author: null }, { author: 'Cy' }, { author: null }]]]);
    expect(itemAuthors(after, lines, authors)).toEqual([
      { kind: 'objective', id: 'o', objectiveId: null, file: 'o.md', authors: ['Cy'] },
      { kind: 'key-result', id: 'work', objectiveId: 'o', file: 'o.md', authors: ['Cy'] },
    ]);
  });
});
