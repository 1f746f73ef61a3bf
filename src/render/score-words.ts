/** Words for scores and closing, shared by the status and score reports. */
import { gradeOf, type Grade } from '../compute/score.js';
import type { ObjectiveReport } from '../compute/report.js';

/** A score as reports write it: two decimals, as `0.70`; `–` when there is none. */
export function formatScore(score: number | null): string {
  // Rounded half up, within float noise: 0.175 (stored as 0.17499…) is written 0.18.
  return score === null ? '–' : (Math.round(score * 100 + 1e-6) / 100).toFixed(2);
}

/** The grade of a score, or null when there is no score. */
export function gradeOrNull(score: number | null): Grade | null {
  return score === null ? null : gradeOf(score);
}

/**
 * What the status report adds to an objective that is closed or aspirational:
 * `closed 2026-12-31 · score 0.72 (green)`, `aspirational`; '' for an open committed one.
 */
export function closingWords(objective: Pick<ObjectiveReport, 'commitment' | 'closed' | 'score'>): string {
  const parts: string[] = [];
  if (objective.commitment === 'aspirational') parts.push('aspirational');
  if (objective.closed !== null) {
    const grade = gradeOrNull(objective.score);
    parts.push(`closed ${objective.closed} · score ${formatScore(objective.score)}${grade === null ? '' : ` (${grade})`}`);
  }
  return parts.join(' · ');
}
