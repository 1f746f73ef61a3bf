/**
 * Scores of key results and objectives, and their grades. A score is a fraction 0..1: a key result's
 * is its progress at the time of scoring (a metric's progress clamped to [0, 1], a milestone's 0 or
 * 1, a task-measured one's share of done tasks) unless its file gives `score:` (an owner's judgement
 * while the period is open, the frozen score once `okr close` closed it). An objective's score is
 * the weighted mean of its valid key results' scores, or the score `okr close` froze into it. Pure.
 */
import type { WorkspaceModel } from '../model/link.js';
import { problem, type Problem } from '../model/problem.js';
import type { Commitment } from '../model/types.js';
import { computeKeyResultProgress, weightedMean } from './progress.js';

/** The band of a score: red [0, 0.4), yellow [0.4, 0.7), green [0.7, 1]. */
export type Grade = 'red' | 'yellow' | 'green';

/** Where a key result's score comes from: its progress, a `score:` set by hand, or one `okr close` froze. */
export type ScoreSource = 'computed' | 'manual' | 'frozen';

/**
 * The lower bounds of the yellow and green bands. The usual bands are written 0.0–0.3 red, 0.4–0.6
 * yellow and 0.7–1.0 green; okr reads them as half-open intervals whose lower ends are those given,
 * so every score falls in exactly one band and a score counts as yellow or green only once it has
 * reached the band's lower end (0.35 and 0.69 are not reached 0.4 and 0.7: red and yellow).
 */
export const GRADE_BOUNDS = { yellow: 0.4, green: 0.7 } as const;

/** The share of the expected progress an aspirational objective's health is measured against. */
export const ASPIRATIONAL_SUCCESS = 0.7;

/** Tolerance for float noise: 0.1 * 7 is 0.7000000000000001 and 0.7 - 0.1 * 3 is 0.39999999999999997. */
const EPSILON = 1e-9;

/** The grade of `score` (a fraction 0..1): red below 0.4, yellow from 0.4 to below 0.7, green from 0.7 (within 1e-9). */
export function gradeOf(score: number): Grade {
  if (score >= GRADE_BOUNDS.green - EPSILON) return 'green';
  if (score >= GRADE_BOUNDS.yellow - EPSILON) return 'yellow';
  return 'red';
}

export interface KeyResultScore {
  /** Fraction 0..1; null when the key result is invalid and has no `score:` of its own. */
  score: number | null;
  source: ScoreSource;
}

/**
 * The score of a key result: `declared` (its `score:`, 0..1) when the file gives one, `frozen` when
 * its objective is closed, else `manual`; otherwise `progress` (0..1, already clamped; null for an
 * invalid key result, which then has no score).
 */
export function keyResultScore(progress: number | null, declared: number | null, objectiveClosed: boolean): KeyResultScore {
  if (declared !== null) return { score: declared, source: objectiveClosed ? 'frozen' : 'manual' };
  return { score: progress, source: 'computed' };
}

export interface ObjectiveScore {
  /** Fraction 0..1, or null when none of its key results has a score. */
  score: number | null;
  /** True when the score is the one `okr close` froze into the objective. */
  frozen: boolean;
  /** Key results left out of the mean because they have no score (invalid). */
  leftOut: number;
}

/**
 * The score of an objective: `frozen` (its `score:` after `okr close`) when given, else the weighted
 * mean (weightedMean) of its key results' scores, those without a score left out and counted in
 * `leftOut`; null when none has a score.
 */
export function objectiveScore(keyResults: readonly { weight: number; score: number | null }[], frozen: number | null): ObjectiveScore {
  const scored = keyResults.filter((kr): kr is { weight: number; score: number } => kr.score !== null);
  const leftOut = keyResults.length - scored.length;
  if (frozen !== null) return { score: frozen, frozen: true, leftOut };
  if (scored.length === 0) return { score: null, frozen: false, leftOut };
  return { score: weightedMean(scored.map((kr) => ({ weight: kr.weight, progress: kr.score }))), frozen: false, leftOut };
}

/**
 * The progress a health status is measured against: `expected` (0..1) for a committed objective,
 * ASPIRATIONAL_SUCCESS × `expected` for an aspirational one (a success at 0.7 of the way).
 */
export function expectedFor(commitment: Commitment, expected: number): number {
  return commitment === 'aspirational' ? ASPIRATIONAL_SUCCESS * expected : expected;
}

/**
 * Whether a closed key result's recomputed `progress` (0..1) no longer matches its frozen `score`
 * (0..1): they differ by more than 0.005, the rounding of a score written with two decimals.
 */
export function scoreDrifted(progress: number, score: number): boolean {
  return Math.abs(progress - score) > 0.005 + EPSILON;
}

/**
 * Warnings (`frozen-score-changed`) for key results of closed objectives whose progress, computed
 * again from the files, no longer matches the progress they were closed with (scoreDrifted): their
 * `progress_at_close:` when given (`okr close` writes it beside a score set by hand), else their
 * frozen `score:`; at the key result's id. Invalid key results and those without a score are passed
 * over. Never throws.
 */
export function frozenScoreProblems(model: WorkspaceModel): Problem[] {
  const problems: Problem[] = [];
  for (const objective of model.objectives) {
    if (objective.closed === null) continue;
    for (const kr of objective.keyResults) {
      const { progress } = computeKeyResultProgress(kr);
      if (kr.score === null || progress === null) continue;
      const atClose = kr.progressAtClose ?? kr.score;
      if (!scoreDrifted(progress, atClose)) continue;
      const name = kr.id ?? `key_results[${kr.index}]`;
      const was =
        kr.progressAtClose === null
          ? `its frozen score is ${kr.score}: it changed after okr close (or the score was set by hand before okr close wrote progress_at_close)`
          : `it was ${Math.round(atClose * 100)}% at the close (its score ${kr.score} was set by hand): it changed after okr close`;
      problems.push(
        problem(
          kr.file,
          kr,
          'warning',
          'frozen-score-changed',
          `key result "${name}" of objective "${objective.id ?? objective.file}", closed on ${objective.closed}: its progress is now ${Math.round(progress * 100)}% but ${was}`,
        ),
      );
    }
  }
  return problems;
}
