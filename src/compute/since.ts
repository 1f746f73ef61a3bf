/** `--since <7d|2w|YYYY-MM-DD>`: the moment a weekly review (`okr diff --since`) looks back to. Pure. */
import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { isIsoDate, toIsoDate } from '../model/period.js';

/** The forms `--since` takes, for messages. */
export const SINCE_FORMATS = 'a number of days or weeks (7d, 2w) or a date (YYYY-MM-DD)';

/**
 * The date `value` names, as YYYY-MM-DD: `Nd` is N days before `today`, `Nw` N weeks before, a date
 * itself. Null for anything else (and for a date after `today`). `today` is YYYY-MM-DD.
 */
export function parseSince(value: string, today: string): string | null {
  const relative = /^(\d{1,5})([dw])$/.exec(value.trim());
  if (relative) {
    const days = Number(relative[1]) * (relative[2] === 'w' ? 7 : 1);
    return toIsoDate(addDays(parseISO(today), -days));
  }
  if (isIsoDate(value) && value <= today) return value;
  return null;
}

/**
 * The moment a date starts, as seconds since the epoch: midnight UTC. A commit whose committer date
 * is at that moment or earlier is "at or before" the date; one later is after it.
 */
export function startOfDayUtc(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 1000;
}
