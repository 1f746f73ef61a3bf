/** Machine output of `okr diff --format json`: exact fractions, full commit ids, states spelled out. */
import type { WorkspaceDiff } from '../compute/diff.js';
import type { WeeklyReview } from '../compute/review.js';
import type { DiffLabels } from './diff-words.js';
import { SCHEMA_VERSION } from './json.js';

/** With `review` (`--since`), also `since`, `emptyBase`, `authors` and `stalled`. */
export function renderDiffJson(diff: WorkspaceDiff, labels: DiffLabels, review?: WeeklyReview): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    today: diff.today,
    base: labels.base,
    head: labels.head,
    renamedFiles: diff.renamedFiles,
    objectives: diff.objectives,
    keyResults: diff.keyResults,
    progress: diff.progress,
    tasks: diff.tasks,
    checkins: diff.checkins,
    problems: diff.problems,
    ...(review === undefined ? {} : review),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
