/** Whether progress keeps pace with the time elapsed in the period. */
import type { Thresholds } from '../model/config.js';
import { computeExpectedProgress, type Period } from './period.js';

export type Status = 'done' | 'upcoming' | 'on-track' | 'at-risk' | 'off-track';

export const STATUS_ORDER: readonly Status[] = ['done', 'upcoming', 'on-track', 'at-risk', 'off-track'];

export { DEFAULT_THRESHOLDS, type Thresholds } from '../model/config.js';

/** Tolerance for float noise: 0.5 - 0.35 is 0.15000000000000002, which must still be on track. */
const EPSILON = 1e-9;

export interface Health {
  expected: number;
  status: Status;
}

/**
 * Health of `progress` (a fraction 0..1) in `period` on `today` (an ISO date): `expected` is the
 * share of the period elapsed (0..1, computeExpectedProgress), `status` as statusAgainst says.
 */
export function computeHealth(progress: number, period: Period, today: string, thresholds: Thresholds): Health {
  const expected = computeExpectedProgress(period, today);
  return { expected, status: statusAgainst(progress, expected, period, today, thresholds) };
}

/** The status of `progress` when `expected` is computeExpectedProgress(period, today): for many key results of one period. */
export function statusAgainst(progress: number, expected: number, period: Period, today: string, thresholds: Thresholds): Status {
  if (progress >= 1 - EPSILON) return 'done';
  if (today < period.start) return 'upcoming';
  const gap = expected - progress;
  if (gap <= thresholds.onTrack + EPSILON) return 'on-track';
  if (gap <= thresholds.atRisk + EPSILON) return 'at-risk';
  return 'off-track';
}
