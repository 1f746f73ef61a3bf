import { describe, expect, it } from 'vitest';
import { reportOf, objective, taskFile } from '../helpers/workspace.js';

const kr = (report: ReturnType<typeof reportOf>, id: string) => report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;
const obj = (report: ReturnType<typeof reportOf>, id: string) => report.objectives.find((o) => o.id === id)!;

describe('key result progress', () => {
  const report = reportOf({
    'o.md': objective('o', {
      krs: [
        '{id: up, title: U, start: 22, target: 35, current: 27}',
        '{id: down, title: D, start: 3.2, target: 2.0, current: 2.6}',
        '{id: over, title: O, start: 0, target: 10, current: 12}',
        '{id: under, title: B, start: 0, target: 10, current: -5}',
        '{id: default-current, title: C, start: 4, target: 8}',
        '{id: shipped, title: S, done: true}',
        '{id: pending, title: P, done: false}',
        '{id: work, title: W}',
        '{id: idle, title: I}',
      ],
    }),
    't.md': taskFile('work', '- [x] a\n- [x] b\n- [ ] c\n- [/] d\n- [-] e\n- [x] f\n- [ ] g\n- [ ] h\n'),
  });

  it('measures metrics from start to target, either direction, clamped with the raw value kept', () => {
    expect(kr(report, 'up').progress).toBeCloseTo(5 / 13, 12);
    expect(kr(report, 'down').progress).toBeCloseTo(0.5, 12);
    expect(kr(report, 'over')).toMatchObject({ progress: 1, rawProgress: 1.2 });
    expect(kr(report, 'under')).toMatchObject({ progress: 0, rawProgress: -0.5 });
    expect(kr(report, 'default-current').progress).toBe(0);
  });

  it('measures milestones as 0 or 1', () => {
    expect(kr(report, 'shipped').progress).toBe(1);
    expect(kr(report, 'pending').progress).toBe(0);
  });

  it('measures tasks as done leaves over counted leaves', () => {
    expect(kr(report, 'work')).toMatchObject({
      progress: 3 / 7,
      tasks: { done: 3, open: 3, inProgress: 1, cancelled: 1, total: 7 },
      noTasks: false,
    });
    expect(kr(report, 'idle')).toMatchObject({ progress: 0, tasks: null, noTasks: true });
  });
});

describe('objective progress', () => {
  it('is the weighted mean of its key results', () => {
    const report = reportOf({
      'o.md': objective('o', { krs: ['{id: a, title: A, done: true, weight: 3}', '{id: b, title: B, done: false}'] }),
    });
    expect(obj(report, 'o').progress).toBe(0.75);
  });

  it('ignores weight-0 key results; all weights 0 makes the objective invalid', () => {
    expect(obj(reportOf({ 'o.md': objective('o', { krs: ['{id: a, title: A, done: true, weight: 0}', '{id: b, title: B, done: false}'] }) }), 'o').progress).toBe(0);
    const allZero = reportOf({ 'o.md': objective('o', { krs: ['{id: a, title: A, done: true, weight: 0}', '{id: b, title: B, done: false, weight: 0}'] }) });
    // All weights 0 is an error of the objective: it is not counted, and its progress is unknown.
    expect(obj(allZero, 'o').progress).toBeNull();
    expect(obj(allZero, 'o').status).toBe('invalid');
    expect(allZero.problems.map((p) => p.rule)).toEqual(['zero-weights']);
  });

  it('without key results of its own, is the unweighted mean of its aligned objectives, recursively', () => {
    const report = reportOf({
      'company.md': objective('company'),
      'a.md': objective('a', { parent: 'company', krs: ['{id: ka, title: K, done: true}'] }),
      'b.md': objective('b', { parent: 'company' }),
      'b1.md': objective('b1', { parent: 'b', krs: ['{id: kb1, title: K, start: 0, target: 4, current: 1}'] }),
      'b2.md': objective('b2', { parent: 'b', krs: ['{id: kb2, title: K, done: false}'] }),
    });
    expect(obj(report, 'b').progress).toBe(0.125);
    expect(obj(report, 'company').progress).toBe(0.5625);
    expect(report.objectives.map((o) => [o.id, o.depth])).toEqual([
      ['company', 0],
      ['a', 1],
      ['b', 1],
      ['b1', 2],
      ['b2', 2],
    ]);
  });

  it('is 0 for an objective with nothing to measure, never NaN', () => {
    const report = reportOf({ 'o.md': objective('lonely') });
    expect(obj(report, 'lonely')).toMatchObject({ progress: 0, status: 'off-track' });
  });

  it('rolls up through a long chain of alignment without overflowing the stack', () => {
    const files: Record<string, string> = {};
    const depth = 20_000;
    for (let i = 0; i < depth; i++) {
      files[`o${String(i).padStart(5, '0')}.md`] = objective(`o${i}`, i === 0 ? {} : { parent: `o${i - 1}` });
    }
    files['leaf.md'] = objective('leaf', { parent: `o${depth - 1}`, krs: ['{id: k, title: K, done: true}'] });
    expect(obj(reportOf(files), 'o0').progress).toBe(1);
  });
});

describe('metricProgress near the largest doubles', () => {
  it('keeps the ratio when start and target are so far apart that their difference overflows', async () => {
    const { metricProgress } = await import('../../src/compute/progress.js');
    expect(metricProgress(-1e308, 1e308, 0)).toBe(0.5);
    expect(metricProgress(1.7e308, -1.7e308, 0)).toBe(0.5);
    expect(metricProgress(-1.7e308, 1.7e308, 1.7e308)).toBe(1);
    expect(metricProgress(0, 10, 5)).toBe(0.5);
  });
});
