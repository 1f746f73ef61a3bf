import { createRequire } from 'node:module';

interface DateFns {
  endOfMonth: typeof import('date-fns/endOfMonth').endOfMonth;
  endOfQuarter: typeof import('date-fns/endOfQuarter').endOfQuarter;
  endOfYear: typeof import('date-fns/endOfYear').endOfYear;
}

let loadedDateFns: DateFns | undefined;

/**
 * date-fns, loaded when a period label is first read: a run whose objectives all come from the
 * facts cache never needs it (start-up time). One module each rather than the package index,
 * which loads all of date-fns.
 */
function dateFns(): DateFns {
  if (loadedDateFns) return loadedDateFns;
  const require = createRequire(import.meta.url);
  loadedDateFns = {
    endOfMonth: (require('date-fns/endOfMonth') as typeof import('date-fns/endOfMonth')).endOfMonth,
    endOfQuarter: (require('date-fns/endOfQuarter') as typeof import('date-fns/endOfQuarter')).endOfQuarter,
    endOfYear: (require('date-fns/endOfYear') as typeof import('date-fns/endOfYear')).endOfYear,
  };
  return loadedDateFns;
}

/** A named or explicit span of days; `start` and `end` are ISO dates and both belong to it. */
export interface Period {
  label: string;
  start: string;
  end: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Dates are read and written here rather than with date-fns's parse and format, which load a
// hundred modules at start-up; the results are the same (see test/unit/period-to-date.test.ts).

/** A real calendar date written YYYY-MM-DD (years from 0001). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const date = toDate(value);
  return !Number.isNaN(date.getTime()) && toIsoDate(date) === value;
}

/** Local-midnight Date for an ISO date; callers validate first. (A report calls it thousands of times.) */
export function toDate(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return new Date(Number.NaN);
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number(match[1]) < 100) date.setFullYear(Number(match[1])); // the Date constructor maps 0-99 to 1900-1999
  return date;
}

/** YYYY-MM-DD of a date, in local time. */
export function toIsoDate(date: Date): string {
  const year = date.getFullYear();
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  // Like date-fns's `yyyy`: the year of the era (1 BC is 0001).
  return `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

const toIso = toIsoDate;

export const PERIOD_FORMATS = 'YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM';

/** Parses `2026-Q4`, `2026-H2`, `2026` or `2026-11`; null when the label has none of these forms. */
export function parsePeriodLabel(label: string): Period | null {
  let match = /^(\d{4})-[Qq]([1-4])$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), (Number(match[2]) - 1) * 3, 1);
    return { label: `${match[1]}-Q${match[2]}`, start: toIso(first), end: toIso(dateFns().endOfQuarter(first)) };
  }
  match = /^(\d{4})-[Hh]([12])$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), (Number(match[2]) - 1) * 6, 1);
    return { label: `${match[1]}-H${match[2]}`, start: toIso(first), end: toIso(dateFns().endOfMonth(new Date(Number(match[1]), Number(match[2]) * 6 - 1, 1))) };
  }
  match = /^(\d{4})$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), 0, 1);
    return { label: match[1]!, start: toIso(first), end: toIso(dateFns().endOfYear(first)) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const first = new Date(Number(match[1]), Number(match[2]) - 1, 1);
    return { label, start: toIso(first), end: toIso(dateFns().endOfMonth(first)) };
  }
  return null;
}

/** The period from `start` to `end` (ISO dates, both included, not checked here), labelled `start..end`. */
export function explicitPeriod(start: string, end: string): Period {
  return { label: `${start}..${end}`, start, end };
}

/** Days in the period, both ends counted. */
export function periodLength(period: Period): number {
  return dayNumber(period.end) - dayNumber(period.start) + 1;
}

/**
 * Days from 1970-01-01 to an ISO date: differences are calendar days whatever the time zone (no
 * daylight-saving hour in between), and cheap enough for thousands of key results.
 */
function dayNumber(isoDate: string): number {
  // setUTCFullYear rather than Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  return Math.round(date.getTime() / 86_400_000);
}

/** Whether the ISO date `today` falls in `period`, both ends included. */
export function containsDay(period: Period, today: string): boolean {
  return period.start <= today && today <= period.end;
}

/** Whether two periods share at least one day (ends included). */
export function overlaps(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Share of the period elapsed on `today`: days from start to today, both counted, over the days in
 * the period, clamped to [0, 1]. On 2026-11-15, 2026-Q4 gives 46 / 92 = 0.5.
 */
export function computeExpectedProgress(period: Period, today: string): number {
  if (today < period.start) return 0;
  if (today > period.end) return 1;
  const elapsed = dayNumber(today) - dayNumber(period.start) + 1;
  return Math.min(1, Math.max(0, elapsed / periodLength(period)));
}
