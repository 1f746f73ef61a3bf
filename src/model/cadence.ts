/**
 * How often a key result's owner is expected to check in: `checkins: { cadence: ... }` in
 * okr.config.yaml, or `cadence:` in an objective's front-matter (which wins for its key results).
 */

/** The cadence words and their length in days. */
export const CADENCE_DAYS = { weekly: 7, biweekly: 14, monthly: 30 } as const;

export type CadenceWord = keyof typeof CADENCE_DAYS;

/** The cadence words, in order of length, for schemas and messages. */
export const CADENCE_WORDS = Object.keys(CADENCE_DAYS) as CadenceWord[];

/** The cadence when nothing sets one: weekly (7 days). */
export const DEFAULT_CADENCE_DAYS = CADENCE_DAYS.weekly;

/**
 * The length in days of a cadence as written: a word of CADENCE_DAYS, or a whole number of days of
 * at least 1. Null for anything else (the schema reports it).
 */
export function cadenceDays(value: unknown): number | null {
  if (typeof value === 'string' && Object.hasOwn(CADENCE_DAYS, value)) return CADENCE_DAYS[value as CadenceWord];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  return null;
}
