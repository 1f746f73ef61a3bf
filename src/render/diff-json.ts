/** Machine output of `okr diff --format json`: exact fractions, full commit ids, states spelled out. */
import type { WorkspaceDiff } from '../compute/diff.js';
import type { DiffLabels } from './diff-words.js';
import { SCHEMA_VERSION } from './json.js';

export function renderDiffJson(diff: WorkspaceDiff, labels: DiffLabels): string {
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
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
