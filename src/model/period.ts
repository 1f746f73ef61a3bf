/**
 * Periods (the span of days an objective runs) and the ISO dates they are written in: what parsing
 * needs of them. Calendar work is date-fns's, imported function by function (the package index
 * loads all of it); the arithmetic over periods (lengths, elapsed share) is in compute/period.ts.
 */
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { endOfYear } from 'date-fns/endOfYear';
import { isValid } from 'date-fns/isValid';
import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';

/** A named or explicit span of days; `start` and `end` are ISO dates (YYYY-MM-DD) and both belong to it. */
export interface Period {
  label: string;
  start: string;
  end: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD, years 0001 to 9999 (`2026-02-29` is false). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !value.startsWith('0000') && isValid(parseISO(value));
}

/** The local midnight that starts an ISO date; an invalid Date for anything but YYYY-MM-DD. Callers validate first. */
export function toDate(isoDate: string): Date {
  return ISO_DATE.test(isoDate) ? parseISO(isoDate) : new Date(Number.NaN);
}

/** YYYY-MM-DD of a date in local time; the year is the year of the era, as date-fns's `yyyy` writes it (1 BC is 0001). */
export function toIsoDate(date: Date): string {
  return lightFormat(date, 'yyyy-MM-dd');
}

/** The forms of a period label, for messages. */
export const PERIOD_FORMATS = 'YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM';

/**
 * Reads a period label: `2026-Q4`, `2026-H2`, `2026` or `2026-11` (`q`/`h` in either case; the label
 * is given back with them upper-case). Null when the label has none of these forms; never throws.
 */
export function parsePeriodLabel(label: string): Period | null {
  let match = /^(\d{4})-[Qq]([1-4])$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), (Number(match[2]) - 1) * 3, 1);
    return { label: `${match[1]}-Q${match[2]}`, start: toIsoDate(first), end: toIsoDate(endOfQuarter(first)) };
  }
  match = /^(\d{4})-[Hh]([12])$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), (Number(match[2]) - 1) * 6, 1);
    return { label: `${match[1]}-H${match[2]}`, start: toIsoDate(first), end: toIsoDate(endOfMonth(new Date(Number(match[1]), Number(match[2]) * 6 - 1, 1))) };
  }
  match = /^(\d{4})$/.exec(label);
  if (match) {
    const first = new Date(Number(match[1]), 0, 1);
    return { label: match[1]!, start: toIsoDate(first), end: toIsoDate(endOfYear(first)) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const first = new Date(Number(match[1]), Number(match[2]) - 1, 1);
    return { label, start: toIsoDate(first), end: toIsoDate(endOfMonth(first)) };
  }
  return null;
}

/** The period from `start` to `end` (ISO dates, both included; callers check start <= end), labelled `start..end`. */
export function explicitPeriod(start: string, end: string): Period {
  return { label: `${start}..${end}`, start, end };
}
