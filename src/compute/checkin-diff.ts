/** The check-ins added to key results between two versions of a workspace (for `okr diff`). */
import type { CheckinFact } from '../model/types.js';

/** One check-in found in the head and not in the base, with the key result it was recorded on. */
export interface CheckinChange extends CheckinFact {
  /** The key result's id (null when it has none that can be read) and its objective's. */
  keyResult: string | null;
  objectiveId: string | null;
  title: string | null;
  /** Where the key result is declared on the head side. */
  file: string;
  line: number;
}

/**
 * The entries of `after` that `before` does not hold, compared by date, value and note (as a
 * multiset: an entry recorded twice in the head and once in the base counts once as added), in
 * `after`'s order. Confidence and status edits of an existing entry are not additions. Pure.
 */
export function addedCheckins(before: readonly CheckinFact[], after: readonly CheckinFact[]): CheckinFact[] {
  const key = (c: CheckinFact) => JSON.stringify([c.date, c.value, c.note]);
  const waiting = new Map<string, number>();
  for (const checkin of before) waiting.set(key(checkin), (waiting.get(key(checkin)) ?? 0) + 1);
  const added: CheckinFact[] = [];
  for (const checkin of after) {
    const left = waiting.get(key(checkin)) ?? 0;
    if (left > 0) waiting.set(key(checkin), left - 1);
    else added.push(checkin);
  }
  return added;
}

/**
 * The check-ins added to one key result (`kr` on the head side; `before` its check-ins on the
 * base side, empty for a new key result) as CheckinChanges, in date order.
 */
export function checkinChanges(
  kr: { id: string | null; title: string | null; file: string; line: number; checkins: readonly CheckinFact[] },
  objectiveId: string | null,
  before: readonly CheckinFact[],
): CheckinChange[] {
  return addedCheckins(before, kr.checkins).map((checkin) => ({ keyResult: kr.id, objectiveId, title: kr.title, file: kr.file, line: kr.line, ...checkin }));
}
