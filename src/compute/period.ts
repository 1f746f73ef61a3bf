/** Arithmetic over periods (model/period.ts): their length in days, what share of one has elapsed. */
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import type { Period } from '../model/period.js';

export type { Period } from '../model/period.js';

/** Calendar days from ISO date `from` to ISO date `to` (negative when `to` is earlier), whatever the time zone. */
function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** Days in the period, both ends counted (2026-Q4: 92). */
export function periodLength(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** True when the ISO date `today` is in the period, ends included. */
export function containsDay(period: Period, today: string): boolean {
  return period.start <= today && today <= period.end;
}

/** True when the two periods share at least one day. */
export function overlaps(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Share of the period elapsed on `today` (an ISO date), a fraction 0..1: days from start to today,
 * both counted, over the days in the period, clamped. On 2026-11-15, 2026-Q4 gives 46 / 92 = 0.5.
 */
export function computeExpectedProgress(period: Period, today: string): number {
  if (today < period.start) return 0;
  if (today > period.end) return 1;
  const elapsed = daysBetween(period.start, today) + 1;
  return Math.min(1, Math.max(0, elapsed / periodLength(period)));
}
