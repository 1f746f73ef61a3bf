/** Small formatting shared by the renderers. */
import type { Incomplete } from '../compute/progress.js';
import type { KeyResultReport, ObjectiveReport, ReportStatus, StatusReport } from '../compute/report.js';
import type { Measure } from '../model/types.js';
import { plural } from './words.js';

/** Whole percent, rounded down so that 99.6% never reads as 100%. */
export function formatPercent(fraction: number): string {
  return `${Math.floor(fraction * 100 + 1e-9)}%`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/** A progress that may be unknown: `—` for null (an invalid item), else formatPercent. */
export function formatProgress(fraction: number | null): string {
  return fraction === null ? '—' : formatPercent(fraction);
}

/**
 * A bar of `width` cells for a fraction 0..1; an unknown progress (null) is a dotted bar, never an
 * empty one that reads as 0%. Rounded down as formatPercent is, so that only 100% fills the bar.
 */
export function progressBar(fraction: number | null, width = 10, filled = '█', empty = '░'): string {
  if (fraction === null) return '·'.repeat(width);
  const cells = Math.floor(Math.min(1, Math.max(0, fraction)) * width + 1e-9);
  return filled.repeat(cells) + empty.repeat(width - cells);
}

/** `27 / 35 %`, `4 of 7 tasks`, `milestone open`; for an invalid key result, why it is not counted. */
export function describeMeasure(kr: KeyResultReport): string {
  const { measure } = kr;
  if (kr.invalid !== null || measure === null) return invalidWords(kr.invalid);
  switch (measure.kind) {
    case 'metric': {
      const { current, target, unit } = measure;
      return `${formatNumber(current)} / ${formatNumber(target)}${unit ? ` ${unit}` : ''}`;
    }
    case 'milestone':
      return measure.done ? 'milestone done' : 'milestone open';
    case 'guardrail':
      return formatGuardrail(measure);
    case 'rollup':
      return `roll-up of ${plural(kr.contributors?.length ?? 0, 'key result')}${kr.uncountedContributors > 0 ? ` (${kr.uncountedContributors} not counted)` : ''}`;
    case 'tasks':
      if (kr.noTasks) return kr.tasks && kr.tasks.cancelled > 0 ? 'all tasks cancelled' : 'no tasks';
      return `${kr.tasks!.done} of ${kr.tasks!.total} tasks`;
  }
}

/**
 * A guardrail as a true statement about it: `99.95 ≥ 99.9 %` while held at or above its bound,
 * `99.7 < 99.9 % (breached)` when not; `280 ≤ 300 ms` / `310 > 300 ms (breached)` for one held at or
 * below. Current, bound, unit; a value on the bound is held.
 */
export function formatGuardrail(measure: Extract<Measure, { kind: 'guardrail' }>): string {
  const unit = measure.unit ? ` ${measure.unit}` : '';
  const current = formatNumber(measure.current);
  if (measure.keepAbove !== null) {
    const held = measure.current >= measure.keepAbove;
    return `${current} ${held ? '≥' : '<'} ${formatNumber(measure.keepAbove)}${unit}${held ? '' : ' (breached)'}`;
  }
  const bound = measure.keepBelow ?? 0;
  const held = measure.current <= bound;
  return `${current} ${held ? '≤' : '>'} ${formatNumber(bound)}${unit}${held ? '' : ' (breached)'}`;
}

/** `not counted: <reason> (okr lint)`: what every format says of an invalid item. */
export function invalidWords(reason: string | null): string {
  return `not counted: ${reason ?? 'it has errors'} (see okr lint)`;
}

/** `incomplete: 2 of 7 key results invalid; 1 of 3 aligned objectives invalid, 1 incomplete`. */
export function incompleteWords(incomplete: Incomplete): string {
  const parts: string[] = [];
  if (incomplete.invalidKeyResults > 0) parts.push(`${incomplete.invalidKeyResults} of ${plural(incomplete.keyResults, 'key result')} invalid`);
  if (incomplete.incompleteKeyResults > 0)
    parts.push(`${incomplete.incompleteKeyResults} of ${plural(incomplete.keyResults, 'key result')} counting only some of their contributors`);
  const objectives: string[] = [];
  if (incomplete.invalidObjectives > 0) objectives.push(`${incomplete.invalidObjectives} invalid`);
  if (incomplete.incompleteObjectives > 0) objectives.push(`${incomplete.incompleteObjectives} incomplete`);
  if (objectives.length > 0) parts.push(`${objectives.join(', ')} of ${plural(incomplete.objectives, 'aligned objective')}`);
  return `incomplete: ${parts.join('; ')}`;
}

/** An objective's id, or `(no id: <file>)` when it has none that can be read. */
export function objectiveName(objective: Pick<ObjectiveReport, 'id' | 'file'>): string {
  return objective.id ?? `(no id: ${objective.file})`;
}

/** A key result's id, or `key_results[N]` when it has none that can be read. */
export function keyResultName(kr: Pick<KeyResultReport, 'id' | 'index'>): string {
  return kr.id ?? `key_results[${kr.index}]`;
}

/** A title, or `(no title)`. */
export function titleText(title: string | null): string {
  return title ?? '(no title)';
}

/**
 * The summary line's counts: `4 objectives (1 invalid, 1 incomplete), 9 key results: 2 done, 3 on
 * track, 3 invalid`; `statusWord` writes a status (plain words, or Markdown with an icon).
 */
export function summaryCounts(report: StatusReport, statusWord: (status: ReportStatus) => string): string {
  const krs = report.objectives.flatMap((o) => o.keyResults);
  const invalidObjectives = report.objectives.filter((o) => o.status === 'invalid').length;
  const incompleteObjectives = report.objectives.filter((o) => o.status !== 'invalid' && o.incomplete !== null).length;
  const marks = [invalidObjectives > 0 ? `${invalidObjectives} invalid` : '', incompleteObjectives > 0 ? `${incompleteObjectives} incomplete` : ''].filter(Boolean);
  const counts = STATUS_ORDER.map((status) => [status, krs.filter((kr) => kr.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${statusWord(status)}`);
  const objectives = `${plural(report.objectives.length, 'objective')}${marks.length ? ` (${marks.join(', ')})` : ''}`;
  return `${objectives}, ${plural(krs.length, 'key result')}${counts.length ? `: ${counts.join(', ')}` : ''}`;
}

/** Rules of files that look meant to count but are read as plain Markdown (src/parse/near-misses.ts). */
const NOT_READ_RULES: ReadonlySet<string> = new Set(['front-matter-not-at-start', 'unknown-type', 'misspelled-okr-key', 'not-an-objective']);

/** The files of the report's problems that look meant to count but are not read, in order, each once. */
export function filesNotRead(report: StatusReport): string[] {
  return [...new Set(report.problems.filter((p) => NOT_READ_RULES.has(p.rule)).map((p) => p.file))];
}

/**
 * `1 file looks meant to count but is not read: a.md (see okr lint)`, or null: said in the report
 * itself, not only on stderr, since nothing such a file declares is in the numbers.
 */
export function notReadWords(report: StatusReport): string | null {
  const files = filesNotRead(report);
  if (files.length === 0) return null;
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
  return `${files.length === 1 ? '1 file looks' : `${files.length} files look`} meant to count but ${files.length === 1 ? 'is' : 'are'} not read: ${shown} (see okr lint)`;
}

/** The order statuses are counted in. */
export const STATUS_ORDER: readonly ReportStatus[] = ['done', 'on-track', 'at-risk', 'off-track', 'upcoming', 'invalid'];

export const STATUS_WORDS: Record<ReportStatus, string> = {
  invalid: 'invalid',
  done: 'done',
  upcoming: 'upcoming',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
};
