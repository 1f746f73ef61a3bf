/**
 * model/period.ts reads and writes ISO dates with date-fns's light functions (parseISO, lightFormat;
 * its parse and format load a hundred modules at start-up): the results must be those of parse and
 * format, to the day.
 */
import fc from 'fast-check';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { describe, expect, it } from 'vitest';
import { isIsoDate, toDate, toIsoDate } from '../../src/model/period.js';

const REFERENCE = new Date(2000, 0, 1);
const dateFnsIsIsoDate = (value: string) => {
  if (!/^(\d{4})-(\d{2})-(\d{2})$/.test(value)) return false;
  const date = parse(value, 'yyyy-MM-dd', REFERENCE);
  return isValid(date) && format(date, 'yyyy-MM-dd') === value;
};
const pad = (value: number, width: number) => String(value).padStart(width, '0');
const isoLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
const fixed = [
  '2026-11-15',
  '0000-01-01',
  '0001-01-01',
  '0099-12-31',
  '0100-03-01',
  '1900-02-29',
  '2000-02-29',
  '2024-02-29',
  '2026-02-29',
  '9999-12-31',
  '2026-03-29',
  '2026-10-25',
  '2026-13-01',
  '2026-00-10',
  '2026-1-10',
  ' 2026-01-10',
  '2026-01-10T00:00',
];

describe('ISO dates as date-fns parse and format read and write them', () => {
  it('isIsoDate accepts exactly what date-fns parse and format accept', () => {
    for (const value of fixed) expect(isIsoDate(value), value).toBe(dateFnsIsIsoDate(value));
    fc.assert(
      fc.property(isoLike, (value) => isIsoDate(value) === dateFnsIsIsoDate(value)),
      { seed: 3, numRuns: 3000 },
    );
  });

  it('toDate gives the same local midnight as date-fns parse', () => {
    for (const value of fixed.filter(isIsoDate)) expect(toDate(value).getTime(), value).toBe(parse(value, 'yyyy-MM-dd', REFERENCE).getTime());
    fc.assert(
      fc.property(isoLike.filter(isIsoDate), (value) => toDate(value).getTime() === parse(value, 'yyyy-MM-dd', REFERENCE).getTime()),
      { seed: 4, numRuns: 2000 },
    );
  });

  it('toIsoDate writes what date-fns format writes, era years included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 10000 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const date = new Date(2000, month, day);
        date.setFullYear(year);
        return toIsoDate(date) === format(date, 'yyyy-MM-dd');
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});
