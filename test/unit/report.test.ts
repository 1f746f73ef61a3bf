import { describe, expect, it } from 'vitest';
import { parsePeriodSelection } from '../../src/compute/report.js';
import { objective, reportOf } from '../helpers/workspace.js';

const files = {
  'q3.md': objective('q3', { period: '2026-Q3', owner: 'ana', krs: ['{id: k3, title: K, done: true}'] }),
  'q4.md': objective('q4', { period: '2026-Q4', owner: 'ben', krs: ['{id: k4, title: K, done: false, owner: ana}', '{id: k4b, title: K, done: false}'] }),
  'year.md': objective('year', { period: '2026', owner: 'Cy', krs: ['{id: ky, title: K, done: false}'] }),
};
const ids = (report: ReturnType<typeof reportOf>) => report.objectives.map((o) => o.id);

describe('period selection', () => {
  it('shows, by default, the objectives whose period contains today', () => {
    const report = reportOf(files, { period: { kind: 'current' }, today: '2026-11-15' });
    expect(ids(report)).toEqual(['q4', 'year']);
    expect(report.notice).toBeNull();
  });

  it('falls back to the latest period when none contains today, and says so', () => {
    const report = reportOf(files, { period: { kind: 'current' }, today: '2027-02-01' });
    expect(ids(report)).toEqual(['q4', 'year']);
    expect(report.notice).toBe("no objective's period contains 2027-02-01; showing the latest period, 2026-Q4");
  });

  it('shows the objectives whose period overlaps the one asked for', () => {
    expect(ids(reportOf(files, { period: parsePeriodSelection('2026-Q3')! }))).toEqual(['q3', 'year']);
    expect(ids(reportOf(files, { period: parsePeriodSelection('2026-09-30..2026-10-01')! }))).toEqual(['q3', 'q4', 'year']);
    expect(ids(reportOf(files, { period: parsePeriodSelection('2027')! }))).toEqual([]);
    expect(ids(reportOf(files, { period: { kind: 'all' } }))).toEqual(['q3', 'q4', 'year']);
  });

  it('rejects what is not a period', () => {
    expect(parsePeriodSelection('Q4')).toBeNull();
    expect(parsePeriodSelection('2026-10-02..2026-10-01')).toBeNull();
  });
});

describe('owner filter', () => {
  it('shows objectives owned by the owner, and objectives with key results owned by them (only those)', () => {
    const report = reportOf(files, { owner: 'ana' });
    expect(report.objectives.map((o) => [o.id, o.keyResults.map((k) => k.id)])).toEqual([
      ['q3', ['k3']],
      ['q4', ['k4']],
    ]);
  });

  it('ignores case and a leading @', () => {
    expect(ids(reportOf(files, { owner: '@cy' }))).toEqual(['year']);
  });
});

describe('status of key results', () => {
  it('uses the objective period', () => {
    const report = reportOf(files, { today: '2026-08-01' });
    expect(report.objectives.find((o) => o.id === 'q4')!.keyResults[0]!.status).toBe('upcoming');
    expect(report.objectives.find((o) => o.id === 'q3')!.keyResults[0]!.status).toBe('done');
  });
});
