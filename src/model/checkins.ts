/**
 * The order of a key result's `checkins:` list, shared by lint (src/parse/checkins.ts) and by
 * `okr checkin` (src/edit/checkin.ts). A list is in date order when no entry is dated before an
 * entry above it; entries with the same date are in order whatever their values, and among them
 * the last in the list is the latest. Entries without a `date` that is a real YYYY-MM-DD date are
 * left out of every comparison (the schema reports them). Pure; ISO dates compare as strings.
 */
import { isIsoDate } from './period.js';

/** The ISO date of a check-in entry (`{ date: "2026-11-25", ... }`), or null when it has none. */
export function checkinDate(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const date = (entry as { date?: unknown }).date;
  return typeof date === 'string' && isIsoDate(date) ? date : null;
}

/**
 * Index into `entries` of the latest check-in: the one with the greatest date, the last in the list
 * among equal dates. -1 when no entry has a date. Entries for which `counts` is false are skipped.
 */
export function latestCheckinIndex(entries: readonly unknown[], counts: (entry: unknown) => boolean = () => true): number {
  let latest = -1;
  let latestDate = '';
  entries.forEach((entry, index) => {
    const date = checkinDate(entry);
    if (date !== null && counts(entry) && date >= latestDate) {
      latest = index;
      latestDate = date;
    }
  });
  return latest;
}

/**
 * The first entry dated before an entry above it: its index and the greatest date above it; null
 * when the list is in date order.
 */
export function firstCheckinOutOfOrder(entries: readonly unknown[]): { index: number; after: string } | null {
  let greatest = '';
  for (let index = 0; index < entries.length; index++) {
    const date = checkinDate(entries[index]);
    if (date === null) continue;
    if (date < greatest) return { index, after: greatest };
    greatest = date;
  }
  return null;
}

/**
 * Where a new check-in dated `date` goes in `entries`: before the first entry dated after it, else
 * at the end (so after every entry of the same date). In a list in date order this keeps the order;
 * the new entry is the latest exactly when the index is `entries.length`.
 */
export function checkinInsertIndex(entries: readonly unknown[], date: string): number {
  const index = entries.findIndex((entry) => {
    const other = checkinDate(entry);
    return other !== null && other > date;
  });
  return index === -1 ? entries.length : index;
}
