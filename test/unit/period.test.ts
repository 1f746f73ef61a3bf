import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExpectedProgress, containsDay, periodLength } from '../../src/compute/period.js';
import { explicitPeriod, isIsoDate, parsePeriodLabel } from '../../src/model/period.js';
import { propertyRuns } from '../helpers/property-runs.js';

describe('parsePeriodLabel', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-q2', '2026-04-01', '2026-06-30'],
    ['2026-H1', '2026-01-01', '2026-06-30'],
    ['2026-H2', '2026-07-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
  ])('%s is %s..%s', (label, start, end) => {
    expect(parsePeriodLabel(label)).toMatchObject({ start, end });
  });

  it.each(['2026-Q5', '2026-Q0', '2026-H3', '2026-13', '2026-00', '26-Q1', 'Q4', '', '2026-Q4 ', 'current'])('rejects %j', (label) => {
    expect(parsePeriodLabel(label)).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00')).toBe(false);
  });
});

describe('computeExpectedProgress', () => {
  const q4 = parsePeriodLabel('2026-Q4')!;

  it('counts both the first day and today', () => {
    expect(periodLength(q4)).toBe(92);
    expect(computeExpectedProgress(q4, '2026-11-15')).toBe(0.5);
    expect(computeExpectedProgress(q4, '2026-10-01')).toBe(1 / 92);
    expect(computeExpectedProgress(q4, '2026-12-31')).toBe(1);
  });

  it('is clamped outside the period', () => {
    expect(computeExpectedProgress(q4, '2026-09-30')).toBe(0);
    expect(computeExpectedProgress(q4, '2027-01-01')).toBe(1);
  });

  it('is not thrown off by daylight saving changes', () => {
    const march = parsePeriodLabel('2026-03')!;
    expect(periodLength(march)).toBe(31);
    expect(computeExpectedProgress(march, '2026-03-31')).toBe(1);
  });

  it('counts calendar days as date-fns does, in every century and across leap days', () => {
    const toLocalDate = (iso: string) => {
      const date = new Date(2000, 0, 1);
      date.setFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
      return date;
    };
    const isoDate = fc
      .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
      .map(({ year, month, day }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(periodLength(explicitPeriod(start, end))).toBe(differenceInCalendarDays(toLocalDate(end), toLocalDate(start)) + 1);
      }),
      propertyRuns(500),
    );
    expect(periodLength(explicitPeriod('0050-01-01', '0050-12-31'))).toBe(365);
    expect(periodLength(explicitPeriod('2024-02-28', '2024-03-01'))).toBe(3);
    expect(periodLength(explicitPeriod('2100-02-28', '2100-03-01'))).toBe(2);
  });

  it('works for explicit periods of one day', () => {
    const day = explicitPeriod('2026-05-05', '2026-05-05');
    expect(computeExpectedProgress(day, '2026-05-05')).toBe(1);
    expect(containsDay(day, '2026-05-05')).toBe(true);
    expect(containsDay(day, '2026-05-06')).toBe(false);
  });
});
