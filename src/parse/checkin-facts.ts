/** Reads a key result's `checkins:` list into CheckinFacts (the read side of `okr checkin`). */
import type { CheckinFact } from '../model/types.js';
import { validateCheckin } from './schema.js';

/**
 * The valid entries of a key result's `checkins:` value (`raw`: whatever the front-matter holds
 * there), as CheckinFacts in date order; entries of equal dates keep their order in the file.
 * Entries the schema refuses are left out (the schema's check of the key result reports them); a
 * value that is not a list gives none. A note is kept as written (an empty one as null). Never throws.
 */
export function readCheckins(raw: unknown): CheckinFact[] {
  if (!Array.isArray(raw)) return [];
  const checkins: CheckinFact[] = [];
  for (const entry of raw as unknown[]) {
    const checked = validateCheckin(entry);
    if (!checked.success) continue;
    const { date, value, confidence, note, status } = checked.data;
    checkins.push({ date, value, confidence: confidence ?? null, note: note === undefined || note.trim() === '' ? null : note, status: status ?? null });
  }
  // Array.prototype.sort is stable: equal dates keep the file's order.
  return checkins.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
