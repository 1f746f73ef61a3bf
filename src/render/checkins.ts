/** What the reports say of key results' check-ins: JSON fields, the latest confidence, the owner's call. */
import type { ReportStatus } from '../compute/report.js';
import type { CheckinFact } from '../model/types.js';
import { formatNumber, STATUS_WORDS } from './format.js';

/** The latest check-in (the last in date order), or null when there is none. */
export function latestCheckin(checkins: readonly CheckinFact[]): CheckinFact | null {
  return checkins.length === 0 ? null : checkins[checkins.length - 1]!;
}

/**
 * A key result's check-in fields in JSON: `checkins` (all, date order, each with every key, null
 * for what the entry does not give), `lastCheckin` (the latest or null) and `confidence` (the
 * latest check-in's confidence, a fraction 0..1, or null).
 */
export function checkinsJson(checkins: readonly CheckinFact[]): { checkins: CheckinFact[]; lastCheckin: CheckinFact | null; confidence: number | null } {
  const all = checkins.map(({ date, value, confidence, note, status }) => ({ date, value, confidence, note, status }));
  const last = latestCheckin(all);
  return { checkins: all, lastCheckin: last, confidence: last?.confidence ?? null };
}

/** `conf 0.7` for the latest check-in's confidence, or '' when it gives none. */
export function confidenceWords(checkins: readonly CheckinFact[]): string {
  const confidence = latestCheckin(checkins)?.confidence ?? null;
  return confidence === null ? '' : `conf ${formatNumber(confidence)}`;
}

/**
 * The owner's call of the latest check-in when it differs from the computed `status` (which stays
 * the status of `--fail-on`), in words (`at risk`); null when the latest check-in makes none or agrees.
 */
export function ownerCall(checkins: readonly CheckinFact[], status: ReportStatus): string | null {
  const call = latestCheckin(checkins)?.status ?? null;
  return call === null || call === status ? null : STATUS_WORDS[call];
}

/** The status in words, with the owner's call beside it when it differs: `on track (owner: at risk)`. */
export function statusWithOwnerCall(checkins: readonly CheckinFact[], status: ReportStatus): string {
  const call = ownerCall(checkins, status);
  return call === null ? STATUS_WORDS[status] : `${STATUS_WORDS[status]} (owner: ${call})`;
}

/** A check-in's value in words: the number (`31.5`), or `done`/`open` for a milestone's true/false. */
export function checkinValueWords(value: number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'done' : 'open') : formatNumber(value);
}

/** `value 31.5 · conf 0.7 · owner: at risk` of one check-in: what it records besides its date and note. */
export function checkinFacts(checkin: CheckinFact): string {
  return [
    `value ${checkinValueWords(checkin.value)}`,
    checkin.confidence === null ? '' : `conf ${formatNumber(checkin.confidence)}`,
    checkin.status === null ? '' : `owner: ${STATUS_WORDS[checkin.status]}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
